"""Workshop allocation at conference scale: the solver against first come, first served and a
random serial dictatorship, on the same generated preferences.

    uv run python bench/allocation.py
    uv run python bench/allocation.py --people 1000 --slots 3 --workshops 8 --seed 7

No database: the solver module is pure Python on top of scipy. Popularity is skewed (a Zipf-like
weight per workshop, so one or two workshops in every slot are wanted by far more people than
they seat); the total capacity per slot is 110 % of the people, as at a real conference. Times
are wall-clock seconds in this process on a shared machine; the shares are what matter.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ontmoetingen.events.allocation import (
    NO_CHOICE,
    Person,
    Workshop,
    allocate,
    random_order,
    rank_counts,
    serial_dictatorship,
)

DOMAINS = ["geboortezorg", "jgz", "sociaal", "gemeente", "overig"]
DOMAIN_WEIGHTS = [35, 25, 25, 10, 5]


def instance(people: int, slots: int, per_slot: int, rng: random.Random):
    seats = int(people * 1.1 / per_slot) + 1
    workshops = [
        Workshop(id=slot * 100 + i, slot=slot, capacity=seats)
        for slot in range(slots)
        for i in range(per_slot)
    ]
    popularity = [1 / (rank + 1) ** 1.1 for rank in range(per_slot)]
    result = []
    for pid in range(1, people + 1):
        choices = {}
        for slot in range(slots):
            order = list(range(per_slot))
            picked = []
            while len(picked) < 3:
                i = rng.choices(order, weights=popularity)[0]
                if i not in picked:
                    picked.append(i)
            choices[slot] = [slot * 100 + i for i in picked]
        domain = rng.choices(DOMAINS, weights=DOMAIN_WEIGHTS)[0]
        result.append(Person(id=pid, domain=domain, choices=choices))
    return result, workshops


def shares(people, assignment) -> str:
    counts = rank_counts(people, assignment)
    total = sum(counts.values()) or 1
    parts = [f"{counts[r] / total:6.1%}" for r in (1, 2, 3, NO_CHOICE)]
    return "  ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--slots", type=int, default=3)
    parser.add_argument("--workshops", type=int, default=8, help="per slot")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--domain-share", type=int, default=None, help="e.g. 50 (%)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    people, workshops = instance(args.people, args.slots, args.workshops, rng)
    print(
        f"{args.people} people x {args.slots} slots x {args.workshops} workshops "
        f"(capacity {workshops[0].capacity} each), domain cap {args.domain_share or '-'}"
    )
    started = time.perf_counter()
    solved = allocate(people, workshops, seed=args.seed, max_domain_share=args.domain_share)
    seconds = time.perf_counter() - started
    fcfs = serial_dictatorship(people, workshops, max_domain_share=args.domain_share)
    rsd = serial_dictatorship(
        random_order(people, args.seed), workshops, max_domain_share=args.domain_share
    )
    print(f"{'':32}    1e      2e      3e    geen")
    print(f"{'solver (milp, HiGHS)':32}{shares(people, solved)}   in {seconds:.2f} s")
    print(f"{'first come, first served':32}{shares(people, fcfs)}")
    print(f"{'random serial dictatorship':32}{shares(people, rsd)}")


if __name__ == "__main__":
    main()
