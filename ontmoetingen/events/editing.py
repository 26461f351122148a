"""Writing the rows of the event form (workshops, registration questions) and logging what
changed. Called by ``services.event_save`` inside its transaction, with the event locked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from ontmoetingen.core.audit import display_value, record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events import capacity
from ontmoetingen.events.models import Event, RegistrationQuestion, Session

EVENT_LOG_FIELDS = (
    "title", "kind", "summary", "description", "starts_at", "ends_at", "capacity",
    "registration_opens_at", "registration_closes_at", "is_online", "online_url", "venue",
    "address", "municipality", "is_national", "co_organisers", "audience", "ask_dietary",
    "ask_accessibility", "balance_max_share",
)  # fmt: skip
SESSION_FIELDS = ("title", "starts_at", "ends_at", "capacity")
QUESTION_FIELDS = ("label", "kind", "choices", "required", "order")


@dataclass
class SessionInput:
    """One workshop row of the event form: new (no ``pk``), changed, or to delete."""

    title: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    capacity: int | None = None
    pk: int | None = None
    delete: bool = False


@dataclass
class RegistrationQuestionInput:
    """One extra registration question of the event form: new, changed, or to delete."""

    label: str = ""
    kind: str = ""
    choices: str = ""
    required: bool = False
    order: int = 0
    pk: int | None = None
    delete: bool = False


def save_sessions(event: Event, items: list[SessionInput], *, actor) -> None:
    """Write the workshop rows; capacity changes pass capacity.check_session_capacity."""
    existing = {s.pk: s for s in Session.objects.filter(event=event).with_counts()}
    for index, item in enumerate(items):
        session = existing.get(item.pk) if item.pk else Session(event=event)
        if session is None:
            raise ServiceError("Deze workshop hoort niet bij deze bijeenkomst.")
        if item.delete:
            if session.pk:
                record(session, "workshop verwijderd", actor)
                session.delete()
            continue
        capacity.check_session_capacity(session, item.capacity, field=f"sessions.{index}.capacity")
        before = {name: getattr(session, name) for name in SESSION_FIELDS}
        for name in SESSION_FIELDS:
            setattr(session, name, getattr(item, name))
        _save_row(session, before, SESSION_FIELDS, "workshop", actor=actor)


def save_registration_questions(
    event: Event, items: list[RegistrationQuestionInput], *, actor
) -> None:
    """Write the extra registration questions of the event."""
    existing = {q.pk: q for q in RegistrationQuestion.objects.filter(event=event)}
    for item in items:
        question = existing.get(item.pk) if item.pk else RegistrationQuestion(event=event)
        if question is None:
            raise ServiceError("Deze vraag hoort niet bij deze bijeenkomst.")
        if item.delete:
            if question.pk:
                record(question, "vraag bij aanmelden verwijderd", actor)
                question.delete()
            continue
        before = {name: getattr(question, name) for name in QUESTION_FIELDS}
        for name in QUESTION_FIELDS:
            setattr(question, name, getattr(item, name))
        _save_row(question, before, QUESTION_FIELDS, "vraag bij aanmelden", actor=actor)


def _save_row(obj, before: dict, names, noun: str, *, actor) -> None:
    creating = obj.pk is None
    obj.full_clean(exclude=["event"])
    obj.save()
    changes = _changes(obj, before, names)
    if creating:
        record(obj, f"{noun} toegevoegd", actor, {k: v[1] for k, v in changes.items()})
    elif changes:
        record(obj, f"{noun} gewijzigd", actor, changes)


def _shown(obj, name: str, value):
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    choices = obj._meta.get_field(name).flatchoices
    if choices and value:
        return str(dict(choices).get(value, value))
    return display_value(value)


def _changes(obj, before: dict, names) -> dict:
    """{field label: [before, after]} for the fields of ``obj`` that differ from ``before``."""
    changes = {}
    for name in names:
        old, new = before.get(name), getattr(obj, name)
        if name == "municipality":
            old, new = before.get("municipality_id"), obj.municipality_id
        if old != new:
            label = str(obj._meta.get_field(name).verbose_name)
            changes[label] = [_shown(obj, name, old), _shown(obj, name, new)]
    return changes


def m2m_labels(event: Event, m2m: dict | None) -> dict:
    """The current many-to-many choices that ``m2m`` is about to replace, for the log."""
    return {
        name: display_value(list(getattr(event, name).all())) if event.pk else []
        for name in (m2m or {})
    }


def log_event(event: Event, before: Event | None, old_m2m: dict, m2m, *, actor) -> None:
    """One audit entry for the event: created (with its values) or changed (what differs)."""
    old = {name: getattr(before, name, None) for name in EVENT_LOG_FIELDS}
    if before is not None:
        old["municipality_id"] = before.municipality_id
    changes = _changes(event, old, EVENT_LOG_FIELDS)
    for name, values in (m2m or {}).items():
        after = display_value(list(values or []))
        if old_m2m.get(name, []) != after:
            label = str(Event._meta.get_field(name).verbose_name)
            changes[label] = [old_m2m.get(name, []), after]
    if before is None:
        record(event, "bijeenkomst aangemaakt", actor, {k: v[1] for k, v in changes.items()})
    elif changes:
        record(event, "bijeenkomst gewijzigd", actor, changes)
