"""Demo data for workshops by preference and networking rounds (called by events.demo).

The demo conference runs in preference mode: most confirmed people gave choices (skewed: some
workshops are far more popular than others), the allocation was run and published. A past event
has networking rounds that were held. Written directly (no mails), deterministic for one rng.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ontmoetingen.events import allocation, networking
from ontmoetingen.events.models import (
    AllocationState,
    DraftPlacement,
    Event,
    NetworkingPlan,
    Programme,
    Registration,
    SessionMode,
    TableSeat,
    WorkshopPreference,
)
from ontmoetingen.events.networking_selectors import attendee_of

# capacity per workshop, in the order of events.demo.WORKSHOPS: together more than the
# conference seats per slot, so nobody is left without a workshop while seats are free
CONFERENCE_WORKSHOP_CAPACITY = [180, 130, 110, 160, 130, 120]
POPULARITY = [5, 3, 2]  # weights of the workshops within a slot for a 1st choice
SHARE_WITH_CHOICES = 0.9


def seed_conference(conference: Event, registrations: list[Registration], rng) -> None:
    sessions = list(conference.sessions.order_by("starts_at", "pk"))
    for session, capacity in zip(sessions, CONFERENCE_WORKSHOP_CAPACITY, strict=False):
        session.capacity = capacity
        session.save(update_fields=["capacity"])
    programme = Programme.objects.create(
        event=conference,
        mode=SessionMode.PREFERENCE,
        allocation_deadline=conference.starts_at - timedelta(days=14),
        workshop_domain_max_share=60,
        lottery_seed=rng.randrange(2**40),
    )
    slots: dict = {}
    for session in sessions:
        slots.setdefault(session.starts_at, []).append(session)
    rows, people = [], []
    for registration in registrations:
        if registration.status != "confirmed" or rng.random() > SHARE_WITH_CHOICES:
            continue
        choices = {}
        for slot, items in slots.items():
            order = _ranking(items, rng)
            choices[slot] = [s.pk for s in order]
            rows += [
                WorkshopPreference(registration=registration, slot=slot, rank=r, session=s)
                for r, s in enumerate(order, start=1)
            ]
        people.append(allocation.Person(registration.pk, registration.domain, choices))
    WorkshopPreference.objects.bulk_create(rows)
    workshops = [allocation.Workshop(s.pk, s.starts_at, s.capacity) for s in sessions]
    result = allocation.allocate(
        people,
        workshops,
        seed=programme.lottery_seed,
        max_domain_share=programme.workshop_domain_max_share,
    )
    DraftPlacement.objects.bulk_create(
        DraftPlacement(programme=programme, registration_id=pid, session_id=wid, rank=rank)
        for (pid, _), (wid, rank) in result.items()
    )
    through = Registration.sessions.through
    through.objects.bulk_create(
        through(registration_id=pid, session_id=wid) for (pid, _), (wid, _r) in result.items()
    )
    programme.state = AllocationState.PUBLISHED
    programme.drafted_at = programme.published_at = timezone.now()
    programme.save()


def _ranking(items: list, rng) -> list:
    weights = POPULARITY[: len(items)]
    order = []
    pool = list(zip(items, weights, strict=True))
    for _ in range(min(3, len(items)) - (1 if rng.random() < 0.2 else 0)):
        picked = rng.choices(range(len(pool)), weights=[w for _, w in pool])[0]
        order.append(pool.pop(picked)[0])
    return order


def seed_networking(event: Event, registrations: list[Registration], rng) -> None:
    """A past event whose three rounds were held, at tables of six."""
    present = [r for r in registrations if r.status == "confirmed" and r.checked_in_at]
    plan = NetworkingPlan.objects.create(
        event=event,
        rounds=3,
        table_size=6,
        rounds_held=3,
        seed=rng.randrange(2**40),
        generated_at=event.starts_at,
    )
    rounds = networking.plan_rounds(
        [attendee_of(r) for r in present],
        plan.rounds,
        networking.Rules(table_size=plan.table_size),
        seed=plan.seed,
        time_limit=60,  # the step budget ends it long before: the demo stays deterministic
    )
    TableSeat.objects.bulk_create(
        TableSeat(plan=plan, round=r, table=t, registration_id=reg_id)
        for r, tables in enumerate(rounds, start=1)
        for t, members in enumerate(tables, start=1)
        for reg_id in members
    )
