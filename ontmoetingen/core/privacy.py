"""How long personal data is kept, said the same way everywhere it is promised and enforced.

``PERSONAL_DATA_RETENTION_DAYS`` (setting, default about six months) is the time after an event
at which its registrations are anonymised (the events area's periodic task); the consent text
on the registration form says the same period. Links in mails stop working after
``REGISTRATION_LINK_DAYS_AFTER_EVENT`` (default 30: long enough for the feedback request).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

LINK_EXPIRED = (
    "Deze link is verlopen: de bijeenkomst is voorbij. Heeft u nog een vraag over uw aanmelding? "
    "Neem contact op met het projectteam."
)


def retention() -> timedelta:
    return timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)


def retention_phrase(days: int | None = None) -> str:
    """The retention period in words: "6 maanden", "een jaar", "2 jaar", "90 dagen"."""
    days = settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days
    months = round(days / 30.44)
    if months >= 12 and months % 12 == 0:
        years = months // 12
        return "een jaar" if years == 1 else f"{years} jaar"
    if months >= 1 and abs(days - months * 30.44) <= 3:
        return "een maand" if months == 1 else f"{months} maanden"
    return f"{days} dagen"


def registration_retention_text() -> str:
    return (
        f"We bewaren uw gegevens tot {retention_phrase()} na de bijeenkomst. Daarna halen we uw "
        "naam, e-mailadres en andere gegevens weg; alleen uw domein en werkgemeente blijven over "
        "voor de tellingen."
    )


def link_expired(event_ends_at: datetime, *, now: datetime | None = None) -> bool:
    """Whether a registration link of an event that ended at ``event_ends_at`` has expired."""
    grace = timedelta(days=settings.REGISTRATION_LINK_DAYS_AFTER_EVENT)
    return (now or timezone.now()) > event_ends_at + grace
