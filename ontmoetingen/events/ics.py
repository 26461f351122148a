"""iCalendar files: the agenda feed, one event, and the attachment of the mails."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as IcsEvent

from ontmoetingen.events.models import Event

PRODID = "-//College Perinatale Zorg//Kansrijke Ontmoetingen//NL"


def _location(event: Event, *, show_link: bool) -> str:
    if event.is_online:
        return event.online_url if show_link and event.online_url else "Online"
    return ", ".join(part for part in (event.venue, event.address) if part)


def _component(event: Event, *, show_link: bool) -> IcsEvent:
    item = IcsEvent()
    item.add("uid", f"event-{event.pk}@kansrijke-ontmoetingen")
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
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return item


def calendar_bytes(
    events: Iterable[Event], *, name: str = "Kansrijke Ontmoetingen", show_link: bool = False
) -> bytes:
    """A calendar with the given events. ``show_link``: include the online link (only for
    confirmed registrants)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_component(event, show_link=show_link))
    return calendar.to_ical()
