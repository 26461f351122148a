"""Suggestions whom to meet and the filtered people directory over 20,000 published profiles.

    uv run python bench/suggestions.py                                        # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5433/<db> uv run python bench/suggestions.py
    uv run python bench/suggestions.py --profiles 20000 --runs 300 --reseed

Without DATABASE_URL the bench uses its own SQLite file (var/bench-people/db.sqlite3). The
database is migrated and filled once (deterministic: working areas are clusters of
neighbouring municipalities, 1 to 15 of them, domains and themes at random), and reused on the
next run unless --reseed (which removes only the bench's own profiles).

One "suggestions" run is ``suggestions_for(user)`` for a random published person, as
/mijn/suggesties/ calls it. One "directory" run is what /professionals/ does for a request
filtered by municipality + domain + theme: the count, the first page of 25 with themes, and
the working-area names. Figures are wall-clock milliseconds in this process; the target is a
p95 below 50 ms for both.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_P95_MS = 50
BENCH_DOMAIN = "bench.kansrijke-ontmoetingen.example"


def _setup() -> None:
    if not os.environ.get("DATABASE_URL"):
        data = ROOT / "var" / "bench-people"
        data.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{data / 'db.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_regions", verbosity=0)


def _fill(count: int, rng: random.Random) -> None:
    from django.contrib.auth.hashers import make_password

    from ontmoetingen.accounts.models import User
    from ontmoetingen.core.domain import Domain
    from ontmoetingen.core.models import Theme
    from ontmoetingen.encounters.models import Profession, Professional
    from ontmoetingen.regions.models import Municipality

    places = list(Municipality.objects.active().values_list("code", "label_x", "label_y"))
    themes = list(Theme.objects.active().values_list("id", flat=True))
    password = make_password(None)
    professions = [p for p in Profession.values if p != "anders"]
    tags = ["voorlichting kraamperiode", "schuldhulp", "huisbezoek", "wijkteam", "signaleren"]
    for start in range(0, count, 2000):
        size = min(2000, count - start)
        users = User.objects.bulk_create(
            [
                User(
                    email=f"p{start + i}@{BENCH_DOMAIN}",
                    full_name=f"Bench {start + i}",
                    password=password,
                )
                for i in range(size)
            ]
        )
        profiles = Professional.objects.bulk_create(
            [
                Professional(
                    user=u,
                    domain=rng.choice(Domain.values),
                    profession=rng.choice(professions),
                    offer_tags=rng.choice(tags),
                    ask_tags=rng.choice(tags),
                    ask="Ik zoek " + rng.choice(tags),
                    published=True,
                )
                for u in users
            ]
        )
        area_rows, theme_rows = [], []
        for profile in profiles:
            _, cx, cy = rng.choice(places)
            near = sorted(places, key=lambda p: math.hypot(p[1] - cx, p[2] - cy))
            for code, _, _ in near[: rng.randint(1, 15)]:
                area_rows.append(
                    Professional.working_area.through(
                        professional_id=profile.pk, municipality_id=code
                    )
                )
            for theme_id in rng.sample(themes, min(len(themes), rng.randint(0, 3))):
                theme_rows.append(
                    Professional.themes.through(professional_id=profile.pk, theme_id=theme_id)
                )
        Professional.working_area.through.objects.bulk_create(area_rows, batch_size=5000)
        Professional.themes.through.objects.bulk_create(theme_rows, batch_size=5000)
        print(f"  {start + size} profielen", file=sys.stderr)


def _backend_cpu_reader():
    """CPU time (ms) of this connection's PostgreSQL server process, from
    /proc/<pid>/schedstat (nanoseconds; readable when the server runs on this machine). With
    SQLite the database works inside this process, so its CPU is already in ``process_time``.
    None when it cannot be read."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        path = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
    try:
        path.read_text()
    except OSError:
        return None
    return lambda: int(path.read_text().split()[0]) / 1e6


class Measure:
    """Per call: wall-clock ms, this process's CPU ms (on a loaded machine the CPU time shows
    the work, the wall time also the waiting for a core), the database server's CPU ms
    (PostgreSQL only) and the number of queries."""

    def __init__(self, name: str, backend_cpu):
        self.name, self.backend_cpu = name, backend_cpu
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.db_cpu: list[float] = []
        self.queries: set[int] = set()

    def run(self, fn) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        db = self.backend_cpu() if self.backend_cpu else 0.0
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            fn()
            self.cpu.append((time.process_time() - cpu) * 1000)
            self.wall.append((time.perf_counter() - started) * 1000)
        if self.backend_cpu:
            self.db_cpu.append(self.backend_cpu() - db)
        self.queries.add(len(queries))

    def lines(self) -> list[str]:
        p95 = _percentile(self.wall, 95)
        verdict = "ok" if p95 < TARGET_P95_MS else "BOVEN DOEL"
        rows = [
            f"{self.name:<11} n={len(self.wall)}  queries per call: "
            f"{', '.join(map(str, sorted(self.queries)))}  "
            f"(wall p95 {verdict}, doel < {TARGET_P95_MS} ms)",
            _row("wall", self.wall),
            _row("eigen CPU", self.cpu),
        ]
        if self.db_cpu:
            rows.append(_row("db-server CPU", self.db_cpu))
        return rows


def _percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * pct / 100) - 1)]


def _row(label: str, values: list[float]) -> str:
    return (
        f"    {label:<14} p50 {statistics.median(values):6.1f}  p95 {_percentile(values, 95):6.1f}"
        f"  p99 {_percentile(values, 99):6.1f}  max {max(values):6.1f} ms"
    )


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    _setup()
    from django.conf import settings
    from django.core.paginator import Paginator
    from django.db import connection

    from ontmoetingen.accounts.models import User
    from ontmoetingen.core.models import Theme
    from ontmoetingen.encounters.models import Professional
    from ontmoetingen.encounters.selectors import (
        ProfileFilters,
        profiles_directory,
        with_area_names,
    )
    from ontmoetingen.encounters.suggestions import suggestions_for
    from ontmoetingen.regions.models import Municipality

    rng = random.Random(args.seed)
    bench = Professional.objects.filter(user__email__endswith=BENCH_DOMAIN)
    if args.reseed:
        User.objects.filter(email__endswith=BENCH_DOMAIN).delete()
    if bench.count() < args.profiles:
        User.objects.filter(email__endswith=BENCH_DOMAIN).delete()
        _fill(args.profiles, rng)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    users = list(bench.values_list("user_id", flat=True))
    people = list(User.objects.filter(pk__in=rng.sample(users, min(args.runs, len(users)))))
    codes = list(Municipality.objects.active().values_list("code", flat=True))
    slugs = list(Theme.objects.active().values_list("slug", flat=True))
    domains = ["geboortezorg", "jgz", "sociaal", "gemeente"]

    def directory_once():
        filters = ProfileFilters(
            municipality=rng.choice(codes), domain=rng.choice(domains), theme=rng.choice(slugs)
        )
        page = Paginator(profiles_directory(filters=filters), settings.PAGE_SIZE).get_page(1)
        with_area_names(page.object_list)

    for person in people[:10]:  # warm the caches and the connection
        suggestions_for(person)
        directory_once()
    backend_cpu = _backend_cpu_reader()
    load_before = _load()
    suggestions = Measure("suggesties", backend_cpu)
    for person in people:
        suggestions.run(lambda p=person: suggestions_for(p))
    directory = Measure("gids", backend_cpu)
    for _ in range(args.runs):
        directory.run(directory_once)
    published = Professional.objects.published().count()
    print(f"database: {connection.vendor}, gepubliceerde profielen: {published}")
    print(f"voor: {load_before}; na: {_load()} (2 kernen gedeeld)")
    for line in suggestions.lines() + directory.lines():
        print(line)


if __name__ == "__main__":
    main()
