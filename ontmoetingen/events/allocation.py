"""Workshop allocation by ranked preference: the solver, free of Django (docs/allocation.md).

Per time slot a person gets at most one workshop, so the slots are solved one by one. Within a
slot the problem is a capacitated assignment: a person may take one seat of a workshop they
ranked, a workshop has a capacity, and optionally each domain may hold at most N % of a
workshop's seats. We solve it as an integer programme with scipy's ``milp`` (the HiGHS solver):

- the objective first maximises the number of people placed (nobody stays without a workshop
  while a seat they ranked could be theirs), then satisfaction with convex weights (a 1st
  choice counts 9, a 2nd 4, a 3rd 1, so two 2nd choices beat a 1st plus a 3rd);
- the constraint matrix (one row per person, one per workshop, one per workshop and domain) is
  two laminar families, hence totally unimodular: the LP optimum is integral and HiGHS finds
  it at the root, fast and exactly with small integer weights;
- the lottery: every person draws a number from the stored seed (a hash of seed and id, so a
  person's number does not change when others join or leave). People who gave the same
  choices (and share a domain when a domain cap applies) swap outcomes so the better draws get
  the better outcomes: nobody envies an identical chooser except through the lottery.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

SATISFACTION = {1: 9, 2: 4, 3: 1}
NO_CHOICE = 0  # the rank recorded for "no workshop in this slot"


@dataclass(frozen=True)
class Workshop:
    id: int
    slot: Hashable
    capacity: int | None = None  # None: unlimited


@dataclass
class Person:
    id: int
    domain: str = ""
    # slot -> workshop ids in order of preference (1st choice first)
    choices: dict[Hashable, Sequence[int]] = field(default_factory=dict)


# (person id, slot) -> (workshop id, rank)
Assignment = dict[tuple[int, Hashable], tuple[int, int]]


def lottery_number(seed: int, person_id: int) -> int:
    """The person's draw: stable for a seed, independent of who else takes part."""
    digest = hashlib.sha256(f"{seed}:{person_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def domain_limit(capacity: int | None, max_share: int | None) -> int | None:
    """The most seats one domain may take in a workshop, or None without a cap."""
    if not max_share or capacity is None:
        return None
    return max(1, capacity * max_share // 100)


def _slots(workshops: Iterable[Workshop]) -> dict[Hashable, list[Workshop]]:
    slots: dict[Hashable, list[Workshop]] = defaultdict(list)
    for workshop in workshops:
        slots[workshop.slot].append(workshop)
    return slots


def allocate(
    people: Sequence[Person],
    workshops: Sequence[Workshop],
    *,
    seed: int,
    max_domain_share: int | None = None,
    taken: dict[int, dict[str, int]] | None = None,
) -> Assignment:
    """The allocation that places the most people, then maximises satisfaction; ties among
    identical choosers go by the lottery. ``taken``: seats already used per workshop and
    domain by people outside ``people`` (they count against capacity and domain caps)."""
    draw = {p.id: lottery_number(seed, p.id) for p in people}
    # the solver sees people in lottery order, so its own tie-breaking follows the seed too
    ordered = sorted(people, key=lambda p: (-draw[p.id], p.id))
    result: Assignment = {}
    for slot, in_slot in sorted(_slots(workshops).items(), key=lambda item: str(item[0])):
        placed = _solve_slot(slot, ordered, in_slot, max_domain_share, taken or {})
        placed = _apply_lottery(slot, ordered, placed, draw, by_domain=bool(max_domain_share))
        result.update(placed)
    return result


def _ranked(person: Person, slot: Hashable, known: dict[int, Workshop]) -> list[tuple[int, int]]:
    seen = []
    for workshop_id in person.choices.get(slot, ()):
        if workshop_id in known and workshop_id not in seen:
            seen.append(workshop_id)
    return [(workshop_id, rank) for rank, workshop_id in enumerate(seen[:3], start=1)]


def _solve_slot(slot, people, workshops, max_share, taken) -> Assignment:
    # imported here: numpy and scipy take seconds to import, which web processes that only
    # show pages (or count outcomes with the helpers below) should not pay
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    known = {w.id: w for w in workshops}
    variables = []  # (person, workshop id, rank)
    for person in people:
        variables += [(person, wid, rank) for wid, rank in _ranked(person, slot, known)]
    if not variables:
        return {}
    base = SATISFACTION[1] * len(people) + 1  # one more person placed beats any satisfaction
    cost = np.array([-(base + SATISFACTION[rank]) for _, _, rank in variables], dtype=float)
    rows, cols, upper = _constraints(variables, known, max_share, taken)
    matrix = coo_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(upper), len(variables))
    ).tocsr()
    solution = milp(
        cost,
        constraints=LinearConstraint(matrix, -np.inf, np.array(upper, dtype=float)),
        integrality=np.ones(len(variables)),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0},
    )
    if solution.x is None:  # cannot happen: "nobody placed" is always feasible
        raise RuntimeError(f"allocation solver failed: {solution.message}")
    return {
        (person.id, slot): (wid, rank)
        for (person, wid, rank), value in zip(variables, solution.x, strict=True)
        if value > 0.5
    }


def _constraints(variables, known, max_share, taken) -> tuple[list, list, list]:
    """Sparse rows: one seat per person, capacity per workshop, the cap per domain."""
    rows: list[int] = []
    cols: list[int] = []
    upper: list[float] = []

    def constraint(var_indices: list[int], limit: float) -> None:
        row = len(upper)
        rows.extend([row] * len(var_indices))
        cols.extend(var_indices)
        upper.append(limit)

    by_person, by_workshop, by_domain = defaultdict(list), defaultdict(list), defaultdict(list)
    for index, (person, wid, _) in enumerate(variables):
        by_person[person.id].append(index)
        by_workshop[wid].append(index)
        by_domain[wid, person.domain].append(index)
    for indices in by_person.values():
        constraint(indices, 1)
    for wid, indices in by_workshop.items():
        capacity = known[wid].capacity
        if capacity is not None:
            used = sum(taken.get(wid, {}).values())
            constraint(indices, max(0, capacity - used))
    for (wid, domain), indices in by_domain.items():
        limit = domain_limit(known[wid].capacity, max_share)
        if limit is not None:
            constraint(indices, max(0, limit - taken.get(wid, {}).get(domain, 0)))
    return rows, cols, upper


def _apply_lottery(slot, people, placed: Assignment, draw, *, by_domain: bool) -> Assignment:
    """Among people with identical choices (and domain, under a domain cap) hand the outcomes
    out in lottery order: the same seats stay filled, only who sits where changes."""
    groups: dict[tuple, list[Person]] = defaultdict(list)
    for person in people:
        choices = tuple(person.choices.get(slot, ()))
        if choices:
            groups[(person.domain if by_domain else "", choices)].append(person)
    result = dict(placed)
    for members in groups.values():
        if len(members) < 2:
            continue
        outcomes = [placed.get((p.id, slot)) for p in members]
        outcomes.sort(key=lambda o: o[1] if o else 99)
        by_draw = sorted(members, key=lambda p: (-draw[p.id], p.id))
        for person, outcome in zip(by_draw, outcomes, strict=True):
            result.pop((person.id, slot), None)
            if outcome:
                result[person.id, slot] = outcome
    return result


def serial_dictatorship(
    people: Sequence[Person], workshops: Sequence[Workshop], *, max_domain_share: int | None = None
) -> Assignment:
    """Each person in the given order takes their best-ranked workshop with a free seat: what
    first come, first served gives (in arrival order), or random serial dictatorship (in a
    random order)."""
    known = {w.id: w for w in workshops}
    used: dict[int, int] = defaultdict(int)
    used_domain: dict[tuple[int, str], int] = defaultdict(int)
    result: Assignment = {}
    for person in people:
        for slot in person.choices:
            for wid, rank in _ranked(person, slot, known):
                workshop = known[wid]
                if workshop.capacity is not None and used[wid] >= workshop.capacity:
                    continue
                limit = domain_limit(workshop.capacity, max_domain_share)
                if limit is not None and used_domain[wid, person.domain] >= limit:
                    continue
                used[wid] += 1
                used_domain[wid, person.domain] += 1
                result[person.id, slot] = (wid, rank)
                break
    return result


def random_order(people: Sequence[Person], seed: int) -> list[Person]:
    shuffled = list(people)
    random.Random(seed).shuffle(shuffled)
    return shuffled


def rank_counts(people: Sequence[Person], assignment: Assignment) -> dict[int, int]:
    """How many (person, slot) choices ended as 1st, 2nd, 3rd choice or none (0)."""
    counts = dict.fromkeys((1, 2, 3, NO_CHOICE), 0)
    for person in people:
        for slot, choices in person.choices.items():
            if not choices:
                continue
            outcome = assignment.get((person.id, slot))
            counts[outcome[1] if outcome else NO_CHOICE] += 1
    return counts
