"""Reads for networking rounds: who takes part, the tables, the cards and the figures."""

from __future__ import annotations

from collections import defaultdict

from ontmoetingen.core.domain import Domain
from ontmoetingen.events import networking
from ontmoetingen.events.models import (
    Event,
    NetworkingOptOut,
    NetworkingPlan,
    PairRule,
    Registration,
    RegistrationStatus,
    TableSeat,
)

COMPARE_SEED = 20_240_601  # the random seating to compare with: fixed, so figures are stable


def plan_of(event: Event) -> NetworkingPlan | None:
    try:
        return event.networking
    except NetworkingPlan.DoesNotExist:
        return None


def participants(event: Event):
    """Confirmed, checked in and not opted out: the only people a plan may seat."""
    return (
        Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False
        )
        .exclude(pk__in=NetworkingOptOut.objects.values("registration_id"))
        .select_related("work_municipality")
        .order_by("pk")
    )


def attendee_of(registration: Registration) -> networking.Attendee:
    municipality = registration.work_municipality
    return networking.Attendee(
        id=registration.pk,
        side=Domain.side_of(registration.domain).value,
        region=municipality.ggd_region_id if municipality else None,
        province=municipality.province_id if municipality else None,
    )


def rules_of(plan: NetworkingPlan) -> networking.Rules:
    never, keep = set(), []
    for rule, first, second in plan.pairs.values_list("rule", "first_id", "second_id"):
        if rule == PairRule.NEVER:
            never.add(frozenset((first, second)))
        else:
            keep.append((first, second))
    return networking.Rules(
        table_size=plan.table_size,
        table_count=plan.table_count,
        mix_domains=plan.mix_domains,
        group_by_region=plan.group_by_region,
        never=never,
        keep=keep,
    )


def seats_by_round(plan: NetworkingPlan) -> list[networking.Round]:
    rounds: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for rnd, table, reg_id in plan.seats.values_list("round", "table", "registration_id"):
        rounds[rnd][table].append(reg_id)
    return [
        [sorted(rounds[r][t]) for t in sorted(rounds[r])]
        for r in range(1, max(rounds, default=0) + 1)
    ]


def networking_overview(event: Event, plan: NetworkingPlan) -> dict:
    """Tables per round with names, organisations and domains; quality against random."""
    seats = list(
        TableSeat.objects.filter(plan=plan)
        .select_related("registration", "registration__work_municipality")
        .order_by("round", "table", "registration__name")
    )
    registrations = {s.registration_id: s.registration for s in seats}
    rounds: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for seat in seats:
        rounds[seat.round][seat.table].append(seat.registration)
    people = [attendee_of(r) for r in participants(event)]
    seated_people = [attendee_of(r) for r in registrations.values()]
    rules = rules_of(plan)
    planned = seats_by_round(plan)
    compare = networking.random_rounds(people, plan.rounds, rules, seed=COMPARE_SEED)
    return {
        "rounds": [
            {"number": r, "held": r <= plan.rounds_held, "tables": sorted(rounds[r].items())}
            for r in sorted(rounds)
        ],
        "quality": networking.quality(seated_people, planned, rules.keep),
        "random_quality": networking.quality(people, compare, rules.keep),
        "participant_count": len(people),
        "pairs": plan.pairs.select_related("first", "second"),
        "people": people,
    }


def cards(plan: NetworkingPlan) -> list[dict]:
    """Per person: name and their table in each round (for the printed cards)."""
    by_person: dict[int, dict] = {}
    for seat in plan.seats.select_related("registration").order_by(
        "registration__name", "registration_id", "round"
    ):
        entry = by_person.setdefault(
            seat.registration_id, {"registration": seat.registration, "seats": []}
        )
        entry["seats"].append(seat)
    return list(by_person.values())
