"""Attendee exports: one row per registration with all answers and sessions."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

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


def _safe(value):
    # spreadsheet programs run cells starting with = + - @ as formulas (CSV injection)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def csv_response(headers: list[str], rows: list[list], filename: str) -> HttpResponse:
    """A CSV download (semicolons, BOM for Excel) with formula-looking cells defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    writer.writerows([[_safe(v) for v in row] for row in rows])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(
    headers: list[str], rows: list[list], filename: str, *, title: str
) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def registrations_csv(event: Event) -> HttpResponse:
    headers, rows = export_rows(event)
    return csv_response(headers, rows, f"aanmeldingen-{event.slug}.csv")


def registrations_xlsx(event: Event) -> HttpResponse:
    headers, rows = export_rows(event)
    return xlsx_response(headers, rows, f"aanmeldingen-{event.slug}.xlsx", title="Aanmeldingen")
