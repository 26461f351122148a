"""iCalendar files: the agenda feed, one event, and the attachment of the mails.

The feed and the download are published calendars (``METHOD:PUBLISH``, one UID per event).
The mails carry an invitation for one registration (RFC 5546): ``METHOD:REQUEST`` when the
person has a seat (confirmed, moved up, changed, reminded) and ``METHOD:CANCEL`` when the seat
or the event is gone. Every file uses the UID of :func:`calendar_uid` — the download, the feed
and every mail alike — and ``SEQUENCE`` is the event's ``ics_sequence`` (raised by each change
of time or place, by cancelling, and when a seat is given up or taken again), so Outlook,
Google and Apple update or remove the appointment they already have instead of adding a
second one.
"""

from __future__ import annotations

from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from icalendar import Calendar, vCalAddress
from icalendar import Event as IcsEvent

from ontmoetingen.events.models import Event, Registration

PRODID = "-//College Perinatale Zorg//Kansrijke Ontmoetingen//NL"
DOMAIN = "kansrijke-ontmoetingen"
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def _location(event: Event, *, show_link: bool) -> str:
    if event.is_online:
        return event.online_url if show_link and event.online_url else "Online"
    return ", ".join(part for part in (event.venue, event.address) if part)


def _component(event: Event, *, show_link: bool, uid: str, cancelled: bool) -> IcsEvent:
    item = IcsEvent()
    item.add("uid", uid)
    item.add("sequence", event.ics_sequence)
    item.add("summary", event.title)
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("dtstamp", event.updated_at)
    item.add("last-modified", event.updated_at)
    url = f"{settings.SITE_URL}{event.get_absolute_url()}"
    item.add("url", url)
    item.add("description", f"{event.summary}\n\n{url}".strip())
    location = _location(event, show_link=show_link)
    if location:
        item.add("location", location)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return item


def calendar_uid(event_id: int, *, session_id: int | None = None) -> str:
    """The one UID of an event's appointment (or of one of its workshops) in every calendar
    file: the public download, the feed and every mail to a registrant carry the same one, so
    a calendar program that has the appointment from one of them updates it from the others
    instead of adding a second."""
    if session_id is not None:
        return f"event-{event_id}-session-{session_id}@{DOMAIN}"
    return f"event-{event_id}@{DOMAIN}"


def _calendar(method: str, name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    return calendar


def calendar_bytes(
    events: Iterable[Event], *, name: str = "Kansrijke Ontmoetingen", show_link: bool = False
) -> bytes:
    """A published calendar with the given events (the feed and the download)."""
    calendar = _calendar("PUBLISH", name)
    for event in events:
        item = _component(
            event, show_link=show_link, uid=calendar_uid(event.pk), cancelled=event.is_cancelled
        )
        calendar.add_component(item)
    return calendar.to_ical()


def _address(email: str, name: str, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["cn"] = name
    address.params.update(params)
    return address


def _method(registration: Registration, cancel: bool) -> str:
    return CANCEL if cancel or registration.event.is_cancelled else REQUEST


def registration_event(registration: Registration, *, cancel: bool = False) -> IcsEvent:
    """The appointment of one registration, under the event's UID. Only a confirmed person
    gets the online link. SEQUENCE is the event's counter, which the services raise when a
    seat is given up or taken again (as well as when the time or place changes), so a
    cancellation outranks the invitation before it and a new registration the cancellation."""
    event = registration.event
    method = _method(registration, cancel)
    item = _component(
        event,
        show_link=method == REQUEST,
        uid=calendar_uid(event.pk),
        cancelled=method == CANCEL,
    )
    sender_name, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    item.add("organizer", _address(sender, sender_name))
    item.add(
        "attendee",
        _address(
            registration.email,
            registration.name,
            role="REQ-PARTICIPANT",
            partstat="ACCEPTED",
            rsvp="FALSE",
        ),
    )
    return item


def registration_calendar(registration: Registration, *, cancel: bool = False) -> bytes:
    """The invitation (or its cancellation) for one registration, for the mail attachment."""
    calendar = _calendar(_method(registration, cancel), "Kansrijke Ontmoetingen")
    calendar.add_component(registration_event(registration, cancel=cancel))
    return calendar.to_ical()


def attachment(registration: Registration, *, cancel: bool = False) -> tuple[str, bytes, str]:
    """``(filename, content, mimetype)`` for ``send_templated_mail``; the method goes in the
    content type as well, which is where Outlook looks for it."""
    method = _method(registration, cancel)
    return (
        "bijeenkomst.ics",
        registration_calendar(registration, cancel=cancel),
        f"text/calendar; method={method}",
    )
