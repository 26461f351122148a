"""Requests per second of the public pages at national demo scale, cached and uncached, next to
a bare view.

    uv run python bench/pages.py [--data-dir var/bench] [--duration 8] [--connections 8]
    uv run python bench/pages.py --mode cached       # or: uncached, both (default)

What it does, in order:
1. prepares a separate data directory (only when it has no database yet, or with --reseed):
   migrate, createcachetable, ``seed_demo --scale national``; collectstatic on every run;
2. counts the queries of one uncached render of every page (Django's test client);
3. for each mode (page cache ON: anonymous visitors from a warm cache; OFF:
   ``PAGE_CACHE_ENABLED=0``, every request renders) starts the production server, granian
   (``--interface wsgi``, 2 workers, ``--backpressure``), on 127.0.0.1 only, with a pid file,
   using ``bench.settings`` (the project's settings plus the bare view ``/bench/minimal``);
   checks every page answers 200 and notes its size plain and gzipped; runs ``wrk`` for a
   bounded duration on each page, the bare view first and last (the ratio uses the mean of the
   two), and reads the CPU time the granian processes used (``/proc``) per request;
4. stops the server by the pid in its pid file, then prints per page: req/s, ratio to the bare
   view, CPU ms per request, p50/p99, queries, bytes and gzip bytes.

Figures on a shared 2-core machine are noisy (5-15 % run to run): compare the ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "ontmoetingen.cli"]
MINIMAL = "/bench/minimal"
HEALTHZ = "/healthz"
START_TIMEOUT = 60


def _env(data_dir: Path, *, persistent: bool = False) -> dict:
    env = {**os.environ, "ONTMOETINGEN_DATA_DIR": str(data_dir)}
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    env.pop("DEBUG", None)
    env.pop("DATABASE_URL", None)
    if persistent:
        # the same SQLite file through DATABASE_URL, which settings open with conn_max_age=60
        env["DATABASE_URL"] = f"sqlite:///{data_dir / 'db.sqlite3'}"
    return env


def _run(data_dir: Path, command: list[str]) -> None:
    print("$ ontmoetingen", " ".join(command), flush=True)
    started = time.monotonic()
    subprocess.run([*CLI, *command], env=_env(data_dir), cwd=ROOT, check=True)
    print(f"  {time.monotonic() - started:.1f} s", flush=True)


def prepare(data_dir: Path, *, reseed: bool) -> None:
    database = data_dir / "db.sqlite3"
    if reseed and data_dir.exists():
        shutil.rmtree(data_dir)
    if database.exists():
        print(f"data directory {data_dir} is ready (use --reseed to start over)")
        # an older directory keeps up with the code: new migrations
        _run(data_dir, ["migrate", "--noinput", "-v0"])
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["createcachetable"],
            ["seed_demo", "--scale", "national"],
        ):
            _run(data_dir, command)
    # every run: the pages link the hashed names of the static files of this checkout
    _run(data_dir, ["collectstatic", "--noinput", "-v0"])


def pick_municipality(data_dir: Path) -> str:
    """A municipality that has a coalition and organisations (the heavier detail page)."""
    code = subprocess.run(
        [
            *CLI,
            "shell",
            "-c",
            "from ontmoetingen.coalitions.models import CoalitionMunicipality as L;"
            "link = L.objects.filter(active=True, coalition__active=True)"
            ".order_by('municipality_id').first();"
            "print(link.municipality_id if link else 'GM0363')",
        ],
        env=_env(data_dir),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return code.splitlines()[-1] if code else "GM0363"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(
    data_dir: Path, *, port: int, backpressure: int, persistent: bool
) -> tuple[subprocess.Popen, Path]:
    pid_file = data_dir / "bench-granian.pid"
    pid_file.unlink(missing_ok=True)
    # the app still writes its line per request (as in production), to a file, not the report
    log = (data_dir / "bench-granian.log").open("a")
    server = subprocess.Popen(
        [
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
            "2",
            "--backpressure",
            str(backpressure),
            "--no-ws",
            "--log-level",
            "warning",
            "--pid-file",
            str(pid_file),
            "bench.wsgi:application",
        ],
        env=_env(data_dir, persistent=persistent),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()  # the server has its own copy of the file
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"granian exited with {server.returncode}; see {data_dir}/bench-granian.log"
            )
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTHZ}", timeout=2) as r:
                if r.status == 200 and pid_file.exists():
                    return server, pid_file
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    stop_server(server, pid_file)
    raise SystemExit("granian did not answer /healthz in time")


def stop_server(server: subprocess.Popen, pid_file: Path) -> None:
    """Stop granian by the pid it wrote (its main process stops its workers)."""
    if pid_file.exists():
        pid = int(pid_file.read_text().strip())
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
    pid_file.unlink(missing_ok=True)


REACH = "/monitor/bereik/"
PUBLIC_PAGES = [
    "/",
    "/monitor/",
    "/coalities/",
    "/gemeenten/",
    "/organisaties/",
    "/toolkit/",
    "/agenda/",
    "/begrippen/",
    "/begrippen/kraamzorg/",  # a term page: its texts mark other terms (a term of the demo)
]


def team_cookie(data_dir: Path) -> str:
    """A project-team session in the bench database (the reach page needs a login)."""
    return (
        subprocess.run(
            [
                *CLI,
                "shell",
                "-c",
                "from bench.reach_data import team_session_cookie as c; print(c())",
            ],
            env=_env(data_dir),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )  # the shell may print a line about its imports first


def check(url: str, cookie: str = "") -> int:
    """The page answers 200; returns its size in bytes (also warms the workers)."""
    size = 0
    for _ in range(4):
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200:
                raise SystemExit(f"{url} answered {response.status}")
            size = len(response.read())
    return size


def _seconds(value: str, unit: str) -> float:
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk(
    url: str, *, duration: int, connections: int, threads: int, cookie: str = "", gzip=False
) -> dict:
    result = subprocess.run(
        [
            "wrk",
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            *(["-H", "Accept-Encoding: gzip"] if gzip else []),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 30,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = re.search(r"(\d+) requests in", out)
    latency = {
        pct: _seconds(value, unit)
        for pct, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
    }
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors:.*", out)
    return {
        "rps": rps,
        "requests": int(total.group(1)) if total else 0,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(0) if socket_errors else "",
    }


def server_pids(main_pid: int) -> list[int]:
    """granian's main process and its workers."""
    pids = [main_pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == main_pid:
                pids.append(int(stat.parent.name))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def gzip_size(url: str, cookie: str = "") -> int:
    headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
        return len(r.read())


QUERY_COUNT_SCRIPT = """
import json, sys
from django.conf import settings
from django.db import connection
from django.test import Client
settings.PAGE_CACHE_ENABLED = False
pages = json.loads(sys.argv[-1])
out = {}
count = [0]
def counting(execute, sql, params, many, context):
    # an execute wrapper, not CaptureQueriesContext: the request_started signal empties
    # connection.queries_log at the start of every request the test client makes
    count[0] += 1
    return execute(sql, params, many, context)
for path, cookie in pages:
    client = Client(HTTP_COOKIE=cookie) if cookie else Client()
    client.get(path)  # warm per-process caches (and the fragment cache), as a server has them
    count[0] = 0
    with connection.execute_wrapper(counting):
        client.get(path)
    out[path] = count[0]
print(json.dumps(out))
"""


def query_counts(data_dir: Path, pages: list[str], cookies: dict) -> dict:
    """Queries per render without the page cache, fragments warm (Django's test client in the
    bench database)."""
    env = _env(data_dir)
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    payload = json.dumps([[p, cookies.get(p, "")] for p in pages])
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, sys; django.setup(); exec(sys.argv[1])",
            QUERY_COUNT_SCRIPT,
            payload,
        ],
        env={**env, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _wrk_requests(run: dict) -> int:
    return max(1, run.get("requests", 0))


def measure(args, data_dir: Path, pages: list[str], cookies: dict, *, cached: bool) -> dict:
    """Start a server with the page cache on or off, load every page, stop it."""
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    os.environ["PAGE_CACHE_ENABLED"] = "1" if cached else "0"
    server, pid_file = start_server(
        data_dir, port=port, backpressure=args.backpressure, persistent=args.persistent_connections
    )
    results: dict = {"runs": {}, "bytes": {}, "gzip": {}}
    try:
        pids = server_pids(int(pid_file.read_text().strip()))
        for path in pages:
            results["bytes"][path] = check(base + path, cookies.get(path, ""))
            results["gzip"][path] = gzip_size(base + path, cookies.get(path, ""))
        for path in [*pages, MINIMAL]:  # the floor first and last: the machine drifts
            before = cpu_seconds(pids)
            run = wrk(
                base + path,
                duration=args.duration,
                connections=args.connections,
                threads=args.threads,
                cookie=cookies.get(path, ""),
                gzip=args.gzip,
            )
            run["cpu_ms"] = (cpu_seconds(pids) - before) * 1000 / _wrk_requests(run)
            results["runs"].setdefault(path, []).append(run)
    finally:
        stop_server(server, pid_file)
    return results


# Targets of issue 14, as a share of the bare view's requests per second in the same run.
# On a CPU-bound server that share is the bare view's CPU time per request divided by the
# page's, so each target becomes a budget in CPU ms per request: bare CPU ms / share.
TARGET_RATIO = {"cached": 0.50, "uncached": 0.10}
NO_BUDGET = (MINIMAL, HEALTHZ)  # the floor and the database probe


def _budget(mode: str, path: str, floor_cpu: float) -> float | None:
    if path in NO_BUDGET:
        return None
    # /monitor/bereik/ is logged in: never from the page cache, so its target is the uncached one
    target = TARGET_RATIO["uncached" if path == REACH else mode]
    return floor_cpu / target


def _verdict(mode: str, path: str, run: dict, floor: float, floor_cpu: float):
    budget = _budget(mode, path, floor_cpu)
    if budget is None:
        return "", []
    misses = []
    if run["cpu_ms"] > budget:
        misses.append(f"CPU {run['cpu_ms']:.2f} ms > budget {budget:.2f} ms")
    target = TARGET_RATIO["uncached" if path == REACH else mode]
    if run["rps"] / floor < target:
        misses.append(f"{run['rps'] / floor:.1%} of the bare view < {target:.0%}")
    return f"{budget:.2f}", misses


def report(label: str, mode: str, results: dict, queries: dict) -> list[str]:
    """Prints the table; returns the pages that missed their budget or target."""
    runs = results["runs"]
    floor = sum(r["rps"] for r in runs[MINIMAL]) / len(runs[MINIMAL])
    floor_cpu = sum(r["cpu_ms"] for r in runs[MINIMAL]) / len(runs[MINIMAL])
    print(
        f"\n{label}: minimal view {floor:.0f} req/s, {floor_cpu:.2f} CPU ms (mean of the runs "
        "before and after)"
    )
    print(
        f"{'page':<26}{'req/s':>9}{'vs bare':>9}{'CPU ms':>8}{'budget':>8}{'p50 ms':>8}"
        f"{'p99 ms':>8}{'queries':>8}{'bytes':>9}{'gzip':>8}"
    )
    missed = []
    for path, page_runs in runs.items():
        for run in page_runs:
            p50 = f"{run['p50'] * 1000:.1f}" if run["p50"] is not None else "-"
            p99 = f"{run['p99'] * 1000:.1f}" if run["p99"] is not None else "-"
            note = f"  non-2xx: {run['non_2xx']}" if run["non_2xx"] else ""
            budget, misses = _verdict(mode, path, run, floor, floor_cpu)
            note += "  MISS" if misses else ""
            missed += [f"{mode} {path}: {miss}" for miss in misses]
            print(
                f"{path:<26}{run['rps']:>9.0f}{run['rps'] / floor:>9.1%}{run['cpu_ms']:>8.2f}"
                f"{budget:>8}{p50:>8}{p99:>8}{queries.get(path, '-'):>8}"
                f"{results['bytes'].get(path, 0):>9}{results['gzip'].get(path, 0):>8}{note}"
            )
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--duration", type=int, default=8, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--backpressure", type=int, default=8)
    parser.add_argument(
        "--persistent-connections",
        action="store_true",
        help="keep SQLite connections open between requests (conn_max_age=60, as DATABASE_URL does)",
    )
    parser.add_argument(
        "--code", help="municipality for /gemeenten/<code>/ (default: one with a coalition)"
    )
    parser.add_argument(
        "--gzip", action="store_true", help="ask for gzip as browsers do (default: plain)"
    )
    parser.add_argument("--mode", choices=["both", "cached", "uncached"], default="both")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")

    data_dir = Path(args.data_dir).resolve()
    prepare(data_dir, reseed=args.reseed)
    # idempotent: tops the registrations up to 50,000 once, also in an older data directory
    subprocess.run(
        [*CLI, "shell", "-c", "from bench.reach_data import top_up_registrations as t; t()"],
        env=_env(data_dir),
        cwd=ROOT,
        check=True,
    )
    code = args.code or pick_municipality(data_dir)
    pages = [MINIMAL, HEALTHZ, *PUBLIC_PAGES, f"/gemeenten/{code}/", REACH]
    cookies = {REACH: team_cookie(data_dir)}
    queries = query_counts(data_dir, [p for p in pages if p != MINIMAL], cookies)
    print(
        f"\ngranian --interface wsgi, 2 workers, --backpressure {args.backpressure}; "
        f"wrk {args.threads} threads, {args.connections} connections, "
        f"{args.duration} s per page{', Accept-Encoding: gzip' if args.gzip else ''}; "
        f"data: {data_dir}; database connections: "
        f"{'kept (conn_max_age=60)' if args.persistent_connections else 'one per request'}; "
        f"load average before: {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    modes = ["cached", "uncached"] if args.mode == "both" else [args.mode]
    measured = {
        mode: measure(args, data_dir, pages, cookies, cached=mode == "cached") for mode in modes
    }
    missed = []
    for mode, results in measured.items():
        label = (
            "page cache ON (anonymous, warm; /monitor/bereik/ is logged in and never cached)"
            if mode == "cached"
            else "page cache OFF (every request renders; fragments cached)"
        )
        missed += report(label, mode, results, queries)
    print(
        f"\nTargets: cached >= {TARGET_RATIO['cached']:.0%}, uncached >= "
        f"{TARGET_RATIO['uncached']:.0%} of the bare view; budget: the CPU ms per request that "
        "meets the target, i.e. the bare view's CPU ms divided by the target share."
    )
    print("Missed:\n  " + "\n  ".join(missed) if missed else "Every page met its budget.")
    print(
        "\nCPU ms: user+system time of the granian processes per request (wrk's own CPU not "
        "included); queries: one render without the page cache (fragments warm). "
        f"Load average after: {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
