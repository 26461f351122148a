"""What the events area adds to the home page, /mijn/, municipality pages and the data export."""

from __future__ import annotations

from ontmoetingen.events import selectors, tokens
from ontmoetingen.events.models import RegistrationStatus


def home_section(request) -> dict | None:
    events = selectors.events_upcoming(limit=3)
    for event in events:
        event.places_left = selectors.places_left(event)
    return {"events": events}


def mine_section(request) -> dict | None:
    registrations = list(selectors.registrations_of_user(request.user))
    for registration in registrations:
        registration.token = tokens.registration_token(registration.pk)
        registration.can_cancel = (
            registration.status != RegistrationStatus.CANCELLED and not registration.event.is_past
        )
    return {"registrations": registrations}


def municipality_section(request, municipality) -> dict | None:
    events = selectors.events_near(municipality=municipality)
    return {"events": events, "municipality": municipality}


def personal_data(user) -> dict:
    return {
        "aanmeldingen": [
            {
                "bijeenkomst": r.event.title,
                "datum": r.event.starts_at.isoformat(),
                "naam": r.name,
                "e-mailadres": r.email,
                "organisatie": r.organisation,
                "functie": r.role,
                "domein": r.domain,
                "status": r.status,
                "dieetwensen": r.dietary,
                "toegankelijkheid": r.accessibility,
                "antwoorden": r.answers,
                "aangemeld_op": r.created_at.isoformat(),
                "aanwezig": bool(r.checked_in_at),
            }
            for r in selectors.registrations_of_user(user)
        ]
    }
