"""Networking rounds: seat people at tables, round after round, so every table mixes the
medical and the social domain, table-mates come from the same region where possible, nobody
meets the same person twice, and "never together" / "keep together" pairs are respected.

A social-golfer problem with soft aims. Per round: a greedy start (keep-together groups first,
then everyone else at the table where they add the least cost), then simulated annealing over
swaps of two people at different tables, with an iteration budget and a time limit. Every
intermediate state is a valid seating (everyone at exactly one table, no table above its size),
so stopping at any moment gives a valid plan. Free of Django; ``networking_services`` feeds it.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

MEDICAL, SOCIAL = "medisch", "sociaal"
REPEAT_COST = 1000  # meeting someone again
NEVER_COST = 1000  # a "never together" pair at one table
UNMIXED_COST = 100  # a table without both domains
SAME_REGION_GAIN = 2  # table-mates from one GGD region
SAME_PROVINCE_GAIN = 1  # else from one province
SWEEPS = 12  # annealing steps per person and round
MIN_PASS_STEPS = 2_000  # small rounds get more steps per person: they are cheap and tight
MAX_PASSES = 8
START_TEMPERATURE = 40.0
END_TEMPERATURE = 0.2

Round = list[list[int]]  # tables, each a list of attendee ids


@dataclass(frozen=True)
class Attendee:
    id: int
    side: str = ""  # MEDICAL, SOCIAL or other
    region: str | None = None  # GGD region code
    province: str | None = None


@dataclass
class Rules:
    table_size: int = 6
    table_count: int | None = None
    mix_domains: bool = True
    group_by_region: bool = True
    never: set[frozenset] = field(default_factory=set)
    keep: list[tuple[int, int]] = field(default_factory=list)


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def keep_groups(ids: Iterable[int], keep: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Union of the keep-together pairs among the people present: each group sits together."""
    present = set(ids)
    parent = {i: i for i in present}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in keep:
        if a in present and b in present:
            parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in sorted(present):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


class _Round:
    """One round being built: tables, side counts per table and the pair costs."""

    def __init__(self, people: dict[int, Attendee], rules: Rules, met: set, both_sides: bool):
        self.people, self.rules, self.met = people, rules, met
        self.mix = rules.mix_domains and both_sides
        count = max(rules.table_count or 0, math.ceil(len(people) / rules.table_size), 1)
        self.capacity = math.ceil(len(people) / count)
        self.tables: list[list[int]] = [[] for _ in range(count)]
        self.sides = [{MEDICAL: 0, SOCIAL: 0} for _ in range(count)]
        self.where: dict[int, int] = {}

    def weight(self, a: int, b: int) -> int:
        key = pair(a, b)
        cost = REPEAT_COST if key in self.met else 0
        if frozenset(key) in self.rules.never:
            cost += NEVER_COST
        if self.rules.group_by_region:
            pa, pb = self.people[a], self.people[b]
            if pa.region and pa.region == pb.region:
                cost -= SAME_REGION_GAIN
            elif pa.province and pa.province == pb.province:
                cost -= SAME_PROVINCE_GAIN
        return cost

    def mix_cost(self, sides: dict[str, int], size: int) -> int:
        if not self.mix or size < 2:
            return 0
        return UNMIXED_COST if not (sides[MEDICAL] and sides[SOCIAL]) else 0

    def place(self, person: int, table: int) -> None:
        self.tables[table].append(person)
        self.where[person] = table
        side = self.people[person].side
        if side in self.sides[table]:
            self.sides[table][side] += 1

    def added_cost(self, unit: list[int], table: int) -> int:
        members = self.tables[table]
        cost = sum(self.weight(p, m) for p in unit for m in members)
        sides = dict(self.sides[table])
        before = self.mix_cost(sides, len(members) + len(unit))
        for p in unit:
            if self.people[p].side in sides:
                sides[self.people[p].side] += 1
        return cost + self.mix_cost(sides, len(members) + len(unit)) - before

    def swap_delta(self, p: int, q: int) -> int:
        a, b = self.where[p], self.where[q]
        delta = sum(self.weight(q, x) - self.weight(p, x) for x in self.tables[a] if x != p)
        delta += sum(self.weight(p, y) - self.weight(q, y) for y in self.tables[b] if y != q)
        sp, sq = self.people[p].side, self.people[q].side
        if sp != sq:
            for table, out, into in ((a, sp, sq), (b, sq, sp)):
                sides = dict(self.sides[table])
                size = len(self.tables[table])
                before = self.mix_cost(sides, size)
                if out in sides:
                    sides[out] -= 1
                if into in sides:
                    sides[into] += 1
                delta += self.mix_cost(sides, size) - before
        return delta

    def total_cost(self) -> int:
        return sum(
            sum(self.weight(a, b) for a, b in combinations(table, 2))
            + self.mix_cost(self.sides[index], len(table))
            for index, table in enumerate(self.tables)
        )

    def restore(self, tables: list[list[int]]) -> None:
        self.tables = [[] for _ in tables]
        self.sides = [{MEDICAL: 0, SOCIAL: 0} for _ in tables]
        for index, table in enumerate(tables):
            for person in table:
                self.place(person, index)

    def swap(self, p: int, q: int) -> None:
        a, b = self.where[p], self.where[q]
        self.tables[a][self.tables[a].index(p)] = q
        self.tables[b][self.tables[b].index(q)] = p
        self.where[p], self.where[q] = b, a
        for table, out, into in ((a, p, q), (b, q, p)):
            so, si = self.people[out].side, self.people[into].side
            if so in self.sides[table]:
                self.sides[table][so] -= 1
            if si in self.sides[table]:
                self.sides[table][si] += 1


def _build_round(state: _Round, rng: random.Random, keep: list[tuple[int, int]]) -> None:
    groups = keep_groups(state.people, keep)
    units = sorted((g for g in groups if len(g) > 1), key=len, reverse=True)
    singles = [g for g in groups if len(g) == 1]
    rng.shuffle(singles)
    for unit in units + singles:
        open_tables = [
            t
            for t in range(len(state.tables))
            if len(state.tables[t]) + len(unit) <= state.capacity
        ] or [min(range(len(state.tables)), key=lambda t: len(state.tables[t]))]
        best = min(open_tables, key=lambda t: (state.added_cost(unit, t), len(state.tables[t])))
        for person in unit:
            state.place(person, best)


def _anneal(state: _Round, rng: random.Random, movable: list[int], deadline: float) -> None:
    """Passes of simulated annealing (hot to cold); another pass, reheated, only while a
    repeated or forbidden pair or an unmixed table remains and the budget allows."""
    if len(movable) < 2 or len(state.tables) < 2:
        return
    per_pass = max(SWEEPS * len(movable), MIN_PASS_STEPS)
    cooling = (END_TEMPERATURE / START_TEMPERATURE) ** (1 / per_pass)
    best = (state.total_cost(), [list(t) for t in state.tables])
    for _ in range(MAX_PASSES):
        temperature = START_TEMPERATURE
        for step in range(per_pass):
            if step % 256 == 0 and time.monotonic() > deadline:
                break
            p, q = rng.sample(movable, 2)
            if state.where[p] != state.where[q]:
                delta = state.swap_delta(p, q)
                if delta <= 0 or rng.random() < math.exp(-delta / temperature):
                    state.swap(p, q)
            temperature *= cooling
        cost = state.total_cost()
        if cost < best[0]:
            best = (cost, [list(t) for t in state.tables])
        if time.monotonic() > deadline or not _has_conflicts(state):
            break
    state.restore(best[1])


def _has_conflicts(state: _Round) -> bool:
    """A repeated or forbidden pair, or an unmixed table: worth more annealing steps."""
    for index, table in enumerate(state.tables):
        if state.mix_cost(state.sides[index], len(table)):
            return True
        if any(state.weight(a, b) >= NEVER_COST for a, b in combinations(table, 2)):
            return True
    return False


def plan_rounds(
    attendees: Sequence[Attendee],
    rounds: int,
    rules: Rules,
    *,
    seed: int,
    held: Sequence[Round] = (),
    time_limit: float = 2.5,
) -> list[Round]:
    """All rounds: the ``held`` ones unchanged, the rest planned for ``attendees`` (the people
    present now). Pairs that met in held rounds count as met."""
    rng = random.Random(seed)
    people = {a.id: a for a in attendees}
    met: set[tuple[int, int]] = set()
    result: list[Round] = [list(map(list, r)) for r in held[:rounds]]
    for done in result:
        met |= _pairs_of(done)
    keep_pairs = {pair(a, b) for a, b in rules.keep}
    present_sides = {a.side for a in attendees}
    both = MEDICAL in present_sides and SOCIAL in present_sides
    to_plan = rounds - len(result)
    started = time.monotonic()
    for index in range(to_plan):
        state = _Round(people, rules, met - keep_pairs, both)
        if not people:
            result.append([])
            continue
        _build_round(state, rng, rules.keep)
        groups = keep_groups(people, rules.keep)
        movable = [g[0] for g in groups if len(g) == 1]
        share = (time_limit - (time.monotonic() - started)) / (to_plan - index)
        _anneal(state, rng, movable, time.monotonic() + max(share, 0.01))
        tables = [sorted(t) for t in state.tables if t]
        result.append(tables)
        met |= _pairs_of(tables)
    return result


def _pairs_of(tables: Round) -> set[tuple[int, int]]:
    return {pair(a, b) for table in tables for a, b in combinations(table, 2)}


def random_rounds(attendees: Sequence[Attendee], rounds: int, rules: Rules, *, seed: int):
    """Random seating with the same table sizes: the comparison the team sees."""
    rng = random.Random(seed)
    ids = [a.id for a in attendees]
    count = max(rules.table_count or 0, math.ceil(len(ids) / rules.table_size), 1)
    result = []
    for _ in range(rounds):
        rng.shuffle(ids)
        result.append([sorted(ids[t::count]) for t in range(count) if ids[t::count]])
    return result


def quality(attendees: Sequence[Attendee], plan: Sequence[Round], keep=()) -> dict:
    """Share of tables with both domains, repeated pairs (keep-together pairs excepted), and the
    share of table-mate pairs from the same GGD region and from the same province."""
    people = {a.id: a for a in attendees}
    kept = {pair(a, b) for a, b in keep}
    seen: set[tuple[int, int]] = set()
    repeated = tables = mixed = pairs = same_region = same_province = 0
    for tables_of_round in plan:
        for table in tables_of_round:
            tables += 1
            sides = {people[i].side for i in table if i in people}
            mixed += MEDICAL in sides and SOCIAL in sides
            for a, b in combinations(table, 2):
                key = pair(a, b)
                if key in seen and key not in kept:
                    repeated += 1
                seen.add(key)
                pairs += 1
                pa, pb = people.get(a), people.get(b)
                if pa and pb and pa.region and pa.region == pb.region:
                    same_region += 1
                if pa and pb and pa.province and pa.province == pb.province:
                    same_province += 1
    return {
        "tables": tables,
        "mixed_share": mixed / tables if tables else 0.0,
        "repeated_pairs": repeated,
        "same_region_share": same_region / pairs if pairs else 0.0,
        "same_province_share": same_province / pairs if pairs else 0.0,
    }
