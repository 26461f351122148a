"""Registration rush benchmark: 300 clients for 100 seats over HTTP against the production
server configuration (granian, WSGI, 2 workers, backpressure), plus the throughput of a
minimal Django view (/healthz) in the same run, for comparison.

    uv run python bench/registration_rush.py                      # SQLite (fresh data dir)
    DATABASE_URL=postgres://postgres@127.0.0.1:5433/x uv run python bench/registration_rush.py

With DATABASE_URL pointing at PostgreSQL a fresh database ``bench_rush_<pid>`` is created on
that server and dropped afterwards. The server is started with a pid file and stopped by its id.
Figures on a shared 2-core machine are noisy: compare the ratio to /healthz, not absolutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.concurrency.harness import Client, Rush, percentile, registration_data  # noqa: E402

SETUP = """
import json
from datetime import timedelta
from django.utils import timezone
from ontmoetingen.events.models import Event
Event.objects.filter(slug="bench-rush").delete()
start = timezone.now() + timedelta(days=30)
Event.objects.create(title="Benchmark rush", slug="bench-rush", kind="conferentie",
    status="published", starts_at=start, ends_at=start + timedelta(hours=6),
    capacity={capacity}, venue="Jaarbeurs", is_national=True)
"""
COUNT = """
import json
from ontmoetingen.events.models import Registration
rows = list(Registration.objects.filter(event__slug="bench-rush").order_by("pk").values_list("status", flat=True))
print(json.dumps(rows))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "ontmoetingen.cli", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def postgres_database(url: str) -> tuple[str, str]:
    """A fresh database on the server of ``url``: (its URL, its name)."""
    import psycopg

    name = f"bench_rush_{os.getpid()}"
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


class Server:
    def __init__(self, env: dict, port: int, workdir: Path, workers: int, backpressure: int):
        self.env, self.port, self.workdir = env, port, workdir
        self.pid_file = workdir / "granian.pid"
        self.log = (workdir / "granian.log").open("w")
        self.args = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--backpressure",
            str(backpressure),
            "--pid-file",
            str(self.pid_file),
            "--no-ws",
            "bench.wsgi:application",
        ]

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.args, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                client = Client(f"http://127.0.0.1:{self.port}", timeout=2)
                status, _, _ = client.request("GET", "/healthz")
                client.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"server did not start; see {self.log.name}")

    def cpu_seconds(self) -> float:
        """User + system CPU time of granian and its worker processes so far (/proc)."""
        main = int(self.pid_file.read_text().strip()) if self.pid_file.exists() else None
        pids = {main or self.process.pid, self.process.pid}
        return sum(cpu for pid, ppid, _, cpu, _ in _processes() if pid in pids or ppid in pids)

    def log_tail(self, lines: int = 30) -> str:
        self.log.flush()
        return "\n".join(Path(self.log.name).read_text().splitlines()[-lines:])

    def stop(self) -> None:
        pid = int(self.pid_file.read_text().strip()) if self.pid_file.exists() else self.process.pid
        os.kill(pid, signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            os.kill(pid, signal.SIGKILL)
            self.process.wait(5)
        self.log.close()


def healthz_throughput(base_url: str, *, seconds: float, connections: int) -> dict:
    """Requests per second on /healthz: wrk when installed, else the Python clients."""
    if shutil.which("wrk"):
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds:.0f}s",
                "--latency",
                f"{base_url}/healthz",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rps = next(
            float(line.split()[1])
            for line in output.splitlines()
            if line.startswith("Requests/sec")
        )
        p99 = next(
            (line.split()[1] for line in output.splitlines() if line.strip().startswith("99%")), "?"
        )
        result = {"tool": "wrk", "rps": rps, "p99": p99}
    else:
        result = {"tool": "wrk missing"}
    # the same Python clients as the rush, so the two figures are comparable
    stop = time.perf_counter() + min(seconds, 3)
    counts = [0] * connections

    def loop(i: int) -> None:
        client = Client(base_url)
        while time.perf_counter() < stop:
            client.request("GET", "/healthz")
            counts[i] += 1
        client.close()

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(connections)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result["python_clients_rps"] = sum(counts) / (time.perf_counter() - begin)
    return result


def _processes():
    """(pid, parent pid, name, own CPU seconds, CPU seconds of ended children) of every
    process on this machine (/proc; user + system time)."""
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        fields = tail.split()
        own = (int(fields[11]) + int(fields[12])) / tick
        children = (int(fields[13]) + int(fields[14])) / tick
        yield int(stat.parent.name), int(fields[1]), head.split("(", 1)[1], own, children


def postgres_cpu_seconds() -> float | None:
    """User + system CPU time of the PostgreSQL processes on this machine so far, backends
    that ended included (counted in the postmaster's children times); None when there are
    none (SQLite, or a database on another machine)."""
    cpu = [own + ended for _, _, name, own, ended in _processes() if name.startswith("postgres")]
    return sum(cpu) if cpu else None


def _profile(path: Path) -> dict:
    """Summary of bench/profiling.py's lines: inside the app, per registration POST."""
    rows = [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []
    rows = [r for r in rows if r["status"] == 302]

    def pct(key: str, fraction: float) -> float:
        return round(percentile([r[key] for r in rows], fraction), 1)

    def mean(key: str) -> float:
        return round(sum(r[key] for r in rows) / len(rows), 1) if rows else 0.0

    return {
        "posts": len(rows),
        "cpu_ms": {"mean": mean("cpu_ms"), "p50": pct("cpu_ms", 0.5), "p95": pct("cpu_ms", 0.95)},
        "queries": {"mean": mean("queries"), "max": max((r["queries"] for r in rows), default=0)},
        "wall_ms": {"p50": pct("wall_ms", 0.5), "p95": pct("wall_ms", 0.95)},
        "lock_wait_ms": {"p50": pct("lock_wait_ms", 0.5), "p95": pct("lock_wait_ms", 0.95)},
        "lock_held_ms": {"p50": pct("lock_held_ms", 0.5), "p95": pct("lock_held_ms", 0.95)},
        "lock_held_cpu_ms": {
            "p50": pct("lock_held_cpu_ms", 0.5),
            "p95": pct("lock_held_cpu_ms", 0.95),
        },
    }


def run(database_url: str, *, clients: int, seats: int, workers: int, backpressure: int) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="bench-rush-"))
    profile = workdir / "profile.jsonl"
    env = {
        **os.environ,
        "ONTMOETINGEN_DATA_DIR": str(workdir),
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "BENCH_PROFILE_FILE": str(profile),
    }
    env.pop("DATABASE_URL", None)
    pg_name = None
    if database_url.startswith("postgres"):
        env["DATABASE_URL"], pg_name = postgres_database(database_url)
    label = "PostgreSQL" if pg_name else "SQLite"
    port = free_port()
    server = Server(env, port, workdir, workers, backpressure)
    log_tail = ""
    marks = {}

    def on_start() -> None:
        profile.unlink(missing_ok=True)  # the GETs of the form before the rush do not count
        marks.update(
            server_cpu=server.cpu_seconds(),
            client_cpu=time.process_time(),
            database_cpu=postgres_cpu_seconds() if pg_name else None,
            load_before=os.getloadavg(),
        )

    try:
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "createcachetable")  # rate-limit counters live in the database cache
        manage(env, "shell", "-v0", "-c", SETUP.format(capacity=seats))
        server.start()
        base = f"http://127.0.0.1:{port}"
        path = "/agenda/bench-rush/aanmelden/"

        def prepare(client, i):
            return path, registration_data(client.form_token(path), i, domain="sociaal")

        # every client its own loopback address: 300 people, not one address over its limits
        rush = Rush(base, clients, own_addresses=True)
        results = rush.run(prepare, timeout=300, on_start=on_start)
        marks.update(
            server_cpu=server.cpu_seconds() - marks["server_cpu"],
            client_cpu=time.process_time() - marks["client_cpu"],
            database_cpu=(
                postgres_cpu_seconds() - marks["database_cpu"]
                if marks["database_cpu"] is not None
                else None
            ),
            load_after=os.getloadavg(),
        )
        inside = _profile(profile)
        health = healthz_throughput(base, seconds=5, connections=32)
        statuses = json.loads(manage(env, "shell", "-v0", "-c", COUNT).strip().splitlines()[-1])
        if any(r.status != 302 for r in results):
            log_tail = server.log_tail()
    finally:
        server.stop()
        if pg_name:
            drop_postgres_database(database_url, pg_name)
        shutil.rmtree(workdir, ignore_errors=True)
    latencies = [r.latency for r in results if r.status == 302]
    errors = [r for r in results if r.status != 302]
    confirmed = statuses.count("confirmed")
    expected = ["confirmed"] * min(len(statuses), seats) + ["waitlisted"] * max(
        0, len(statuses) - seats
    )
    return {
        "database": label,
        "clients": clients,
        "seats": seats,
        "workers": workers,
        "backpressure": backpressure,
        "confirmed": confirmed,
        "waitlisted": statuses.count("waitlisted"),
        "errors": len(errors),
        "error_sample": (errors[0].error or errors[0].status) if errors else None,
        "server_log_tail": log_tail,
        "in_arrival_order": statuses == expected,
        "oversold": confirmed > seats,
        "registrations_per_second": round(clients / rush.wall, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000),
        "p95_ms": round(percentile(latencies, 0.95) * 1000),
        "p99_ms": round(percentile(latencies, 0.99) * 1000),
        "max_ms": round(max(latencies, default=0) * 1000),
        "server_cpu_ms_per_registration": round(marks["server_cpu"] * 1000 / clients, 1),
        "client_cpu_ms_per_registration": round(marks["client_cpu"] * 1000 / clients, 1),
        "database_cpu_ms_per_registration": (
            round(marks["database_cpu"] * 1000 / clients, 1)
            if marks["database_cpu"] is not None
            else None
        ),
        "load_before": [round(x, 2) for x in marks["load_before"]],
        "load_after": [round(x, 2) for x in marks["load_after"]],
        "inside_app": inside,
        "healthz": health,
    }


def print_report(report: dict) -> None:
    health, inside = report["healthz"], report["inside_app"]
    load = " ".join(f"{x:.2f}" for x in report["load_before"])
    print(f"database            {report['database']}")
    print(
        f"server              granian, {report['workers']} workers, backpressure {report['backpressure']}"
    )
    print(f"load average        {load} (1/5/15 min, before the rush)")
    print(f"clients / seats     {report['clients']} / {report['seats']}")
    print(f"confirmed           {report['confirmed']}")
    print(f"waitlisted          {report['waitlisted']}")
    print(
        f"errors              {report['errors']}"
        + (f" (e.g. {report['error_sample']})" if report["errors"] else "")
    )
    print(
        f"oversold            {report['oversold']}   in arrival order: {report['in_arrival_order']}"
    )
    print(f"registrations/s     {report['registrations_per_second']}")
    print(
        f"latency p50/p95/p99 {report['p50_ms']} / {report['p95_ms']} / {report['p99_ms']} ms"
        f"   (max {report['max_ms']} ms; from sending the POST to its answer, queueing included)"
    )
    print(
        f"CPU per registration server {report['server_cpu_ms_per_registration']} ms (granian "
        f"processes), clients {report['client_cpu_ms_per_registration']} ms (this process)"
        + (
            f", PostgreSQL {report['database_cpu_ms_per_registration']} ms (its processes here)"
            if report["database_cpu_ms_per_registration"] is not None
            else ""
        )
    )
    print(
        f"inside the app      CPU {inside['cpu_ms']['mean']} ms mean (p95 {inside['cpu_ms']['p95']}), "
        f"{inside['queries']['mean']} queries (max {inside['queries']['max']}), "
        f"wall p50/p95 {inside['wall_ms']['p50']} / {inside['wall_ms']['p95']} ms"
    )
    print(
        f"event lock          wait p50/p95 {inside['lock_wait_ms']['p50']} / "
        f"{inside['lock_wait_ms']['p95']} ms, held p50/p95 {inside['lock_held_ms']['p50']} / "
        f"{inside['lock_held_ms']['p95']} ms (CPU while held p50/p95 "
        f"{inside['lock_held_cpu_ms']['p50']} / {inside['lock_held_cpu_ms']['p95']} ms)"
    )
    if "rps" in health:
        print(f"/healthz (wrk)      {health['rps']:.0f} req/s, p99 {health['p99']}")
    print(
        f"/healthz (python)   {health['python_clients_rps']:.0f} req/s with the rush's own clients"
    )
    if report["server_log_tail"]:
        print("--- server log (last lines) ---")
        print(report["server_log_tail"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    # as in production: the proxy lets 4 requests at a time into each granian process
    parser.add_argument("--backpressure", type=int, default=4)
    args = parser.parse_args()
    report = run(
        os.environ.get("DATABASE_URL", ""),
        clients=args.clients,
        seats=args.seats,
        workers=args.workers,
        backpressure=args.backpressure,
    )
    print_report(report)
    print(json.dumps({k: v for k, v in report.items() if k != "server_log_tail"}))
    return 0 if report["errors"] == 0 and not report["oversold"] else 1


if __name__ == "__main__":
    sys.exit(main())
