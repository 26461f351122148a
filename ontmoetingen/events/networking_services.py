"""Writes for networking rounds: the settings and pair rules, generating the plan for the
people present (keeping rounds already held), and opting out."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from ontmoetingen.core.audit import record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events import networking, programme_mails
from ontmoetingen.events.models import (
    Event,
    NetworkingOptOut,
    NetworkingPair,
    NetworkingPlan,
    PairRule,
    Registration,
    RegistrationStatus,
    TableSeat,
)
from ontmoetingen.events.networking_selectors import (
    attendee_of,
    participants,
    rules_of,
    seats_by_round,
)

PLAN_TIME_LIMIT = 2.5  # seconds: the planner stops and returns the best valid plan so far
MAX_SEED = 2**62


def networking_plan_save(*, event: Event, values: dict, actor) -> NetworkingPlan:
    """Rounds, table size and count, and the aims (mix domains, group by region)."""
    with transaction.atomic():
        plan = NetworkingPlan.objects.select_for_update().filter(event=event).first()
        plan = plan or NetworkingPlan(event=event)
        for name, value in values.items():
            setattr(plan, name, value)
        if plan.rounds < plan.rounds_held:
            raise ServiceError(
                f"Er zijn al {plan.rounds_held} rondes gehouden; minder rondes kan niet.",
                field="rounds",
            )
        plan.full_clean()
        plan.save()
        record(
            event,
            "netwerkrondes ingesteld",
            actor=actor,
            changes={"Rondes": plan.rounds, "Tafelgrootte": plan.table_size},
        )
    return plan


def networking_pair_add(*, plan: NetworkingPlan, rule: str, first_id: int, second_id: int, actor):
    """A "never together" or "keep together" rule for two registrations of this event."""
    if first_id == second_id:
        raise ServiceError("Kies twee verschillende personen.", field="second")
    first_id, second_id = sorted((first_id, second_id))
    with transaction.atomic():
        found = Registration.objects.filter(event=plan.event, pk__in=[first_id, second_id])
        if found.count() != 2:
            raise ServiceError("Kies twee deelnemers van deze bijeenkomst.", field="first")
        if rule == PairRule.KEEP:
            groups = networking.keep_groups(
                [first_id, second_id, *[i for pair in rules_of(plan).keep for i in pair]],
                [*rules_of(plan).keep, (first_id, second_id)],
            )
            if max(len(g) for g in groups) > plan.table_size:
                raise ServiceError("Zo'n groep past niet aan één tafel.", field="rule")
        pair, _ = NetworkingPair.objects.update_or_create(
            plan=plan, first_id=first_id, second_id=second_id, defaults={"rule": rule}
        )
        record(
            plan.event,
            "paarregel netwerkronde",
            actor=actor,
            changes={"Regel": pair.get_rule_display()},
        )
    return pair


def networking_generate(
    *, event: Event, actor, rounds_held: int | None = None, notify: bool = False
) -> NetworkingPlan:
    """(Re)plan the rounds for the people checked in now. Rounds already held stay as they were;
    pairs that met there count as met. ``notify``: mail everyone seated their card."""
    with transaction.atomic():
        plan = NetworkingPlan.objects.select_for_update().get(event=event)
        if rounds_held is not None:
            if not 0 <= rounds_held <= plan.rounds:
                raise ServiceError("Zoveel rondes zijn er niet.", field="rounds_held")
            plan.rounds_held = rounds_held
        if plan.seed is None:
            plan.seed = secrets.randbelow(MAX_SEED)
        people = [attendee_of(r) for r in participants(event)]
        held = seats_by_round(plan)[: plan.rounds_held]
        present = {p.id for p in people}
        held = [[[i for i in t if i in present] for t in r] for r in held]
        rounds = networking.plan_rounds(
            people,
            plan.rounds,
            rules_of(plan),
            seed=plan.seed + plan.rounds_held,
            held=held,
            time_limit=PLAN_TIME_LIMIT,
        )
        TableSeat.objects.filter(plan=plan, round__gt=plan.rounds_held).delete()
        TableSeat.objects.bulk_create(
            TableSeat(plan=plan, round=r, table=t, registration_id=reg_id)
            for r, tables in enumerate(rounds, start=1)
            if r > plan.rounds_held
            for t, members in enumerate(tables, start=1)
            for reg_id in members
        )
        plan.generated_at = timezone.now()
        plan.save()
        record(
            event,
            "netwerkrondes ingedeeld",
            actor=actor,
            changes={"Deelnemers": len(people), "Rondes gehouden": plan.rounds_held},
        )
        if notify:
            for person in people:
                programme_mails.later("networking", person.id)
    return plan


def networking_opt_out(*, registration: Registration, opt_out: bool = True) -> None:
    """The person opts out (or back in). Opting out removes them from every table."""
    with transaction.atomic():
        if registration.status == RegistrationStatus.CANCELLED:
            raise ServiceError("Deze aanmelding is geannuleerd.")
        if opt_out:
            NetworkingOptOut.objects.get_or_create(registration=registration)
            TableSeat.objects.filter(registration=registration).delete()
        else:
            NetworkingOptOut.objects.filter(registration=registration).delete()
