"""Mixed traffic against the production topology (``ontmoetingen cluster``), with a crash.

    uv run python bench/cluster.py                        # own PostgreSQL cluster in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5433/x uv run python bench/cluster.py

Starts the cluster (PostgreSQL, Redis, two granian app servers behind HAProxy, two task workers,
one scheduler; everything on 127.0.0.1, stopped by pid at the end), then:

1. **Throughput**: the same mixed traffic for ``--measure`` seconds with one app server (the
   other set to maintenance through HAProxy's admin socket) and then with two, side by side.
2. **Fault run** for ``--duration`` seconds: 80 % anonymous pages, 15 % logged-in pages, 5 %
   registrations for an open event, plus a rush of ``--rush`` registrations for one event with
   ``--seats`` seats. Halfway it kills one app server (its whole process group) and one task
   worker with SIGKILL.
3. Waits for the task queue to drain and prints requests, errors (split into those in flight at
   the kill and the rest), p50/p95/p99 per kind, confirmed registrations against capacity and
   how often each registration's mail was delivered (mails are files; exactly once expected).

Each client thread connects from its own loopback address (127.0.1.x): the proxy forwards it
(``X-Forwarded-For``, ``TRUSTED_PROXY_COUNT=1``), so the per-address abuse limits see many
visitors, as in production. With DATABASE_URL a fresh database ``bench_cluster_<pid>`` is made
on that server and dropped afterwards.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent

ANONYMOUS_PAGES = ["/", "/agenda/", "/coalities/", "/monitor/", "/gemeenten/", "/toolkit/",
                   "/organisaties/", "/begrippen/", "/agenda/bench-open/"]  # fmt: skip
LOGGED_IN_PAGES = ["/mijn/", "/", "/agenda/", "/monitor/"]
LOGIN = ("professional@demo.kansrijke-ontmoetingen.nl", "kansrijk-demo-2026")
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE_RE = re.compile(r"^([^=;]+)=([^;]*)")

SETUP = """
from datetime import timedelta
from django.utils import timezone
from ontmoetingen.events.models import Event
start = timezone.now() + timedelta(days=30)
for slug, capacity in (("bench-rush", {seats}), ("bench-open", 100000)):
    Event.objects.filter(slug=slug).delete()
    Event.objects.create(title="Benchmark " + slug, slug=slug, kind="conferentie",
        status="published", starts_at=start, ends_at=start + timedelta(hours=6),
        capacity=capacity, venue="Jaarbeurs", is_national=True)
"""
RESULTS = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from ontmoetingen.events.models import Event, Registration
events = {e.slug: e.capacity for e in Event.objects.filter(slug__startswith="bench-")}
rows = Registration.objects.filter(event__slug__startswith="bench-")
statuses = {f"{r['event__slug']}/{r['status']}": r["n"]
    for r in rows.values("event__slug", "status").annotate(n=Count("pk"))}
tasks = {r["status"]: r["n"] for r in DBTaskResult.objects.values("status").annotate(n=Count("pk"))}
print(json.dumps({"capacity": events, "statuses": statuses, "tasks": tasks,
    "emails": sorted(rows.values_list("email", flat=True))}))
"""


@dataclass
class Sample:
    kind: str
    started: float
    latency: float
    status: int
    error: str = ""


@dataclass
class Traffic:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


class Client:
    """One visitor: its own loopback source address, keep-alive connection and cookies."""

    def __init__(self, base: str, source: str, timeout: float = 60):
        self.timeout = timeout
        parts = urlsplit(base)
        self.host, self.port, self.source = parts.hostname, parts.port, source
        self.cookies: dict[str, str] = {}
        self.connection = None

    def request(self, method: str, path: str, data: dict | None = None):
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urlencode(data) if data is not None else None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.connection is None:
            self.connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout, source_address=(self.source, 0)
            )
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except Exception:
            self.close()
            raise
        for header, value in response.getheaders():
            match = COOKIE_RE.match(value) if header.lower() == "set-cookie" else None
            if match:
                self.cookies[match.group(1)] = match.group(2)
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, text

    def token(self, path: str) -> str:
        status, text = self.request("GET", path)
        match = TOKEN_RE.search(text)
        if status != 200 or not match:
            raise RuntimeError(f"GET {path}: {status}, no form")
        return match.group(1)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def registration(token: str, email: str) -> dict:
    return {"csrfmiddlewaretoken": token, "name": "Deelnemer (voorbeeld)", "email": email,
            "organisation": "Praktijk (voorbeeld)", "role": "verloskundige",
            "domain": "sociaal", "work_municipality": "", "consent": "on"}  # fmt: skip


def timed(traffic: Traffic, kind: str, call, ok=(200, 302)) -> None:
    started = time.time()
    begin = time.perf_counter()
    try:
        status, error = call(), ""
    except Exception as exc:
        status, error = 0, f"{type(exc).__name__}: {exc}"
    if status not in ok and not error:
        error = f"HTTP {status}"
    traffic.add(Sample(kind, started, time.perf_counter() - begin, status, error))


def register(client: Client, slug: str, email: str) -> int:
    path = f"/agenda/{slug}/aanmelden/"
    status, _ = client.request("POST", path, registration(client.token(path), email))
    return status


class Load:
    """``clients`` threads sending the mixed traffic until ``stop`` is set."""

    def __init__(self, base: str, clients: int, traffic: Traffic, tag: str):
        self.base, self.clients, self.traffic, self.tag = base, clients, traffic, tag
        self.stop = threading.Event()
        self.counter = 0
        self.counter_lock = threading.Lock()

    def email(self) -> str:
        with self.counter_lock:
            self.counter += 1
            return f"{self.tag}-{self.counter}@bench.voorbeeld.nl"

    def login(self, client: Client) -> None:
        token = client.token("/inloggen/")
        client.request("POST", "/inloggen/", {"csrfmiddlewaretoken": token,
                                              "username": LOGIN[0], "password": LOGIN[1]})  # fmt: skip

    def run_client(self, number: int) -> None:
        rng = random.Random(number)
        anonymous = Client(self.base, f"127.0.1.{number + 1}")
        member = Client(self.base, f"127.0.2.{number + 1}")
        timed(self.traffic, "login", lambda: self.login(member) or 200)
        while not self.stop.is_set():
            roll = rng.random()
            if roll < 0.80:
                page = rng.choice(ANONYMOUS_PAGES)
                timed(self.traffic, "anonymous", lambda p=page: anonymous.request("GET", p)[0])
            elif roll < 0.95:
                page = rng.choice(LOGGED_IN_PAGES)
                timed(self.traffic, "logged-in", lambda p=page: member.request("GET", p)[0])
            else:
                fresh = Client(self.base, f"127.0.3.{number + 1}")
                timed(
                    self.traffic,
                    "register",
                    lambda c=fresh: register(c, "bench-open", self.email()),
                )
                fresh.close()
        anonymous.close()
        member.close()

    def run(self, seconds: float, during=None) -> float:
        threads = [threading.Thread(target=self.run_client, args=(i,)) for i in range(self.clients)]
        begin = time.perf_counter()
        for thread in threads:
            thread.start()
        if during:
            during()
        remaining = seconds - (time.perf_counter() - begin)
        self.stop.wait(max(0.0, remaining))
        self.stop.set()
        for thread in threads:
            thread.join(60)
        return time.perf_counter() - begin


class Rush:
    """``n`` visitors, each from its own address, open the rush event's form beforehand and
    submit it at the same moment."""

    def __init__(self, base: str, n: int, traffic: Traffic):
        self.traffic = traffic
        self.clients = [Client(base, f"127.0.{10 + i // 200}.{i % 200 + 1}", 120) for i in range(n)]
        self.tokens: list[str | None] = [None] * n
        threads = [threading.Thread(target=self.prepare, args=(i,)) for i in range(n)]
        for batch in range(0, n, 8):
            for thread in threads[batch : batch + 8]:
                thread.start()
            for thread in threads[batch : batch + 8]:
                thread.join(120)

    def prepare(self, i: int) -> None:
        try:
            self.tokens[i] = self.clients[i].token("/agenda/bench-rush/aanmelden/")
        except (OSError, RuntimeError) as exc:
            self.traffic.add(Sample("rush", time.time(), 0.0, 0, f"form: {exc}"))
        self.clients[i].close()

    def one(self, i: int) -> None:
        data = registration(self.tokens[i], f"rush-{i}@bench.voorbeeld.nl")
        post = self.clients[i].request
        timed(self.traffic, "rush", lambda: post("POST", "/agenda/bench-rush/aanmelden/", data)[0])
        self.clients[i].close()

    def fire(self) -> None:
        ready = [i for i, token in enumerate(self.tokens) if token]
        threads = [threading.Thread(target=self.one, args=(i,)) for i in ready]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class ClusterRun:
    """``ontmoetingen cluster`` as a child process; its state from ``cluster.json``."""

    def __init__(self, data_dir: Path, database_url: str, app_servers: int, seed: str):
        self.data_dir = data_dir
        self.log = (data_dir.parent / f"{data_dir.name}.out").open("w")
        args = [sys.executable, "-m", "ontmoetingen.cli", "cluster", "--data-dir", str(data_dir),
                "--app-servers", str(app_servers), "--seed", seed]  # fmt: skip
        if database_url:
            args += ["--database-url", database_url]
        env = {**os.environ, "LOG_REQUESTS": "0", "LOG_LEVEL": "WARNING"}
        env.pop("DATABASE_URL", None)
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 900
        while not (data_dir / "cluster.json").exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"cluster did not start; see {self.log.name}")
            time.sleep(1)
        self.state = json.loads((data_dir / "cluster.json").read_text())
        self.url = self.state["url"]

    def component(self, name: str) -> dict:
        return next(c for c in self.state["components"] if c["name"] == name)

    def env(self) -> dict:
        env = {**os.environ, "ONTMOETINGEN_DATA_DIR": str(self.data_dir)}
        env.update(DATABASE_URL=self.state["database_url"], REDIS_URL=self.state["redis_url"],
                   DJANGO_SETTINGS_MODULE="config.settings", LOG_LEVEL="WARNING")  # fmt: skip
        return env

    def shell(self, code: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "ontmoetingen.cli", "shell", "-v0", "-c", code],
            cwd=ROOT, env=self.env(), check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip

    def haproxy(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(str(self.data_dir / "cluster-logs" / "haproxy.sock"))
            sock.sendall(command.encode() + b"\n")
            return sock.recv(65536).decode()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def postgres_database(url: str) -> tuple[str, str]:
    import psycopg

    name = f"bench_cluster_{os.getpid()}"
    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_postgres_database(url: str, name: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def throughput(
    cluster: ClusterRun, servers: int, seconds: float, clients: int, tag: str = ""
) -> dict:
    """Mixed traffic with ``servers`` app servers in rotation (app2 in maintenance for 1)."""
    for server in ("app2", "app2-fallback"):
        cluster.haproxy(f"set server app/{server} state {'ready' if servers > 1 else 'maint'}")
    traffic = Traffic()
    wall = Load(cluster.url, clients, traffic, tag or f"tp{servers}").run(seconds)
    pages = [s for s in traffic.samples if s.kind in ("anonymous", "logged-in")]
    latencies = [s.latency for s in pages if not s.error]
    return {"servers": servers, "rps": len(pages) / wall, "errors": sum(1 for s in pages if s.error),
            "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95)}  # fmt: skip


def kill_in_the_middle(cluster: ClusterRun, seconds: float, kills: dict) -> callable:
    def during() -> None:
        time.sleep(seconds / 2)
        app, worker = cluster.component("app1"), cluster.component("worker1")
        kills["at"] = time.time()
        os.killpg(app["pgid"], signal.SIGKILL)
        os.kill(worker["pid"], signal.SIGKILL)
        kills["killed"] = f"app1 (process group {app['pgid']}), worker1 (pid {worker['pid']})"

    return during


def fault_run(cluster: ClusterRun, args) -> dict:
    traffic, kills = Traffic(), {}
    load = Load(cluster.url, args.clients, traffic, "fault")
    rusher = threading.Timer(args.duration / 4, Rush(cluster.url, args.rush, traffic).fire)
    rusher.start()
    wall = load.run(args.duration, during=kill_in_the_middle(cluster, args.duration, kills))
    rusher.join(180)
    return {"traffic": traffic, "kills": kills, "wall": wall}


def drain(cluster: ClusterRun, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        state = json.loads(cluster.shell(RESULTS))
        if not state["tasks"].get("READY") or time.monotonic() > deadline:
            return state
        time.sleep(2)


def delivered_mails(mail_dir: Path) -> dict[str, int]:
    """How many delivered messages each bench address received (the file backend writes every
    message once, with its To: header)."""
    counts: dict[str, int] = defaultdict(int)
    for path in mail_dir.glob("*.log"):
        for match in re.finditer(r"^To: (\S+@bench\.voorbeeld\.nl)$", path.read_text(), re.M):
            counts[match.group(1)] += 1
    return counts


def kind_table(samples: list[Sample]) -> list[str]:
    lines = [
        f"{'kind':<10} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    ]
    for kind in ("anonymous", "logged-in", "register", "rush", "login"):
        rows = [s for s in samples if s.kind == kind]
        ok = [s.latency * 1000 for s in rows if not s.error]
        lines.append(
            f"{kind:<10} {len(rows):>8} {sum(1 for s in rows if s.error):>6} "
            f"{percentile(ok, 0.5):>7.0f} {percentile(ok, 0.95):>7.0f} {percentile(ok, 0.99):>7.0f}"
        )
    return lines


def error_lines(samples: list[Sample], kill_at: float) -> list[str]:
    errors = [s for s in samples if s.error]
    in_flight = [s for s in errors if s.started <= kill_at <= s.started + s.latency]
    other = [s for s in errors if s not in in_flight]
    lines = [f"errors              {len(errors)}: {len(in_flight)} in flight at the kill, "
             f"{len(other)} other"]  # fmt: skip
    for sample in (in_flight + other)[:8]:
        when = sample.started - kill_at
        lines.append(f"  {sample.kind:<10} {sample.error[:70]}  (started {when:+.2f} s from kill)")
    return lines


def mail_lines(state: dict, mails: dict[str, int]) -> list[str]:
    emails = state["emails"]
    once = sum(1 for e in emails if mails.get(e) == 1)
    missing = [e for e in emails if not mails.get(e)]
    twice = [e for e in emails if mails.get(e, 0) > 1]
    strays = [e for e in mails if e not in set(emails)]
    lines = [f"mails               {len(emails)} registrations: {once} mailed exactly once, "
             f"{len(missing)} not (yet) mailed, {len(twice)} more than once, "
             f"{len(strays)} to addresses without registration"]  # fmt: skip
    tasks = state["tasks"]
    lines.append(f"task queue          {json.dumps(tasks, sort_keys=True)}")
    if missing and tasks.get("RUNNING"):
        lines.append(f"                    {tasks['RUNNING']} task(s) stay RUNNING: claimed by the "
                     "killed worker (not re-run, so never twice)")  # fmt: skip
    return lines


def registration_lines(state: dict) -> list[str]:
    lines = []
    for slug, capacity in sorted(state["capacity"].items()):
        confirmed = state["statuses"].get(f"{slug}/confirmed", 0)
        waitlisted = state["statuses"].get(f"{slug}/waitlisted", 0)
        verdict = "OVERSOLD" if confirmed > capacity else "ok"
        lines.append(f"{slug:<19} confirmed {confirmed} / capacity {capacity}, "
                     f"waitlisted {waitlisted}: {verdict}")  # fmt: skip
    return lines


def report(args, throughputs: list[dict], fault: dict, state: dict, mails: dict) -> bool:
    samples, kills = fault["traffic"].samples, fault["kills"]
    print(f"load average        {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("throughput (mixed pages, same clients, side by side):")
    for row in throughputs:
        print(f"  {row['servers']} app server(s)   {row['rps']:7.1f} req/s   "
              f"p50 {row['p50'] * 1000:5.0f} ms   p95 {row['p95'] * 1000:5.0f} ms   "
              f"errors {row['errors']}")  # fmt: skip
    if len(throughputs) == 2 and throughputs[0]["rps"]:
        print(f"  ratio 2/1           {throughputs[1]['rps'] / throughputs[0]['rps']:.2f}")
    print(f"fault run           {fault['wall']:.0f} s, {args.clients} clients + rush of "
          f"{args.rush} for {args.seats} seats")  # fmt: skip
    print(f"killed (SIGKILL)    {kills.get('killed', 'nothing')}")
    print(f"requests            {len(samples)}")
    for line in error_lines(samples, kills.get("at", 0)) + kind_table(samples):
        print(line)
    for line in registration_lines(state) + mail_lines(state, mails):
        print(line)
    oversold = any("OVERSOLD" in line for line in registration_lines(state))
    twice = any(count > 1 for count in mails.values())
    kill_at = kills.get("at", 0)
    unexpected = [
        s for s in samples if s.error and not s.started <= kill_at <= s.started + s.latency
    ]
    return not oversold and not twice and not unexpected


def run(args) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    database_url, pg_name = "", None
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        database_url, pg_name = postgres_database(os.environ["DATABASE_URL"])
    cluster = None
    try:
        cluster = ClusterRun(workdir / "data", database_url, 2, args.seed)
        cluster.shell(SETUP.format(seats=args.seats) + "\nprint('ok')")
        throughput(cluster, 2, 5, args.clients, "warm-up")  # warm-up: caches, connections
        throughputs = [throughput(cluster, n, args.measure, args.clients) for n in (1, 2)]
        fault = fault_run(cluster, args)
        state = drain(cluster)
        ok = report(args, throughputs, fault, state, delivered_mails(workdir / "data" / "mail"))
    finally:
        if cluster:
            cluster.stop()
        if pg_name:
            drop_postgres_database(os.environ["DATABASE_URL"], pg_name)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="fault run, seconds")
    parser.add_argument("--measure", type=float, default=15, help="each throughput run, seconds")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rush", type=int, default=150)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--seed", choices=["small", "national"], default="small")
    parser.add_argument("--keep", action="store_true", help="keep the data directory and logs")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
