"""Attendee exports: one row per registration with all answers and sessions."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone

from ontmoetingen.core.exports import csv_response, xlsx_response
from ontmoetingen.events.models import Event

BASE_HEADERS = [
    "naam",
    "e-mailadres",
    "organisatie",
    "functie",
    "domein",
    "werkgemeente",
    "status",
    "plaats wachtlijst",
    "aangemeld op",
    "dieetwensen",
    "toegankelijkheid",
    "workshops",
    "aanwezig",
    "voorbeeld",
]


def export_rows(event: Event) -> tuple[list[str], list[list]]:
    questions = [q.label for q in event.registration_questions.all()]
    registrations = (
        event.registrations.select_related("work_municipality")
        .prefetch_related("sessions")
        .order_by("pk")
    )
    rows = []
    waiting = 0
    for registration in registrations:
        position = ""
        if registration.status == "waitlisted":
            waiting += 1
            position = waiting
        rows.append(
            [
                registration.name,
                registration.email,
                registration.organisation,
                registration.role,
                registration.domain_label,
                registration.work_municipality.name if registration.work_municipality else "",
                registration.get_status_display(),
                position,
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                registration.dietary,
                registration.accessibility,
                "; ".join(f"{s.slot_label} {s.title}" for s in registration.sessions.all()),
                "ja" if registration.checked_in_at else "nee",
                "ja" if registration.is_demo else "nee",
                *[registration.answers.get(label, "") for label in questions],
            ]
        )
    return BASE_HEADERS + questions, rows


def registrations_csv(event: Event) -> HttpResponse:
    headers, rows = export_rows(event)
    return csv_response(headers, rows, f"aanmeldingen-{event.slug}.csv")


def registrations_xlsx(event: Event) -> HttpResponse:
    headers, rows = export_rows(event)
    return xlsx_response(headers, rows, f"aanmeldingen-{event.slug}.xlsx", title="Aanmeldingen")
