"""The capacity path: counting and deciding while the event row is locked.

Every write that changes who has a seat (registering, cancelling, promoting, changing the
capacity of an event or a workshop) runs inside ``locking.locked_transaction()`` and takes the
event lock first with :func:`lock_event`; then it counts again, decides and writes (STYLE.md,
the pretix lesson). The rules on seats live here and only here; services.py calls them.
"""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from ontmoetingen.core import statements
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events import allocation_services, locking
from ontmoetingen.events.models import (
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Session,
    WaitReason,
)


def lock_event(event_id: int) -> Event:
    """The event row, locked until the transaction ends. On SQLite the IMMEDIATE transaction
    already holds the write lock. One lean statement (core/statements.py): in a rush every
    registration reads the event again here. Whether the row is locked is still decided by
    ``locking.for_update``, the one place every row lock of this area goes through."""
    locks = locking.for_update(Event.objects.none()).query.select_for_update
    event = statements.fetch(Event, "id = %s", [event_id], for_update=locks)
    if event is None:
        raise Event.DoesNotExist(f"Event {event_id} does not exist")
    return event


def lock_sessions(event: Event, session_ids: list[int]) -> list[Session]:
    """The chosen workshops of ``event``, locked; at most one per time slot."""
    if not session_ids:
        return []
    queryset = Session.objects.filter(event=event, pk__in=session_ids).order_by("pk")
    sessions = list(locking.for_update(queryset))
    if len(sessions) != len(set(session_ids)):
        raise ServiceError("Kies alleen workshops van deze bijeenkomst.", field="sessions")
    slots = [s.starts_at for s in sessions]
    if len(slots) != len(set(slots)):
        raise ServiceError("Kies per tijdvak hooguit één workshop.", field="sessions")
    return sessions


_DOMAIN_COUNTS = (
    "SELECT domain, COUNT(*) FROM events_registration WHERE event_id = %s AND status = %s "
    "GROUP BY domain"
)


def domain_counts(event: Event) -> dict[str, int]:
    """Confirmed registrations of ``event`` per domain (plain SQL: counted for every
    registration in a rush)."""
    with connection.cursor() as cursor:
        cursor.execute(_DOMAIN_COUNTS, [event.pk, RegistrationStatus.CONFIRMED.value])
        return dict(cursor.fetchall())


def decide(event: Event, domain: str) -> tuple[str, str]:
    """(status, wait reason) for a newcomer, given the counts right now."""
    counts = domain_counts(event)
    if event.capacity is not None and sum(counts.values()) >= event.capacity:
        return RegistrationStatus.WAITLISTED, WaitReason.CAPACITY
    limit = event.balance_limit
    if limit is not None and counts.get(domain, 0) >= limit:
        return RegistrationStatus.WAITLISTED, WaitReason.BALANCE
    return RegistrationStatus.CONFIRMED, WaitReason.NONE


def full_sessions(sessions: list[Session]) -> list[Session]:
    """Those of ``sessions`` that are full, counted afresh (``Session.is_full``)."""
    if not sessions:
        return []
    fresh = Session.objects.filter(pk__in=[s.pk for s in sessions]).with_counts()
    return [s for s in fresh if s.is_full]


def fill_seats(event: Event) -> list[int]:
    """Confirm people from the waiting list, first come first served, while seats are free
    and the domain balance allows. Call with the event locked. Returns promoted ids."""
    if event.status != EventStatus.PUBLISHED or event.starts_at <= timezone.now():
        return []
    counts = domain_counts(event)
    free = None if event.capacity is None else event.capacity - sum(counts.values())
    limit = event.balance_limit
    promoted = []
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
    for registration in waiting.order_by("pk"):
        if free is not None and free <= 0:
            break
        if limit is not None and counts.get(registration.domain, 0) >= limit:
            continue
        confirm(registration)
        counts[registration.domain] = counts.get(registration.domain, 0) + 1
        if free is not None:
            free -= 1
        promoted.append(registration.pk)
    return promoted


def confirm(registration: Registration) -> None:
    """Give a waiting person their seat. Call with the event locked."""
    # a workshop that filled up while this person waited is dropped (the mail says so);
    # counted before the person is confirmed, so their own place does not count against them
    full = full_sessions(list(registration.sessions.all()))
    registration.status = RegistrationStatus.CONFIRMED
    registration.wait_reason = WaitReason.NONE
    registration.confirmed_at = timezone.now()
    registration.save(update_fields=["status", "wait_reason", "confirmed_at"])
    if full:
        registration.sessions.remove(*full)
    # workshops by preference, already allocated: the best-ranked workshop with a free seat
    allocation_services.seat_confirmed_late(registration=registration)


def check_session_capacity(session: Session, capacity: int | None, *, field: str) -> None:
    """A workshop's capacity may go up freely, but not below the people already confirmed
    for it (nobody loses a seat they were given). Call with the event locked."""
    if session.pk is None or capacity is None:
        return
    confirmed = session.confirmed
    if capacity < confirmed:
        raise ServiceError(
            f"De workshop “{session.title}” heeft al {confirmed} bevestigde deelnemers: het "
            f"aantal plaatsen kan niet lager zijn dan {confirmed}.",
            code="session_capacity",
            field=field,
        )
