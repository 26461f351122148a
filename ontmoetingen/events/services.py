"""Every write on events and registrations: one user action is one call and one transaction.

Registration, cancellation, promotion and capacity changes follow one pattern (STYLE.md, the
pretix lesson): in one transaction, lock the event row (and the chosen session rows), count
again, decide, write; the counting and deciding live in capacity.py. Mails are sent after the
commit, so a rolled-back registration never mails anyone and a failing mail server never loses
a registration. Services that take an ``actor`` write the audit log in the same transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from ontmoetingen.core import statements
from ontmoetingen.core.audit import record
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events import allocation_services, capacity, editing, mails
from ontmoetingen.events.editing import RegistrationQuestionInput, SessionInput
from ontmoetingen.events.locking import locked_transaction
from ontmoetingen.events.models import (
    Event,
    EventStatus,
    Feedback,
    Registration,
    RegistrationStatus,
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


# --- registrations ----------------------------------------------------------------------------


def registration_create(
    *, event_id: int, data: RegistrationInput, user=None, actor=None, by_hand: bool = False
) -> Registration:
    """Register a person for an event: confirmed when a seat is free (and the domain balance
    allows), otherwise on the waiting list in arrival order.

    Rules: registration window and published status (the project team adding someone by hand
    may register outside the window); one registration per e-mail per event (backed by a unique
    constraint); at most one session per time slot and no session that is full. Only an
    addition by the project team goes into the audit log: a person's own registration is its
    own record (and keeps a rush to one write per person).
    """
    email = data.email.strip().lower()
    if data.domain not in Domain.values:
        raise ServiceError("Kies uw domein.", field="domain")
    # The duplicate check needs no lock: a second submit that slips past it meets the unique
    # constraint below. The lock covers only the decision and the writes.
    existing = _registration_of(event_id, email)
    if existing is not None and existing[1] != RegistrationStatus.CANCELLED:
        raise ServiceError(DUPLICATE_MESSAGE, code="duplicate", field="email")
    try:
        with locked_transaction():
            event = capacity.lock_event(event_id)
            _check_window(event, by_hand=by_hand)
            sessions = capacity.lock_sessions(event, data.session_ids)
            status, reason = capacity.decide(event, data.domain)
            full = capacity.full_sessions(sessions)
            if full:
                names = ", ".join(s.title for s in full)
                raise ServiceError(
                    f"Deze workshop is intussen vol: {names}. Kies een andere workshop.",
                    code="session_full",
                    field="sessions",
                )
            if existing is not None:
                # registering again after cancelling: a new row, so a new place in the queue
                # (if another submit replaced the cancelled row meanwhile, the insert below
                # meets the unique constraint)
                Registration.objects.filter(
                    pk=existing[0], status=RegistrationStatus.CANCELLED
                ).delete()
                _calendar_sequence_raise(event)  # the new invitation outranks the cancel
            registration = Registration(event=event, email=email)
            _fill(registration, data, user=user, actor=actor, status=status, reason=reason)
            statements.insert(registration)  # as .save(), without compiling the query
            if sessions:
                registration.sessions.set(sessions)
            if data.preferences:
                allocation_services.preferences_write(
                    registration=registration, choices=data.preferences
                )
            if by_hand:
                status_label = registration.get_status_display()
                record(registration, "aanmelding toegevoegd", actor, {"status": status_label})
            mails.later("registration_outcome", registration.pk)
    except IntegrityError as exc:
        # two submits with the same e-mail at the same moment: the constraint caught it
        raise ServiceError(DUPLICATE_MESSAGE, code="duplicate", field="email") from exc
    return registration


_REGISTRATION_OF = "SELECT id, status FROM events_registration WHERE event_id = %s AND email = %s"


def _registration_of(event_id: int, email: str) -> tuple[int, str] | None:
    """(id, status) of the registration of ``email`` for the event, if any (unique)."""
    with connection.cursor() as cursor:
        cursor.execute(_REGISTRATION_OF, [event_id, email])
        return cursor.fetchone()


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


def _mail_promoted(ids: list[int]) -> None:
    for reg_id in ids:
        mails.later("promoted", reg_id)


def _calendar_sequence_raise(event: Event) -> None:
    """Raise the SEQUENCE of the event's calendar files without touching the event itself
    (its page and ``updated_at`` stay): every file shares one UID (``ics.calendar_uid``), so a
    seat given up or taken again needs a higher number to win over the file before it."""
    Event.objects.filter(pk=event.pk).update(ics_sequence=F("ics_sequence") + 1)
    event.ics_sequence += 1


def registration_cancel(*, registration_id: int, actor=None, notify: bool = True) -> Registration:
    """Cancel a registration (by the person through the signed link or /mijn/, or by the
    project team). A freed seat goes to the next person on the waiting list at once. Logged
    with the actor (none when the person used the signed link). ``notify=False``: no mail to
    the person (their data are being erased), the promoted still get theirs."""
    with locked_transaction():
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
        event = capacity.lock_event(event_id)
        registration = Registration.objects.get(pk=registration_id)
        if registration.status == RegistrationStatus.CANCELLED:
            raise ServiceError("Deze aanmelding was al geannuleerd.", code="already_cancelled")
        if event.ends_at < timezone.now():
            raise ServiceError("Deze bijeenkomst is al voorbij.", code="past")
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        status_before = registration.get_status_display()
        registration.status = RegistrationStatus.CANCELLED
        registration.wait_reason = WaitReason.NONE
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "wait_reason", "cancelled_at"])
        promoted = capacity.fill_seats(event) if was_confirmed else []
        if was_confirmed:
            _calendar_sequence_raise(event)  # the CANCEL outranks the invitation it withdraws
            freed = list(registration.sessions.values_list("pk", flat=True))
            allocation_services.seats_freed(event=event, session_ids=freed)
        # the person is named by the entry itself (retention clears it with the registration);
        # who moved up is counted, not named, so their data do not outlive them here
        changes = {
            "Bijeenkomst": event.title,
            "Status": [status_before, registration.get_status_display()],
        }
        if promoted:
            changes["Van de wachtlijst bevestigd"] = len(promoted)
        record(registration, "aanmelding geannuleerd", actor, changes)
        if notify:
            mails.later("cancelled", registration_id)
        _mail_promoted(promoted)
    return registration


def waitlist_promote(*, registration_id: int, actor) -> Registration:
    """The project team confirms one person from the waiting list out of turn (for example to
    restore the domain balance). Only when a seat is free: raise the capacity first otherwise."""
    with locked_transaction():
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
        event = capacity.lock_event(event_id)
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
        capacity.confirm(registration)
        record(registration, "van de wachtlijst gehaald", actor)
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
        record(registration, "ingecheckt" if present else "check-in ongedaan gemaakt", actor)
    return registration


# --- events -----------------------------------------------------------------------------------

CHANGE_FIELDS = ("starts_at", "ends_at", "venue", "address", "is_online", "online_url")
REGION_FIELDS = ("provinces", "ggd_regions", "municipalities")


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:200] or "bijeenkomst"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def event_save(
    *,
    event: Event,
    actor,
    m2m: dict | None = None,
    sessions: list[SessionInput] | None = None,
    registration_questions: list[RegistrationQuestionInput] | None = None,
) -> Event:
    """Create or update an event with its workshops and registration questions, all or nothing
    (the back-office form hands an unsaved or changed instance and the rows it changed).

    A workshop's capacity may not go below the people confirmed for it. When time or place of
    a published event changes, everyone registered gets a mail; when seats come free (a higher
    capacity), the waiting list moves up at once, after the workshops are saved, so people who
    move up keep a workshop whose capacity went up in the same save.
    """
    event.full_clean(exclude=["slug"] if not event.slug else None)
    _check_region(event, m2m)
    creating, new_slug = event.pk is None, not event.slug
    try:
        with locked_transaction():
            before = None if creating else capacity.lock_event(event.pk)
            old_m2m = editing.m2m_labels(event, m2m) if before else {}
            if new_slug:
                event.slug = unique_slug(event.title)
            changed = [] if before is None else _changed_fields(before, event)
            if before is not None:  # calendars replace the appointment for a higher SEQUENCE
                event.ics_sequence = before.ics_sequence + (1 if changed else 0)
            event.save()
            for name, values in (m2m or {}).items():
                getattr(event, name).set(values)
            editing.save_sessions(event, sessions or [], actor=actor)
            editing.save_registration_questions(event, registration_questions or [], actor=actor)
            editing.log_event(event, before, old_m2m, m2m, actor=actor)
            if before is not None:
                if changed and event.status == EventStatus.PUBLISHED:
                    mails.later("event_changed", event.pk)
                _mail_promoted(capacity.fill_seats(event))
    except BaseException:
        if creating:  # nothing was written: the instance must not look saved
            event.pk = None
            event._state.adding = True
        if new_slug:
            event.slug = ""
        raise
    return event


def _changed_fields(before: Event, event: Event) -> list[str]:
    """The fields that move the appointment in people's calendars (and so are mailed)."""
    return [f for f in CHANGE_FIELDS if getattr(before, f) != getattr(event, f)]


def _check_region(event: Event, m2m: dict | None) -> None:
    def chosen(name):
        if m2m is not None and name in m2m:
            return list(m2m[name] or [])
        return list(getattr(event, name).all()) if event.pk else []

    try:
        Event.check_region(
            is_national=event.is_national, **{name: chosen(name) for name in REGION_FIELDS}
        )
    except ValidationError as error:
        raise ServiceError(error.messages[0], field="is_national") from error


def event_publish(*, event: Event, actor) -> Event:
    """Put a draft event in the agenda. A cancelled event stays cancelled."""
    with locked_transaction():
        event = capacity.lock_event(event.pk)
        if event.status == EventStatus.CANCELLED:
            raise ServiceError("Een geannuleerde bijeenkomst kan niet opnieuw worden gepubliceerd.")
        event.status = EventStatus.PUBLISHED
        event.save(update_fields=["status", "updated_at"])
        record(event, "bijeenkomst gepubliceerd", actor)
    return event


def event_cancel(*, event: Event, actor, reason: str = "") -> Event:
    """Cancel an event; everyone still registered (or waiting) gets a mail with the reason,
    and people with a seat the calendar file that removes the appointment."""
    reason = reason.strip()
    with locked_transaction():
        event = capacity.lock_event(event.pk)
        if event.status == EventStatus.CANCELLED:
            raise ServiceError("Deze bijeenkomst is al geannuleerd.")
        was_published = event.status == EventStatus.PUBLISHED
        event.status = EventStatus.CANCELLED
        event.cancel_reason = reason
        event.ics_sequence += 1
        event.save(update_fields=["status", "cancel_reason", "ics_sequence", "updated_at"])
        changes = {
            "status": [EventStatus.PUBLISHED.label if was_published else "concept", "geannuleerd"]
        }
        if reason:
            changes["reden"] = [None, reason]
        record(event, "bijeenkomst geannuleerd", actor, changes)
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
    with transaction.atomic():
        now = timezone.now()
        sent = _claim_and_mail(due, "feedback_sent_at", "feedback_request", now)
        Event.objects.filter(pk=event.pk).update(feedback_requested_at=now)
        record(event, "feedbackformulier verstuurd", actor, {"aantal deelnemers": sent})
    return sent
