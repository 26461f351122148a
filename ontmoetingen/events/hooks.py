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
    near, national = selectors.events_near(municipality=municipality)
    for event in near + national:
        event.places_left = selectors.places_left(event)
    return {"events": near, "national": national, "municipality": municipality}


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
                "workshops": [s.title for s in r.sessions.all()],
                "feedback": _feedback(r),
            }
            for r in selectors.registrations_of_user(user)
            .select_related("feedback")
            .prefetch_related("sessions", "feedback__next_themes")
        ]
    }


def _feedback(registration) -> dict | None:
    feedback = getattr(registration, "feedback", None)
    if feedback is None:
        return None
    return {
        "waardering": feedback.rating,
        "wat_was_nuttig": feedback.useful,
        "themas": [theme.name for theme in feedback.next_themes.all()],
        "andere_themas": feedback.next_themes_text,
        "gegeven_op": feedback.created_at.isoformat(),
    }


ATTENTION_EVENTS = 3


def backoffice_attention() -> list[dict]:
    """/beheer/: the next published events and how full they are, each row to its registrations."""
    from django.urls import reverse

    from ontmoetingen.events.models import Event

    events = selectors.events_upcoming(limit=ATTENTION_EVENTS)
    rows = []
    for event in events:
        if event.capacity:
            detail = f"{event.confirmed_count} van {event.capacity} plaatsen bezet"
        else:
            detail = f"{event.confirmed_count} aanmeldingen"
        if event.waitlisted_count:
            detail += f", {event.waitlisted_count} op de wachtlijst"
        rows.append(
            {
                "label": f"{event.title} ({_short_date(event.starts_at)})",
                "url": reverse("events:manage_registrations", args=[event.pk]),
                "detail": detail,
            }
        )
    return [
        {
            "label": "komende bijeenkomsten",
            "count": Event.objects.published().upcoming().count(),
            "url": reverse("events:manage_list") + "?wanneer=komend",
            "hint": "De eerstvolgende bijeenkomsten en hoe vol ze zijn.",
            "rows": rows,
        }
    ]


def _short_date(moment) -> str:
    from django.utils import timezone
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "j F")
