"""Toolkit search latency over 10,000 generated resources, on SQLite and on PostgreSQL.

    uv run python bench/toolkit_search.py                  # both databases
    uv run python bench/toolkit_search.py --db sqlite      # or: --db postgres
    uv run python bench/toolkit_search.py --resources 10000 --queries 600 --reseed

Each database gets its own throwaway bench database (SQLite: var/bench-toolkit/db.sqlite3;
PostgreSQL: $BENCH_PG_DB, default ``ontmoetingen_bench_toolkit``, on $BENCH_PG_URL, default
postgres://postgres@127.0.0.1:5433), filled
once with generated resources (deterministic; words taken from the shipped glossary so the
Dutch stems are realistic) and reused on the next run unless --reseed.

One "search" is what /toolkit/ does for a request: ``resources_search`` (text match, the five
facet counts), the paginator's count and one page of 25 with themes and places. The mix:
30 % one word, 15 % two words, 10 % a word still being typed (prefix), 15 % text plus one or
two filters, 15 % filters only, 10 % the unfiltered list, 5 % a word that matches nothing; one
search in ten asks for page 2 to 5. Words are drawn by their frequency in the glossary, so
common words come back often, as on a real site.

The run starts with a new toolkit data version (nothing cached from an earlier run): the
first search builds the catalogue (printed apart), a text searched for the first time is
ranked by the database ("tekst, eerste keer"), a text searched again reuses the cached ranking
("tekst, herhaald"). Printed per kind of search: p50/p95/p99 of the wall-clock time and of
this process's own CPU time (``time.process_time``; on SQLite that includes the database's
work, on PostgreSQL the server's work is not in it), with ``uptime``'s load average: the
machine may be shared, so judge the CPU columns first.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5433")
PG_DB = os.environ.get("BENCH_PG_DB", "ontmoetingen_bench_toolkit")
DATA_DIR = ROOT / "var" / "bench-toolkit"
TARGET_P95_MS = 30


def run_child(db: str, args) -> dict:
    env = dict(os.environ)
    env["ONTMOETINGEN_DATA_DIR"] = str(DATA_DIR)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    if db == "postgres":
        _ensure_pg_database(args.reseed)
        env["DATABASE_URL"] = f"{PG_URL}/{PG_DB}"
    else:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        sqlite_file = DATA_DIR / "db.sqlite3"
        if args.reseed:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    command = [
        sys.executable,
        __file__,
        "--child",
        db,
        "--resources",
        str(args.resources),
        "--queries",
        str(args.queries),
        "--seed",
        str(args.seed),
    ]
    output = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    sys.stderr.write(output.stderr)
    return json.loads(output.stdout.strip().splitlines()[-1])


def _ensure_pg_database(reseed: bool) -> None:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DB]).fetchone()
        if exists and reseed:
            conn.execute(f'DROP DATABASE "{PG_DB}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{PG_DB}"')


# --- inside the child process (Django set up against the bench database) ----------------------


def child(db: str, resources: int, queries: int, seed: int) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    rng = random.Random(seed)
    vocabulary = _vocabulary()
    generated = _fill(resources, rng, vocabulary)
    from django.db import connection

    with connection.cursor() as cursor:  # fresh statistics for the planner, every run
        if connection.vendor == "postgresql":
            # compact: a database migrated from before 0006 keeps the old row versions
            cursor.execute("VACUUM FULL toolkit_resource")
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
    mix = _query_mix(queries, rng, vocabulary)
    timings = _measure(mix)
    result = {"db": db, "resources": generated, **timings}
    print(json.dumps(result))


def _vocabulary() -> list[str]:
    from ontmoetingen.glossary.services import glossary_data
    from ontmoetingen.toolkit.demo import demo_resources

    texts = [row["definition"] + " " + row.get("explanation", "") for row in glossary_data()]
    demo = demo_resources()
    texts += [row["summary"] + " " + row["body"] for row in demo["pairs"] + demo["singles"]]
    words = []
    for text in texts:
        for raw in text.replace("\n", " ").split():
            word = raw.strip(".,:;!?()\"'#*-0123456789").lower()
            if len(word) > 3:
                words.append(word)
    return words


def _fill(count: int, rng: random.Random, vocabulary: list[str]) -> int:
    from django.db import transaction
    from django.utils import timezone

    from ontmoetingen.core.domain import Domain
    from ontmoetingen.core.models import Theme
    from ontmoetingen.regions.models import Municipality
    from ontmoetingen.regions.services import regions_load
    from ontmoetingen.toolkit import search
    from ontmoetingen.toolkit.models import Kind, Phase, Resource, Status

    existing = Resource.objects.count()
    if existing >= count:
        return existing
    if not Municipality.objects.exists():
        regions_load()
    places = list(Municipality.objects.active().values_list("code", flat=True))
    themes = list(Theme.objects.values_list("pk", flat=True))
    kinds, phases, domains = Kind.values, Phase.values, Domain.values
    now = timezone.now()
    through = Resource.themes.through
    started = time.perf_counter()
    batch = 1000
    for start in range(existing, count, batch):
        rows = []
        for n in range(start, min(start + batch, count)):
            resource = Resource(
                title=" ".join(rng.choices(vocabulary, k=rng.randint(3, 8))).capitalize(),
                slug=f"bench-{n}",
                kind=rng.choice(kinds),
                summary=" ".join(rng.choices(vocabulary, k=rng.randint(15, 35))),
                body=" ".join(rng.choices(vocabulary, k=rng.randint(60, 180))),
                source_organisation=f"Organisatie {rng.randint(1, 400)}",
                origin_id=rng.choice(places) if rng.random() < 0.6 else None,
                status=Status.PUBLISHED if rng.random() < 0.95 else Status.PROPOSED,
                published_at=now - timezone.timedelta(minutes=rng.randint(0, 2_000_000)),
                is_demo=True,
            )
            resource.domains = rng.sample(domains, rng.randint(1, 3))
            resource.phase_list = rng.sample(phases, rng.randint(0, 3))
            rows.append(resource)
        with transaction.atomic():
            made = Resource.objects.bulk_create(rows)
            if not made[0].pk:  # SQLite before 3.35 does not return keys
                made = list(Resource.objects.filter(slug__in=[r.slug for r in rows]))
            through.objects.bulk_create(
                [
                    through(resource_id=r.pk, theme_id=theme)
                    for r in made
                    for theme in rng.sample(themes, rng.randint(1, 3))
                ]
            )
            search.index_resources(
                Resource.objects.filter(pk__in=[r.pk for r in made]).select_related("origin")
            )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    sys.stderr.write(
        f"  {connection.vendor}: {count - existing} resources generated and indexed in {time.perf_counter() - started:.0f} s\n"
    )
    return count


def _query_mix(
    count: int, rng: random.Random, vocabulary: list[str]
) -> list[tuple[str, str, dict]]:
    from ontmoetingen.core.domain import Domain
    from ontmoetingen.core.models import Theme
    from ontmoetingen.regions.models import Province
    from ontmoetingen.toolkit.models import Kind, Phase

    theme_slugs = list(Theme.objects.values_list("slug", flat=True))
    provinces = list(Province.objects.values_list("code", flat=True))

    def some_filters() -> dict:
        facet = rng.choice(["kinds", "domains", "themes", "phases", "provinces"])
        options = {
            "kinds": Kind.values,
            "domains": Domain.values,
            "themes": theme_slugs,
            "phases": Phase.values,
            "provinces": provinces,
        }[facet]
        chosen = {facet: rng.sample(options, 1)}
        if rng.random() < 0.4:
            other = rng.choice([f for f in ("kinds", "domains", "phases") if f != facet])
            chosen[other] = rng.sample(
                {"kinds": Kind.values, "domains": Domain.values, "phases": Phase.values}[other], 1
            )
        return chosen

    mix = []
    for _ in range(count):
        mix.append(_one_query(rng, vocabulary, some_filters))
    # one search in ten asks for a later page (2 to 5) of the same search
    return [
        (kind, text, filters, rng.randint(2, 5) if rng.random() < 0.1 else 1)
        for kind, text, filters in mix
    ]


def _one_query(rng, vocabulary, some_filters) -> tuple[str, str, dict]:
    roll = rng.random()
    if roll < 0.30:
        return ("één woord", rng.choice(vocabulary), {})
    if roll < 0.45:
        return ("twee woorden", " ".join(rng.sample(vocabulary, 2)), {})
    if roll < 0.55:
        word = rng.choice([w for w in vocabulary if len(w) > 6])
        return ("typend (prefix)", word[: rng.randint(3, 5)], {})
    if roll < 0.70:
        return ("tekst + filters", rng.choice(vocabulary), some_filters())
    if roll < 0.85:
        return ("alleen filters", "", some_filters())
    if roll < 0.95:
        return ("alles", "", {})
    return ("geen resultaat", "qqxzv" + str(rng.randint(0, 99)), {})


def _measure(mix) -> dict:
    from django.core.paginator import Paginator

    from ontmoetingen.core import versions
    from ontmoetingen.toolkit.selectors import Filters, resources_search

    def one(text: str, filters: dict, page: int) -> int:
        result = resources_search(text=text, filters=Filters(**filters))
        page = Paginator(result.resources, 25).get_page(page)
        items = list(page.object_list)
        for item in items:  # what the template touches
            _ = item.theme_pairs, item.origin and item.origin.province.name
        return page.paginator.count

    # a new toolkit version: nothing cached from an earlier run; the first search builds the
    # catalogue (measured apart, as "catalogus")
    versions.bump("toolkit")
    started, cpu_started = time.perf_counter(), time.process_time()
    one("", {}, 1)
    build = ((time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000)
    per_kind: dict[str, dict[str, list[float]]] = {}
    seen: set[str] = set()
    hits = []
    for kind, text, filters, page in mix:
        # a text searched for the first time since the last change ranks in the database
        first = "eerste keer" if text and text not in seen else "herhaald"
        seen.add(text)
        started, cpu_started = time.perf_counter(), time.process_time()
        hits.append(one(text, filters, page))
        wall = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
        later = "latere pagina (2-5)" if page > 1 else None
        for group in ("alle", kind, f"tekst, {first}" if text else None, later):
            if group:
                entry = per_kind.setdefault(group, {"wall": [], "cpu": []})
                entry["wall"].append(wall)
                entry["cpu"].append(cpu)
    return {
        # this process's CPU: on SQLite that includes the database's work; not so on PostgreSQL
        "per_kind": {
            kind: {"wall": _percentiles(t["wall"]), "cpu": _percentiles(t["cpu"])}
            for kind, t in per_kind.items()
        },
        "catalogue": build,
        "median_hits": statistics.median(hits),
        "load": os.getloadavg(),
    }


def _percentiles(times: list[float]) -> dict:
    ordered = sorted(times)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    return {"n": len(ordered), "p50": pct(50), "p95": pct(95), "p99": pct(99), "max": ordered[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.resources, args.queries, args.seed)
        return
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [run_child(db, args) for db in databases]
    print(
        f"\nToolkit search, {args.queries} searches per database, milliseconds "
        f"(aim: p95 < {TARGET_P95_MS} wall). uptime: {_uptime()}"
    )
    for result in results:
        _report(result)


def _uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "load average %.2f, %.2f, %.2f" % os.getloadavg()  # noqa: UP031


def _report(result: dict) -> None:
    overall = result["per_kind"]["alle"]["wall"]
    verdict = "ok" if overall["p95"] < TARGET_P95_MS else "ABOVE AIM"
    load = ", ".join(f"{x:.2f}" for x in result["load"])
    wall_ms, cpu_ms = result["catalogue"]
    print(
        f"\n{result['db']} — {result['resources']} resources, median hits "
        f"{result['median_hits']:.0f}, p95 {overall['p95']:.1f} ms [{verdict}], "
        f"load average at the end {load}"
    )
    print(f"  catalogue built once per data version: {wall_ms:.1f} ms wall, {cpu_ms:.1f} ms CPU")
    print(
        f"  {'kind':<26} {'n':>4}   {'wall p50':>8} {'p95':>7} {'p99':>7}   "
        f"{'CPU p50':>8} {'p95':>7} {'p99':>7}"
    )
    for kind, figures in result["per_kind"].items():
        wall, cpu = figures["wall"], figures["cpu"]
        print(
            f"  {kind:<26} {wall['n']:>4}   {wall['p50']:8.1f} {wall['p95']:7.1f} "
            f"{wall['p99']:7.1f}   {cpu['p50']:8.1f} {cpu['p95']:7.1f} {cpu['p99']:7.1f}"
        )
    if result["db"] == "postgres":
        print("  (own CPU on PostgreSQL leaves out the server's work; on SQLite it includes it)")


if __name__ == "__main__":
    main()
