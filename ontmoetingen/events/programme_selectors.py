"""Reads for workshops by preference: the person's programme and the team's draft overview."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Q

from ontmoetingen.core.domain import Domain
from ontmoetingen.events import allocation
from ontmoetingen.events.models import (
    AllocationState,
    DraftPlacement,
    Event,
    NetworkingOptOut,
    Programme,
    Registration,
    RegistrationStatus,
    Session,
    TableSeat,
    WorkshopPreference,
)

RANK_ROWS = [(1, "1e keus"), (2, "2e keus"), (3, "3e keus"), (allocation.NO_CHOICE, "geen")]


def programme_of(event: Event) -> Programme:
    """The event's programme row, or an unsaved default (first come, first served)."""
    try:
        return event.programme
    except Programme.DoesNotExist:
        return Programme(event=event)


def allocation_instance(event: Event):
    """(people with choices, workshops, seats taken by confirmed people without choices) —
    the input of the solver, in one query per table."""
    sessions = list(Session.objects.filter(event=event))
    workshops = [allocation.Workshop(s.pk, s.starts_at, s.capacity) for s in sessions]
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    choices: dict[int, dict] = defaultdict(lambda: defaultdict(list))
    domains = dict(confirmed.values_list("pk", "domain"))
    for reg_id, slot, session_id in (
        WorkshopPreference.objects.filter(registration__in=confirmed)
        .order_by("registration", "slot", "rank")
        .values_list("registration_id", "slot", "session_id")
    ):
        choices[reg_id][slot].append(session_id)
    people = [
        allocation.Person(id=reg_id, domain=domains[reg_id], choices=dict(slots))
        for reg_id, slots in sorted(choices.items())
    ]
    taken: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    through = Registration.sessions.through
    rows = (
        through.objects.filter(
            session__event=event, registration__status=RegistrationStatus.CONFIRMED
        )
        .exclude(registration_id__in=list(choices))
        .values_list("session_id", "registration__domain")
    )
    for session_id, domain in rows:
        taken[session_id][domain] += 1
    return people, workshops, taken


def _published(event: Event, people) -> allocation.Assignment:
    through = Registration.sessions.through
    rank = {}
    for person in people:
        for slot, ids in person.choices.items():
            for i, sid in enumerate(ids, start=1):
                rank[person.id, sid] = (slot, i)
    result = {}
    for reg_id, session_id in through.objects.filter(
        registration_id__in=[p.id for p in people]
    ).values_list("registration_id", "session_id"):
        if (reg_id, session_id) in rank:
            slot, i = rank[reg_id, session_id]
            result[reg_id, slot] = (session_id, i)
    return result


def _distribution(people, assignment) -> dict[int, dict]:
    counts = allocation.rank_counts(people, assignment)
    total = sum(counts.values()) or 1
    return {r: {"n": counts[r], "pct": round(100 * counts[r] / total)} for r in counts}


def allocation_overview(event: Event, programme: Programme) -> dict:
    """Per workshop the fill and domain mix of the draft (or the published programme), and the
    distribution 1e/2e/3e/geen against first come, first served on the same choices."""
    people, workshops, _ = allocation_instance(event)
    draft = {
        (reg_id, slot): (sid, rank)
        for reg_id, sid, slot, rank in DraftPlacement.objects.filter(
            programme_id=programme.pk
        ).values_list("registration_id", "session_id", "session__starts_at", "rank")
    }
    arrival = sorted(people, key=lambda p: p.id)  # the primary key follows arrival order
    fcfs = allocation.serial_dictatorship(
        arrival, workshops, max_domain_share=programme.workshop_domain_max_share
    )
    columns = {"draft": _distribution(people, draft), "fcfs": _distribution(people, fcfs)}
    if programme.state == AllocationState.PUBLISHED or programme.published_at:
        columns["published"] = _distribution(people, _published(event, people))
    distribution = [
        {"label": label, **{name: column[rank] for name, column in columns.items()}}
        for rank, label in RANK_ROWS
    ]
    return {
        "people_count": len(people),
        "workshops": _workshop_rows(event, programme, draft),
        "distribution": distribution,
        "has_published": "published" in columns,
    }


def _workshop_rows(event: Event, programme: Programme, draft) -> list[dict]:
    domain_of = dict(
        Registration.objects.filter(pk__in={reg_id for reg_id, _ in draft}).values_list(
            "pk", "domain"
        )
    )
    mix: dict[int, Counter] = defaultdict(Counter)
    for (reg_id, _slot), (sid, _rank) in draft.items():
        mix[sid][domain_of[reg_id]] += 1
    first_choices = Counter(
        WorkshopPreference.objects.filter(
            registration__event=event,
            registration__status=RegistrationStatus.CONFIRMED,
            rank=1,
        ).values_list("session_id", flat=True)
    )
    labels = dict(Domain.choices)
    sessions = Session.objects.filter(event=event).annotate(
        seated=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
    )
    rows = []
    for session in sessions.order_by("starts_at", "title"):
        drafted = sum(mix[session.pk].values())
        rows.append(
            {
                "session": session,
                "first_choices": first_choices[session.pk],
                "draft": drafted,
                "seated": session.seated,
                "full": session.capacity is not None and drafted >= session.capacity,
                "mix": [
                    (labels[d], mix[session.pk][d]) for d in Domain.values if mix[session.pk][d]
                ],
            }
        )
    return rows


def registration_programme(registration: Registration) -> dict:
    """What the person's registration page shows about choices, workshops and tables."""
    programme = programme_of(registration.event)
    preferences = list(
        WorkshopPreference.objects.filter(registration=registration)
        .select_related("session")
        .order_by("slot", "rank")
    )
    seats = []
    opted_out = NetworkingOptOut.objects.filter(registration=registration).exists()
    if not opted_out:
        seats = list(TableSeat.objects.filter(registration=registration).order_by("round"))
    can_switch = (
        programme.by_preference
        and programme.state == AllocationState.PUBLISHED
        and registration.status == RegistrationStatus.CONFIRMED
        and not registration.event.is_past
    )
    held = set(registration.sessions.values_list("pk", flat=True)) if can_switch else set()
    return {
        "programme": programme,
        "preferences": preferences,
        "switch_sessions": [
            s
            for s in Session.objects.filter(event=registration.event).order_by("starts_at", "title")
            if s.pk not in held
        ]
        if can_switch
        else [],
        "can_change_preferences": (
            programme.by_preference
            and registration.status != RegistrationStatus.CANCELLED
            and programme.preferences_open()
        ),
        "table_card": seats,
        "networking_opted_out": opted_out,
        "networking_planned": hasattr(registration.event, "networking"),
    }
