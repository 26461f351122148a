"""Mails about a person's programme: the published workshop allocation, a move up after a
cancellation, and the networking card. Sent through the same path as the other event mails
(``send_templated_mail`` in the worker, after the commit), with a personal calendar file."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_tasks import task
from icalendar import Calendar
from icalendar import Event as IcsEvent

from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.events import ics, mails
from ontmoetingen.events.models import Registration, TableSeat

CALENDAR_NAME = "bijeenkomst.ics"


def personal_calendar(registration: Registration) -> bytes:
    """The event and the person's own workshops, each with a stable UID so a calendar
    program updates the entries when the programme changes (the event under the same UID and
    SEQUENCE as the invitation in the confirmation mail, so it is not added twice)."""
    event = registration.event
    calendar = Calendar()
    calendar.add("prodid", ics.PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(ics.registration_event(registration))
    for session in registration.sessions.all():
        item = IcsEvent()
        item.add("uid", ics.calendar_uid(event.pk, session_id=session.pk))
        item.add("sequence", event.ics_sequence)
        item.add("summary", f"Workshop: {session.title}")
        item.add("dtstart", session.starts_at)
        item.add("dtend", session.ends_at)
        item.add("dtstamp", event.updated_at)
        item.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
        calendar.add_component(item)
    return calendar.to_ical()


def table_card(registration: Registration) -> list[TableSeat]:
    return list(
        TableSeat.objects.filter(registration=registration).order_by("round").only("round", "table")
    )


def _send(reg_id: int, template: str, **extra) -> None:
    registration = mails._registration(reg_id)
    context = mails._context(registration, table_card=table_card(registration), **extra)
    send_templated_mail(
        to=registration.email,
        template=template,
        context=context,
        attachments=[(CALENDAR_NAME, personal_calendar(registration), "text/calendar")],
    )


def send_programme(reg_id: int) -> None:
    _send(reg_id, "events/mail/programme")


def send_programme_moved(reg_id: int) -> None:
    _send(reg_id, "events/mail/programme", moved=True)


def send_networking(reg_id: int) -> None:
    _send(reg_id, "events/mail/networking")


KINDS = {
    "programme": send_programme,
    "programme_moved": send_programme_moved,
    "networking": send_networking,
}


@task()
def compose_programme_mail(kind: str, object_id: int) -> str:
    KINDS[kind](object_id)
    return kind


def later(kind: str, object_id: int) -> None:
    """After the surrounding transaction commits, have the worker compose and send the mail."""
    if kind not in KINDS:
        raise ValueError(kind)
    transaction.on_commit(lambda: compose_programme_mail.enqueue(kind, object_id))
