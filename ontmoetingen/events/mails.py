"""The mails of the events area. Each is called after commit with an id and loads fresh data;
``send_templated_mail`` puts the message on the task queue (retried by the worker)."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from ontmoetingen.core import outbox
from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.events import ics, tokens
from ontmoetingen.events.models import Registration, RegistrationStatus
from ontmoetingen.events.selectors import waitlist_position

QR_FILENAME = "check-in-qr.png"


def _registration(reg_id: int) -> Registration:
    return (
        Registration.objects.select_related("event", "event__municipality")
        .prefetch_related("sessions")
        .get(pk=reg_id)
    )


def links(registration: Registration) -> dict:
    token = tokens.registration_token(registration.pk)
    return {
        "manage_url": settings.SITE_URL + reverse("events:registration", args=[token]),
        "cancel_url": settings.SITE_URL + reverse("events:cancel", args=[token]),
        "feedback_url": settings.SITE_URL + reverse("events:feedback", args=[token]),
        "checkin_url": settings.SITE_URL
        + reverse("events:checkin_person", args=[tokens.checkin_token(registration.pk)]),
    }


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def time_left(starts_at, now=None) -> str:
    """ "vandaag", "morgen" or "over 3 dagen": calendar days in Dutch time, counted when the
    mail is written (a reminder composed late must not say "morgen" on the day itself)."""
    days = (timezone.localdate(starts_at) - timezone.localdate(now or timezone.now())).days
    if days <= 0:
        return "vandaag"
    if days == 1:
        return "morgen"
    if days == 7:
        return "over een week"
    return f"over {days} dagen"


def _context(registration: Registration, **extra) -> dict:
    event = registration.event
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    return {
        "registration": registration,
        "event": event,
        "starts": timezone.localtime(event.starts_at),
        "ends": timezone.localtime(event.ends_at),
        # a person on the waiting list has no workshops (yet): only a seat brings them
        "sessions": list(registration.sessions.all()) if confirmed else [],
        "position": waitlist_position(registration),
        "show_online_link": confirmed,
        "confirmed": confirmed,
        **links(registration),
        **extra,
    }


def _seat_attachments(registration: Registration, context: dict) -> list:
    """The invitation for the calendar, and for an event with a door the QR code staff scan
    there (an online event has no door)."""
    attachments = [ics.attachment(registration)]
    if not registration.event.is_online:
        attachments.append((QR_FILENAME, qr_png(context["checkin_url"]), "image/png"))
    return attachments


def send_registration_outcome(reg_id: int) -> None:
    registration = _registration(reg_id)
    context = _context(registration)
    if registration.status == RegistrationStatus.CONFIRMED:
        send_templated_mail(
            to=registration.email,
            template="events/mail/confirmed",
            context=context,
            attachments=_seat_attachments(registration, context),
        )
    elif registration.status == RegistrationStatus.WAITLISTED:
        send_templated_mail(
            to=registration.email, template="events/mail/waitlisted", context=context
        )


def send_promoted(reg_id: int) -> None:
    registration = _registration(reg_id)
    context = _context(registration)
    send_templated_mail(
        to=registration.email,
        template="events/mail/promoted",
        context=context,
        attachments=_seat_attachments(registration, context),
    )


def send_cancelled(reg_id: int) -> None:
    """The confirmation of a cancellation; someone who had a seat (and so an appointment in
    their calendar) also gets the calendar file that removes it."""
    registration = _registration(reg_id)
    had_seat = registration.confirmed_at is not None
    send_templated_mail(
        to=registration.email,
        template="events/mail/cancelled",
        context=_context(registration, had_seat=had_seat),
        attachments=[ics.attachment(registration, cancel=True)] if had_seat else [],
    )


def send_reminder(reg_id: int) -> None:
    registration = _registration(reg_id)
    context = _context(registration, time_left=time_left(registration.event.starts_at))
    send_templated_mail(
        to=registration.email,
        template="events/mail/reminder",
        context=context,
        attachments=[ics.attachment(registration)],
    )


def send_feedback_request(reg_id: int) -> None:
    registration = _registration(reg_id)
    send_templated_mail(
        to=registration.email, template="events/mail/feedback", context=_context(registration)
    )


def _to_everyone(event_id: int, template: str) -> None:
    """A mail to everyone registered or waiting; only people with a seat have an appointment
    in their calendar, so only they get the calendar file (the update, or the cancellation
    when the event is cancelled)."""
    registrations = (
        Registration.objects.filter(event_id=event_id)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .prefetch_related("sessions")
    )
    for registration in registrations:
        context = _context(registration)
        attachments = [ics.attachment(registration)] if context["confirmed"] else []
        send_templated_mail(
            to=registration.email, template=template, context=context, attachments=attachments
        )


def send_event_changed(event_id: int) -> None:
    _to_everyone(event_id, "events/mail/changed")


def send_event_cancelled(event_id: int) -> None:
    _to_everyone(event_id, "events/mail/event_cancelled")


KINDS = {
    "registration_outcome": send_registration_outcome,
    "promoted": send_promoted,
    "cancelled": send_cancelled,
    "reminder": send_reminder,
    "feedback_request": send_feedback_request,
    "event_changed": send_event_changed,
    "event_cancelled": send_event_cancelled,
}


@task()
def compose_mail(kind: str, object_id: int) -> str:
    """Render and send one of the mails above in the worker: the calendar file and the QR
    code cost CPU that a request under a rush should not spend."""
    KINDS[kind](object_id)
    return kind


def later(kind: str, object_id: int) -> None:
    """Have the worker compose and send the mail; the task is written with the surrounding
    transaction (core.outbox), so the change and its mail exist together or not at all."""
    if kind not in KINDS:
        raise ValueError(kind)
    outbox.enqueue(compose_mail, kind, object_id)
