"""Writes for workshops by preference: settings, choices, the draft allocation, publishing it
and moving people up when a seat frees after publication (docs/allocation.md).

The allocation itself is computed by ``events.allocation`` (pure, scipy); this module reads
the rows, locks the event, writes the outcome and queues the mails after the commit.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ontmoetingen.core.audit import display_value, record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events import allocation, programme_mails
from ontmoetingen.events.locking import for_update, locked_transaction
from ontmoetingen.events.models import (
    AllocationState,
    DraftPlacement,
    Event,
    Programme,
    Registration,
    RegistrationStatus,
    Session,
    SessionMode,
    WorkshopPreference,
)
from ontmoetingen.events.programme_selectors import allocation_instance, programme_of

MAX_SEED = 2**62


def _lock_event(event_id: int) -> Event:
    # as capacity.lock_event; not imported from there, because capacity calls this module
    return for_update(Event.objects.all()).get(pk=event_id)


def programme_save(
    *,
    event: Event,
    mode: str,
    allocation_deadline: datetime | None,
    workshop_domain_max_share: int | None,
    actor,
) -> Programme:
    """Set how the event hands out its workshops. Switching back to first come, first served
    after an allocation was published is refused: people hold seats from the allocation."""
    with transaction.atomic():
        programme = Programme.objects.select_for_update().filter(event=event).first()
        programme = programme or Programme(event=event)
        before = {
            "Verdeling": programme.get_mode_display(),
            "Voorkeuren wijzigen tot": display_value(programme.allocation_deadline),
            "Maximaal aandeel per domein": display_value(programme.workshop_domain_max_share),
        }
        if (
            mode == SessionMode.FIRST_COME
            and programme.state == AllocationState.PUBLISHED
            and programme.mode == SessionMode.PREFERENCE
        ):
            raise ServiceError(
                "De verdeling is al gepubliceerd; terug naar 'wie het eerst komt' kan niet meer.",
                field="mode",
            )
        programme.mode = mode
        programme.allocation_deadline = allocation_deadline
        programme.workshop_domain_max_share = workshop_domain_max_share
        programme.full_clean()
        programme.save()
        after = {
            "Verdeling": programme.get_mode_display(),
            "Voorkeuren wijzigen tot": display_value(programme.allocation_deadline),
            "Maximaal aandeel per domein": display_value(programme.workshop_domain_max_share),
        }
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        record(event, "programma ingesteld", actor=actor, changes=changes)
    return programme


def _clean_choices(event: Event, choices: dict[datetime, list[int]]) -> list[WorkshopPreference]:
    sessions = {s.pk: s for s in Session.objects.filter(event=event)}
    rows = []
    for slot, session_ids in choices.items():
        picked = [sid for sid in session_ids if sid]
        if len(picked) != len(set(picked)):
            raise ServiceError("Kies een workshop maar één keer per tijdvak.", field="preferences")
        for rank, session_id in enumerate(picked, start=1):
            session = sessions.get(session_id)
            if session is None or session.starts_at != slot:
                raise ServiceError("Kies alleen workshops uit dit tijdvak.", field="preferences")
            rows.append(WorkshopPreference(slot=slot, rank=rank, session=session))
    return rows


def preferences_write(*, registration: Registration, choices: dict[datetime, list[int]]) -> None:
    """Replace a person's choices. Call inside the caller's transaction with the event locked
    (registration_create does, and ``preferences_change`` below). Once the allocation is
    published, a newcomer gets at once the best-ranked workshop that still has a seat."""
    rows = _clean_choices(registration.event, choices)
    WorkshopPreference.objects.filter(registration=registration).delete()
    for row in rows:
        row.registration = registration
    WorkshopPreference.objects.bulk_create(rows)
    programme = programme_of(registration.event)
    if (
        programme.state == AllocationState.PUBLISHED
        and registration.status == RegistrationStatus.CONFIRMED
    ):
        _seat_best_free(registration, rows, programme)


def seat_confirmed_late(*, registration: Registration) -> None:
    """Someone confirmed after publication (from the waiting list) gets, per slot, their
    best-ranked workshop that still has a seat. Call with the event locked."""
    programme = programme_of(registration.event)
    if programme.state != AllocationState.PUBLISHED:
        return
    rows = list(
        WorkshopPreference.objects.filter(registration=registration).select_related("session")
    )
    _seat_best_free(registration, rows, programme)


def _seat_best_free(registration: Registration, rows, programme: Programme) -> None:
    held = set(registration.sessions.values_list("starts_at", flat=True))
    for row in sorted(rows, key=lambda r: (r.slot, r.rank)):
        session = row.session
        if row.slot in held or not _has_room(session, registration.domain, programme):
            continue
        registration.sessions.add(session)
        held.add(row.slot)


def _has_room(session: Session, domain: str, programme: Programme) -> bool:
    seated = session.registrations.filter(status=RegistrationStatus.CONFIRMED)
    if session.capacity is not None and seated.count() >= session.capacity:
        return False
    limit = allocation.domain_limit(session.capacity, programme.workshop_domain_max_share)
    return limit is None or seated.filter(domain=domain).count() < limit


def preferences_change(
    *, registration: Registration, choices: dict[datetime, list[int]]
) -> Registration:
    """The person changes their choices through their signed link, until the deadline."""
    with locked_transaction():
        _lock_event(registration.event_id)
        registration = Registration.objects.select_related("event").get(pk=registration.pk)
        programme = programme_of(registration.event)
        if not programme.by_preference:
            raise ServiceError("Bij deze bijeenkomst kiest u geen voorkeuren.", code="closed")
        if registration.status == RegistrationStatus.CANCELLED:
            raise ServiceError("Deze aanmelding is geannuleerd.", code="closed")
        if not programme.preferences_open():
            raise ServiceError(
                "De workshops zijn verdeeld; uw keuzes kunt u niet meer wijzigen.",
                code="closed",
            )
        preferences_write(registration=registration, choices=choices)
    return registration


# --- the allocation -------------------------------------------------------------------------


def allocation_run(*, event: Event, actor) -> Programme:
    """Compute the draft allocation for everyone confirmed who gave choices. Nothing changes
    for the registrants until the team publishes it."""
    with locked_transaction():
        event = _lock_event(event.pk)
        programme = programme_of(event)
        if not programme.by_preference:
            raise ServiceError("Zet eerst de verdeling op 'op voorkeur'.")
        if programme.lottery_seed is None:
            programme.lottery_seed = secrets.randbelow(MAX_SEED)
        people, workshops, taken = allocation_instance(event)
        result = allocation.allocate(
            people,
            workshops,
            seed=programme.lottery_seed,
            max_domain_share=programme.workshop_domain_max_share,
            taken=taken,
        )
        if programme.pk:
            DraftPlacement.objects.filter(programme=programme).delete()
        programme.state = AllocationState.DRAFT
        programme.drafted_at = timezone.now()
        programme.save()
        DraftPlacement.objects.bulk_create(
            DraftPlacement(programme=programme, registration_id=pid, session_id=wid, rank=rank)
            for (pid, _slot), (wid, rank) in result.items()
        )
        record(
            event,
            "workshopverdeling berekend (concept)",
            actor=actor,
            changes={"Lotingsgetal": str(programme.lottery_seed), "Plaatsingen": len(result)},
        )
    return programme


def allocation_publish(*, event: Event, actor) -> list[int]:
    """Make the draft the real programme. The first time everyone with choices gets their
    personal programme; after a re-run only people whose programme changed. Returns the ids
    of the registrations that are mailed."""
    with locked_transaction():
        event = _lock_event(event.pk)
        programme = programme_of(event)
        if programme.state != AllocationState.DRAFT:
            raise ServiceError("Er is geen conceptverdeling om te publiceren.")
        first_time = programme.published_at is None
        people, _, _ = allocation_instance(event)
        draft: dict[int, set[int]] = defaultdict(set)
        for reg_id, session_id in programme.placements.values_list("registration_id", "session_id"):
            draft[reg_id].add(session_id)
        current: dict[int, set[int]] = defaultdict(set)
        through = Registration.sessions.through
        for reg_id, session_id in through.objects.filter(
            registration_id__in=[p.id for p in people]
        ).values_list("registration_id", "session_id"):
            current[reg_id].add(session_id)
        changed = []
        for person in people:
            if draft[person.id] != current[person.id]:
                Registration.objects.get(pk=person.id).sessions.set(draft[person.id])
                changed.append(person.id)
        mailed = [p.id for p in people] if first_time else changed
        programme.state = AllocationState.PUBLISHED
        programme.published_at = timezone.now()
        programme.save(update_fields=["state", "published_at"])
        record(
            event,
            "workshopverdeling gepubliceerd",
            actor=actor,
            changes={"Gewijzigde programma's": len(changed), "Gemaild": len(mailed)},
        )
        for reg_id in mailed:
            programme_mails.later("programme", reg_id)
    return mailed


def seats_freed(*, event: Event, session_ids: list[int]) -> list[int]:
    """After publication, a freed workshop seat goes to the person who ranked that workshop
    best among those who would be better off (no workshop in the slot, or a lower choice);
    ties go by the lottery. Their old seat frees in turn, so the move can chain. Call with the
    event locked, inside the cancelling transaction. Returns the moved registrations."""
    programme = programme_of(event)
    if not (programme.by_preference and programme.state == AllocationState.PUBLISHED):
        return []
    moved = []
    queue = list(session_ids)
    while queue:
        session = Session.objects.get(pk=queue.pop(0))
        if session.capacity is not None and _seated(session) >= session.capacity:
            continue
        candidate = _best_waiting(event, programme, session)
        if candidate is None:
            continue
        registration, old = candidate
        if old is not None:
            registration.sessions.remove(old)
            queue.append(old.pk)
        registration.sessions.add(session)
        moved.append(registration.pk)
    for reg_id in dict.fromkeys(moved):
        programme_mails.later("programme_moved", reg_id)
    return list(dict.fromkeys(moved))


def _seated(session: Session) -> int:
    return session.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def _best_waiting(event: Event, programme: Programme, session: Session):
    """(registration, their current session in this slot or None) of the best candidate."""
    wanting = WorkshopPreference.objects.filter(
        session=session, registration__status=RegistrationStatus.CONFIRMED
    ).select_related("registration")
    best = None
    for preference in wanting:
        registration = preference.registration
        if registration.sessions.filter(pk=session.pk).exists():
            continue
        if not _has_room(session, registration.domain, programme):
            continue
        old = registration.sessions.filter(starts_at=session.starts_at).first()
        old_rank = None
        if old is not None:
            old_rank = (
                WorkshopPreference.objects.filter(registration=registration, session=old)
                .values_list("rank", flat=True)
                .first()
            )
            if old_rank is None or old_rank <= preference.rank:
                continue  # placed by hand, or already as good: stays
        key = (
            preference.rank,
            old is not None,
            -allocation.lottery_number(programme.lottery_seed or 0, registration.pk),
        )
        if best is None or key < best[0]:
            best = (key, registration, old)
    return None if best is None else (best[1], best[2])


def allocations_due(*, now: datetime | None = None) -> int:
    """Compute the draft for every event in preference mode whose deadline has passed and that
    has no allocation yet. Only a draft: the team still looks before publishing."""
    now = now or timezone.now()
    due = Programme.objects.filter(
        mode=SessionMode.PREFERENCE,
        state=AllocationState.NONE,
        allocation_deadline__lte=now,
        event__starts_at__gt=now,
    ).select_related("event")
    count = 0
    for programme in due:
        allocation_run(event=programme.event, actor=None)
        count += 1
    return count


def workshop_switch(*, registration: Registration, session_id: int) -> str:
    """After publication a person asks for another workshop in the same slot. With a free seat
    they move at once (their old seat goes to the best-ranked person waiting); otherwise they
    swap with someone in that workshop who ranked the person's current workshop higher. Returns
    "moved" or "swapped"; refuses when neither is possible."""
    with locked_transaction():
        event = _lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        programme = programme_of(event)
        if programme.state != AllocationState.PUBLISHED:
            raise ServiceError("Ruilen kan als de verdeling is gepubliceerd.")
        if registration.status != RegistrationStatus.CONFIRMED or event.is_past:
            raise ServiceError("Ruilen kan alleen met een bevestigde aanmelding.")
        target = Session.objects.filter(event=event, pk=session_id).first()
        if target is None:
            raise ServiceError("Kies een workshop van deze bijeenkomst.", field="session")
        current = registration.sessions.filter(starts_at=target.starts_at).first()
        if current == target:
            raise ServiceError("U bent al voor deze workshop ingedeeld.", field="session")
        if _has_room(target, registration.domain, programme):
            if current is not None:
                registration.sessions.remove(current)
            registration.sessions.add(target)
            if current is not None:
                seats_freed(event=event, session_ids=[current.pk])
            return "moved"
        partner = _swap_partner(registration, current, target) if current else None
        if partner is None:
            raise ServiceError(
                "Deze workshop is vol en niemand daar wil met u ruilen. Probeer het later nog "
                "eens: als er een plaats vrijkomt, gaat die naar wie de workshop het hoogst koos.",
                field="session",
            )
        registration.sessions.remove(current)
        registration.sessions.add(target)
        partner.sessions.remove(target)
        partner.sessions.add(current)
        programme_mails.later("programme_moved", partner.pk)
    return "swapped"


def _swap_partner(registration: Registration, current: Session, target: Session):
    """Someone in ``target`` who ranked ``current`` above ``target`` (same domain under a
    domain cap, so the caps still hold); the best draw of the lottery first."""
    wanting = WorkshopPreference.objects.filter(
        session=current,
        registration__sessions=target,
        registration__status=RegistrationStatus.CONFIRMED,
    ).select_related("registration")
    programme = programme_of(registration.event)
    candidates = []
    for preference in wanting:
        other = preference.registration
        held = WorkshopPreference.objects.filter(registration=other, session=target).first()
        if held is not None and held.rank <= preference.rank:
            continue
        if programme.workshop_domain_max_share and other.domain != registration.domain:
            continue
        draw = allocation.lottery_number(programme.lottery_seed or 0, other.pk)
        candidates.append((preference.rank, -draw, other))
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None
