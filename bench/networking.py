"""Networking rounds at conference scale: the planner against random seating.

    uv run python bench/networking.py
    uv run python bench/networking.py --people 600 --rounds 5 --table-size 6 --seed 3

No database: the planner is pure Python. People get a domain (medical about 60 %, social about
35 %, other 5 %, as at the demo conference) and a GGD region from 25 regions in 12 provinces.
Times are wall-clock seconds in this process on a shared machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ontmoetingen.events.networking import (
    MEDICAL,
    SOCIAL,
    Attendee,
    Rules,
    plan_rounds,
    quality,
    random_rounds,
)


def attendees(n: int, rng: random.Random) -> list[Attendee]:
    result = []
    for i in range(1, n + 1):
        side = rng.choices([MEDICAL, SOCIAL, "overig"], weights=[60, 35, 5])[0]
        region = rng.randrange(25)
        result.append(Attendee(i, side, f"GGD{region:02}", f"PV{region % 12:02}"))
    return result


def line(name: str, figures: dict, seconds: float | None = None) -> str:
    took = f"   in {seconds:.2f} s" if seconds is not None else ""
    return (
        f"{name:20}{figures['mixed_share']:8.1%}{figures['repeated_pairs']:10}"
        f"{figures['same_region_share']:10.1%}{figures['same_province_share']:10.1%}{took}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--table-size", type=int, default=6)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=2.5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    people = attendees(args.people, rng)
    rules = Rules(table_size=args.table_size)
    started = time.perf_counter()
    planned = plan_rounds(people, args.rounds, rules, seed=args.seed, time_limit=args.time_limit)
    seconds = time.perf_counter() - started
    randomly = random_rounds(people, args.rounds, rules, seed=args.seed)
    print(f"{args.people} people x {args.rounds} rounds x tables of {args.table_size}")
    print(f"{'':20}{'mixed':>8}{'repeats':>10}{'same GGD':>10}{'same prov':>10}")
    print(line("planner", quality(people, planned), seconds))
    print(line("random seating", quality(people, randomly)))


if __name__ == "__main__":
    main()
