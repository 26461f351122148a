"""Every write on events and registrations. Capacity rules live here and only here.

Registration, cancellation and promotion follow one pattern (STYLE.md, the pretix lesson): in
one transaction, lock the event row (and the chosen session rows), count again, decide, write.
Mails are sent after the commit, so a rolled-back registration never mails anyone and a failing
mail server never loses a registration.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events import allocation_services, mails
from ontmoetingen.events.locking import locked_transaction, locking_enabled
from ontmoetingen.events.models import (
    Event,
    EventStatus,
    Feedback,
    Registration,
    RegistrationStatus,
    Session,
    WaitReason,
)

logger = logging.getLogger(__name__)

REMINDER_BEFORE = timedelta(days=2)
FEEDBACK_WITHIN = timedelta(days=14)

DUPLICATE_MESSAGE = (
    "Met dit e-mailadres bent u al aangemeld voor deze bijeenkomst. Kijk in uw e-mail voor de "
    "bevestiging; via de link daarin kunt u uw aanmelding bekijken of annuleren."
)


@dataclass
class RegistrationInput:
    """What a person fills in (from the form, the API or the back-office)."""

    name: str
    email: str
    domain: str
    organisation: str = ""
    role: str = ""
    work_municipality_id: str | None = None
    dietary: str = ""
    accessibility: str = ""
    answers: dict = field(default_factory=dict)
    session_ids: list[int] = field(default_factory=list)
    # workshops by preference: time slot -> session ids, 1st choice first
    preferences: dict = field(default_factory=dict)


# --- reading under the lock -------------------------------------------------------------------


def _lock_event(event_id: int) -> Event:
    """The event row, locked until the transaction ends (evaluated with .get(), so the lock
    is really taken). On SQLite the IMMEDIATE transaction already holds the write lock."""
    queryset = Event.objects.all()
    if locking_enabled():
        queryset = queryset.select_for_update()
    return queryset.get(pk=event_id)


def _lock_sessions(event: Event, session_ids: list[int]) -> list[Session]:
    if not session_ids:
        return []
    queryset = Session.objects.filter(event=event, pk__in=session_ids).order_by("pk")
    if locking_enabled():
        queryset = queryset.select_for_update()
    sessions = list(queryset)
    if len(sessions) != len(set(session_ids)):
        raise ServiceError("Kies alleen workshops van deze bijeenkomst.", field="sessions")
    slots = [s.starts_at for s in sessions]
    if len(slots) != len(set(slots)):
        raise ServiceError("Kies per tijdvak hooguit één workshop.", field="sessions")
    return sessions


def balance_limit(event: Event) -> int | None:
    """The most confirmed seats one domain may hold, or None without domain balance."""
    if not event.balance_max_share or not event.capacity:
        return None
    return max(1, event.capacity * event.balance_max_share // 100)


def _domain_counts(event: Event) -> dict[str, int]:
    rows = (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .values("domain")
        .annotate(n=Count("pk"))
    )
    return {row["domain"]: row["n"] for row in rows}


def _decide(event: Event, domain: str) -> tuple[str, str]:
    """(status, wait reason) for a newcomer, given the counts right now."""
    counts = _domain_counts(event)
    if event.capacity is not None and sum(counts.values()) >= event.capacity:
        return RegistrationStatus.WAITLISTED, WaitReason.CAPACITY
    limit = balance_limit(event)
    if limit is not None and counts.get(domain, 0) >= limit:
        return RegistrationStatus.WAITLISTED, WaitReason.BALANCE
    return RegistrationStatus.CONFIRMED, WaitReason.NONE


def _full_sessions(sessions: list[Session]) -> list[Session]:
    if not sessions:
        return []
    counts = dict(
        Session.objects.filter(pk__in=[s.pk for s in sessions])
        .annotate(
            n=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
        )
        .values_list("pk", "n")
    )
    return [s for s in sessions if s.capacity is not None and counts.get(s.pk, 0) >= s.capacity]


def _unlocked_pause() -> None:
    # Control test only: without the lock, widen the gap between count and write so the
    # race shows up reliably on a busy machine.
    if not locking_enabled():
        time.sleep(float(getattr(settings, "EVENTS_UNLOCKED_PAUSE_SECONDS", 0)))


# --- registrations ----------------------------------------------------------------------------


def registration_create(
    *, event_id: int, data: RegistrationInput, user=None, actor=None, by_hand: bool = False
) -> Registration:
    """Register a person for an event: confirmed when a seat is free (and the domain balance
    allows), otherwise on the waiting list in arrival order.

    Rules: registration window and published status (the project team adding someone by hand
    may register outside the window); one registration per e-mail per event (backed by a unique
    constraint); at most one session per time slot and no session that is full.
    """
    email = data.email.strip().lower()
    if data.domain not in Domain.values:
        raise ServiceError("Kies uw domein.", field="domain")
    try:
        with locked_transaction():
            event = _lock_event(event_id)
            _check_window(event, by_hand=by_hand)
            existing = Registration.objects.filter(event=event, email=email).first()
            if existing is not None and existing.status != RegistrationStatus.CANCELLED:
                raise ServiceError(DUPLICATE_MESSAGE, code="duplicate", field="email")
            sessions = _lock_sessions(event, data.session_ids)
            status, reason = _decide(event, data.domain)
            full = _full_sessions(sessions)
            if full:
                names = ", ".join(s.title for s in full)
                raise ServiceError(
                    f"Deze workshop is intussen vol: {names}. Kies een andere workshop.",
                    code="session_full",
                    field="sessions",
                )
            _unlocked_pause()
            if existing is not None:
                # registering again after cancelling: a new row, so a new place in the queue
                existing.delete()
            registration = Registration(event=event, email=email)
            _fill(registration, data, user=user, actor=actor, status=status, reason=reason)
            registration.save()
            if sessions:
                registration.sessions.set(sessions)
            if data.preferences:
                allocation_services.preferences_write(
                    registration=registration, choices=data.preferences
                )
            reg_id = registration.pk
            mails.later("registration_outcome", reg_id)
    except IntegrityError as exc:
        # two submits with the same e-mail at the same moment: the constraint caught it
        raise ServiceError(DUPLICATE_MESSAGE, code="duplicate", field="email") from exc
    return registration


def _check_window(event: Event, *, by_hand: bool) -> None:
    if by_hand:
        if event.is_cancelled:
            raise ServiceError("Deze bijeenkomst is geannuleerd.", code="closed")
        return
    is_open, reason = event.registration_state()
    if not is_open:
        raise ServiceError(reason, code="closed")


def _fill(registration, data: RegistrationInput, *, user, actor, status, reason) -> None:
    now = timezone.now()
    registration.user = user if user is not None and user.is_authenticated else None
    registration.name = data.name.strip()
    registration.domain = data.domain
    registration.organisation = data.organisation.strip()
    registration.role = data.role.strip()
    registration.work_municipality_id = data.work_municipality_id or None
    registration.dietary = data.dietary.strip()
    registration.accessibility = data.accessibility.strip()
    registration.answers = data.answers
    registration.status = status
    registration.wait_reason = reason
    registration.created_at = now
    registration.confirmed_at = now if status == RegistrationStatus.CONFIRMED else None
    registration.added_by = actor


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list, None when not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return Registration.objects.filter(
        event_id=registration.event_id,
        status=RegistrationStatus.WAITLISTED,
        pk__lte=registration.pk,
    ).count()


def _fill_seats(event: Event) -> list[int]:
    """Confirm people from the waiting list, first come first served, while seats are free
    and the domain balance allows. Call with the event locked. Returns promoted ids."""
    if event.status != EventStatus.PUBLISHED or event.starts_at <= timezone.now():
        return []
    counts = _domain_counts(event)
    free = None if event.capacity is None else event.capacity - sum(counts.values())
    limit = balance_limit(event)
    promoted = []
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
    for registration in waiting.order_by("pk"):
        if free is not None and free <= 0:
            break
        if limit is not None and counts.get(registration.domain, 0) >= limit:
            continue
        _confirm(registration)
        counts[registration.domain] = counts.get(registration.domain, 0) + 1
        if free is not None:
            free -= 1
        promoted.append(registration.pk)
    return promoted


def _confirm(registration: Registration) -> None:
    registration.status = RegistrationStatus.CONFIRMED
    registration.wait_reason = WaitReason.NONE
    registration.confirmed_at = timezone.now()
    registration.save(update_fields=["status", "wait_reason", "confirmed_at"])
    # a workshop that filled up while this person waited is dropped (the mail says so)
    full = _full_sessions(list(registration.sessions.all()))
    if full:
        registration.sessions.remove(*full)
    # workshops by preference, already allocated: the best-ranked workshop with a free seat
    allocation_services.seat_confirmed_late(registration=registration)


def _mail_promoted(ids: list[int]) -> None:
    for reg_id in ids:
        mails.later("promoted", reg_id)


def registration_cancel(*, registration_id: int, actor=None) -> Registration:
    """Cancel a registration (by the person through the signed link or /mijn/, or by the
    project team). A freed seat goes to the next person on the waiting list at once."""
    with locked_transaction():
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
        event = _lock_event(event_id)
        registration = Registration.objects.get(pk=registration_id)
        if registration.status == RegistrationStatus.CANCELLED:
            raise ServiceError("Deze aanmelding was al geannuleerd.", code="already_cancelled")
        if event.ends_at < timezone.now():
            raise ServiceError("Deze bijeenkomst is al voorbij.", code="past")
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.wait_reason = WaitReason.NONE
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "wait_reason", "cancelled_at"])
        promoted = _fill_seats(event) if was_confirmed else []
        if was_confirmed:
            freed = list(registration.sessions.values_list("pk", flat=True))
            allocation_services.seats_freed(event=event, session_ids=freed)
        mails.later("cancelled", registration_id)
        _mail_promoted(promoted)
    return registration


def waitlist_promote(*, registration_id: int, actor) -> Registration:
    """The project team confirms one person from the waiting list out of turn (for example to
    restore the domain balance). Only when a seat is free: raise the capacity first otherwise."""
    with locked_transaction():
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
        event = _lock_event(event_id)
        registration = Registration.objects.get(pk=registration_id)
        if registration.status != RegistrationStatus.WAITLISTED:
            raise ServiceError("Deze persoon staat niet op de wachtlijst.", code="not_waiting")
        confirmed = Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED
        ).count()
        if event.capacity is not None and confirmed >= event.capacity:
            raise ServiceError(
                "Er is geen plaats vrij. Verhoog eerst het aantal plaatsen.", code="full"
            )
        _confirm(registration)
        _mail_promoted([registration.pk])
    return registration


def registration_check_in(*, registration_id: int, actor, present: bool = True) -> Registration:
    """Mark a confirmed person present (or undo it) on the day itself."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.status != RegistrationStatus.CONFIRMED:
            raise ServiceError("Alleen bevestigde deelnemers kunnen worden ingecheckt.")
        registration.checked_in_at = timezone.now() if present else None
        registration.save(update_fields=["checked_in_at"])
    return registration


# --- events -----------------------------------------------------------------------------------

CHANGE_FIELDS = ("starts_at", "ends_at", "venue", "address", "is_online", "online_url")


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:200] or "bijeenkomst"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def event_save(*, event: Event, actor, m2m: dict | None = None) -> Event:
    """Create or update an event (the back-office form hands an unsaved or changed instance).

    When time or place of a published event changes, everyone registered gets a mail; when
    the capacity goes up, the waiting list moves up at once.
    """
    event.full_clean(exclude=["slug"] if not event.slug else None)
    with locked_transaction():
        before = None
        if event.pk:
            before = _lock_event(event.pk)
        if not event.slug:
            event.slug = unique_slug(event.title)
        event.save()
        for name, values in (m2m or {}).items():
            getattr(event, name).set(values)
        if before is None:
            return event
        changed = [f for f in CHANGE_FIELDS if getattr(before, f) != getattr(event, f)]
        if changed and event.status == EventStatus.PUBLISHED:
            mails.later("event_changed", event.pk)
        _mail_promoted(_fill_seats(event))
    return event


def event_publish(*, event: Event, actor) -> Event:
    if event.status == EventStatus.CANCELLED:
        raise ServiceError("Een geannuleerde bijeenkomst kan niet opnieuw worden gepubliceerd.")
    with transaction.atomic():
        event.status = EventStatus.PUBLISHED
        event.save(update_fields=["status", "updated_at"])
    return event


def event_cancel(*, event: Event, actor) -> Event:
    """Cancel an event; everyone still registered (or waiting) gets a mail."""
    if event.status == EventStatus.CANCELLED:
        raise ServiceError("Deze bijeenkomst is al geannuleerd.")
    with locked_transaction():
        event = _lock_event(event.pk)
        was_published = event.status == EventStatus.PUBLISHED
        event.status = EventStatus.CANCELLED
        event.save(update_fields=["status", "updated_at"])
        if was_published:
            mails.later("event_cancelled", event.pk)
    return event


# --- after the event --------------------------------------------------------------------------


def feedback_submit(
    *, registration: Registration, rating: int, useful: str, themes, themes_text: str
) -> Feedback:
    """Feedback once per confirmed registration, after the event has started."""
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ServiceError("Alleen deelnemers kunnen feedback geven.")
    if registration.event.starts_at > timezone.now():
        raise ServiceError("Feedback geven kan na afloop van de bijeenkomst.")
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                registration=registration,
                rating=rating,
                useful=useful.strip(),
                next_themes_text=themes_text.strip(),
            )
            feedback.next_themes.set(themes)
    except IntegrityError as exc:
        raise ServiceError("U heeft al feedback gegeven. Dank u wel!", code="duplicate") from exc
    return feedback


def reminders_send(*, now: datetime | None = None) -> int:
    """Mail confirmed people of events that start within two days, once each. Idempotent:
    ``reminder_sent_at`` is claimed in the same statement that selects the rows."""
    now = now or timezone.now()
    window_end = now + REMINDER_BEFORE
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=window_end,
    )
    return _claim_and_mail(due, "reminder_sent_at", "reminder", now)


def feedback_requests_send(*, now: datetime | None = None) -> int:
    """Ask confirmed people of events that ended in the last two weeks for feedback, once."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        feedback_sent_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__ends_at__lte=now,
        event__ends_at__gte=now - FEEDBACK_WITHIN,
    )
    return _claim_and_mail(due, "feedback_sent_at", "feedback_request", now)


def _claim_and_mail(queryset, stamp: str, kind: str, now) -> int:
    sent = 0
    with transaction.atomic():
        ids = list(queryset.values_list("pk", flat=True))
        for reg_id in ids:
            # the conditional update claims the row: a second run (or worker) gets 0 rows
            claimed = Registration.objects.filter(pk=reg_id, **{f"{stamp}__isnull": True}).update(
                **{stamp: now}
            )
            if claimed:
                mails.later(kind, reg_id)
                sent += 1
    return sent


def feedback_request_event(*, event: Event, actor) -> int:
    """The project team sends the feedback form to the attendees of one event now."""
    due = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED, feedback_sent_at__isnull=True
    )
    sent = _claim_and_mail(due, "feedback_sent_at", "feedback_request", timezone.now())
    Event.objects.filter(pk=event.pk).update(feedback_requested_at=timezone.now())
    return sent
