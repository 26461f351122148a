"""Per-workshop attendance lists: CSV, XLSX and a printable page (as events/exports.py)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.text import slugify

from ontmoetingen.events import exports
from ontmoetingen.events.models import Registration, RegistrationStatus, Session

HEADERS = ["naam", "organisatie", "domein", "e-mailadres", "aanwezig", "handtekening"]


def attendance_rows(session: Session) -> list[list]:
    registrations = Registration.objects.filter(
        sessions=session, status=RegistrationStatus.CONFIRMED
    ).order_by("name", "pk")
    return [
        [r.name, r.organisation, r.domain_label, r.email, "ja" if r.checked_in_at else "", ""]
        for r in registrations
    ]


def _filename(session: Session, ext: str) -> str:
    return f"workshop-{slugify(session.title)[:60]}.{ext}"


def attendance_csv(session: Session) -> HttpResponse:
    return exports.csv_response(HEADERS, attendance_rows(session), _filename(session, "csv"))


def attendance_xlsx(session: Session) -> HttpResponse:
    return exports.xlsx_response(
        HEADERS, attendance_rows(session), _filename(session, "xlsx"), title="Presentielijst"
    )
