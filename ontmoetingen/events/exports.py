"""Attendee exports in the project's export dialect (core.exports, docs/exports.md): one row
per registration with its workshops and the answers to the event's own questions.

People get Dutch headers and labels (``;``, UTF-8 with BOM); ``?codes=1`` gives the machine
variant with the column codes below (a question's column is ``question_<id>``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.exports import Column, table_csv, table_xlsx
from ontmoetingen.events.models import Event, RegistrationStatus

REGISTRATION_COLUMNS = (
    Column("name", "Naam"),
    Column("email", "E-mailadres"),
    Column("organisation", "Organisatie"),
    Column("role", "Functie"),
    Column("domain", "Domein", dict(Domain.choices)),
    Column("work_municipality", "Werkgemeente"),
    Column("status", "Status", dict(RegistrationStatus.choices)),
    Column("waitlist_position", "Plaats op de wachtlijst"),
    Column("registered_at", "Aangemeld op"),
    Column("dietary", "Dieetwensen"),
    Column("accessibility", "Toegankelijkheid"),
    Column("workshops", "Workshops"),
    Column("checked_in", "Aanwezig"),
    Column("is_demo", "Voorbeeld"),
)


def registration_columns(event: Event) -> tuple[list[Column], list]:
    """The fixed columns plus one per registration question (by the question's id, so a
    renamed question keeps its code), and the questions themselves."""
    questions = list(event.registration_questions.all())
    extra = [Column(f"question_{q.pk}", q.label) for q in questions]
    return [*REGISTRATION_COLUMNS, *extra], questions


def registration_rows(event: Event, questions: list) -> list[dict]:
    registrations = (
        event.registrations.select_related("work_municipality")
        .prefetch_related("sessions")
        .order_by("pk")
    )
    rows = []
    waiting = 0
    for registration in registrations:
        position = None
        if registration.status == RegistrationStatus.WAITLISTED:
            waiting += 1
            position = waiting
        municipality = registration.work_municipality
        row = {
            "name": registration.name,
            "email": registration.email,
            "organisation": registration.organisation,
            "role": registration.role,
            "domain": registration.domain,
            "work_municipality": municipality.name if municipality else "",
            "status": registration.status,
            "waitlist_position": position,
            "registered_at": timezone.localtime(registration.created_at),
            "dietary": registration.dietary,
            "accessibility": registration.accessibility,
            "workshops": "; ".join(
                f"{s.slot_label} {s.title}" for s in registration.sessions.all()
            ),
            "checked_in": registration.checked_in_at is not None,
            "is_demo": registration.is_demo,
        }
        for question in questions:
            row[f"question_{question.pk}"] = registration.answers.get(question.label, "")
        rows.append(row)
    return rows


def registrations_csv(event: Event, *, codes: bool = False) -> HttpResponse:
    columns, questions = registration_columns(event)
    rows = registration_rows(event, questions)
    return table_csv(columns, rows, f"aanmeldingen-{event.slug}.csv", codes=codes)


def registrations_xlsx(event: Event, *, codes: bool = False) -> HttpResponse:
    columns, questions = registration_columns(event)
    rows = registration_rows(event, questions)
    return table_xlsx(
        columns, rows, f"aanmeldingen-{event.slug}.xlsx", title="Aanmeldingen", codes=codes
    )
