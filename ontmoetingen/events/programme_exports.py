"""Per-workshop attendance lists: CSV, XLSX (the export dialect of core.exports, as
events/exports.py) and a printable page."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.text import slugify

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.exports import Column, table_csv, table_xlsx
from ontmoetingen.events.models import Registration, RegistrationStatus, Session

ATTENDANCE_COLUMNS = (
    Column("name", "Naam"),
    Column("organisation", "Organisatie"),
    Column("domain", "Domein", dict(Domain.choices)),
    Column("email", "E-mailadres"),
    Column("checked_in", "Aanwezig"),
    Column("signature", "Handtekening"),
)


def attendance_people(session: Session) -> QuerySet[Registration]:
    """The confirmed people placed in this workshop, by name."""
    return Registration.objects.filter(
        sessions=session, status=RegistrationStatus.CONFIRMED
    ).order_by("name", "pk")


def attendance_rows(session: Session) -> list[dict]:
    return [
        {
            "name": r.name,
            "organisation": r.organisation,
            "domain": r.domain,
            "email": r.email,
            "checked_in": r.checked_in_at is not None,
            "signature": "",
        }
        for r in attendance_people(session)
    ]


def _filename(session: Session, ext: str) -> str:
    return f"workshop-{slugify(session.title)[:60]}.{ext}"


def attendance_csv(session: Session, *, codes: bool = False) -> HttpResponse:
    rows = attendance_rows(session)
    return table_csv(ATTENDANCE_COLUMNS, rows, _filename(session, "csv"), codes=codes)


def attendance_xlsx(session: Session, *, codes: bool = False) -> HttpResponse:
    return table_xlsx(
        ATTENDANCE_COLUMNS,
        attendance_rows(session),
        _filename(session, "xlsx"),
        title="Presentielijst",
        codes=codes,
    )
