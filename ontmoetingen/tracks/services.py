"""Every write of the tracks: visits, visit reports, follow-up actions, recordings, reminders.

One transaction per call; each service that takes an ``actor`` writes the audit log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ontmoetingen.core.audit import display_value, record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.tracks.models import (
    ActionStatus,
    FollowUpAction,
    Recording,
    Visit,
    VisitReport,
)

VISIT_FIELDS = ("title", "date", "status", "region_kind", "province", "ggd_region", "summary")
VISIT_M2M = ("municipalities", "hosts", "events", "resources")
ACTION_FIELDS = ("description", "owner_coalition", "owner_organisation", "due_date", "status")


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _apply(obj, data: dict, fields) -> dict:
    """Set ``fields`` from ``data`` on ``obj``; return the audit changes {label: [before, after]}."""
    changes = {}
    for name in fields:
        if name not in data:
            continue
        before = getattr(obj, name)
        after = data[name]
        if before != after:
            changes[_label(type(obj), name)] = [display_value(before), display_value(after)]
            setattr(obj, name, after)
    return changes


def _set_m2m(obj, data: dict, fields) -> dict:
    changes = {}
    for name in fields:
        if name not in data:
            continue
        manager = getattr(obj, name)
        before = {str(o) for o in manager.all()} if obj.pk else set()
        after = {str(o) for o in data[name]}
        manager.set(data[name])
        if before != after:
            changes[_label(type(obj), name)] = [display_value(before), display_value(after)]
    return changes


def _region_clear(data: dict) -> dict:
    """Only the region fields of the chosen kind are kept (a province visit has no GGD region)."""
    kind = data.get("region_kind")
    cleaned = dict(data)
    if kind and kind != "provincie":
        cleaned["province"] = None
    if kind and kind != "ggd":
        cleaned["ggd_region"] = None
    if kind and kind != "gemeenten":
        cleaned["municipalities"] = []
    return cleaned


def visit_save(*, visit: Visit | None, data: dict, actor) -> Visit:
    """Create a visit (``visit=None``) or change one; fields from VISIT_FIELDS and VISIT_M2M."""
    data = _region_clear(data)
    with transaction.atomic():
        creating = visit is None
        visit = visit or Visit()
        contacts_changed = "contacts" in data and data["contacts"] != visit.contacts
        changes = _apply(visit, data, VISIT_FIELDS)
        if contacts_changed:
            visit.contacts = data["contacts"]
            changes[_label(Visit, "contacts")] = "gewijzigd"  # internal text: not copied
        visit.full_clean()
        visit.save()
        changes.update(_set_m2m(visit, data, VISIT_M2M))
        if creating or changes:
            record(visit, "aangemaakt" if creating else "gewijzigd", actor, changes)
    return visit


def visit_report_save(*, visit: Visit, data: dict, actor) -> VisitReport:
    """Record or update the report of a visit; a report marks the visit as visited."""
    with transaction.atomic():
        report, created = VisitReport.objects.get_or_create(visit=visit)
        changes = _apply(report, data, ("findings", "agreements"))
        report.written_by = actor
        report.save()
        changes.update(_set_m2m(report, data, ("questions", "themes")))
        if visit.status != "bezocht":
            changes[_label(Visit, "status")] = [visit.status, "bezocht"]
            visit.status = "bezocht"
            visit.save(update_fields=["status", "updated_at"])
        record(visit, "verslag vastgelegd" if created else "verslag gewijzigd", actor, changes)
    return report


def action_save(*, action: FollowUpAction | None, visit: Visit, data: dict, actor):
    """Create a follow-up action of ``visit`` or change one (the team's full edit)."""
    with transaction.atomic():
        creating = action is None
        action = action or FollowUpAction(visit=visit)
        changes = _apply(action, data, ACTION_FIELDS)
        _stamp_completion(action)
        action.full_clean()
        action.save()
        record(action, "aangemaakt" if creating else "gewijzigd", actor, changes)
    return action


def _stamp_completion(action: FollowUpAction) -> None:
    if action.status == ActionStatus.DONE and not action.completed_at:
        action.completed_at = timezone.now()
    elif action.status != ActionStatus.DONE:
        action.completed_at = None


def action_set_status(*, action: FollowUpAction, status: str, actor) -> FollowUpAction:
    """A coordinator (or the team) moves an action to another status."""
    if status not in ActionStatus.values:
        raise ServiceError("Kies een geldige status.", code="status", field="status")
    with transaction.atomic():
        action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
        if action.status == status:
            return action
        changes = {_label(FollowUpAction, "status"): [action.status, status]}
        action.status = status
        _stamp_completion(action)
        action.save(update_fields=["status", "completed_at", "updated_at"])
        record(action, "status gewijzigd", actor, changes)
    return action


def recording_add(*, event, resource, kind: str, actor) -> Recording:
    """Link a toolkit item (recording or slides) to an event; the event must be over."""
    if not event.is_past:
        raise ServiceError("Een opname hoort bij een bijeenkomst die voorbij is.", code="future")
    with transaction.atomic():
        recording, created = Recording.objects.get_or_create(
            event=event, resource=resource, defaults={"kind": kind}
        )
        if not created:
            raise ServiceError("Dit toolkit-item hoort al bij deze bijeenkomst.", code="duplicate")
        record(recording, "gekoppeld", actor, {"toolkit-item": resource.title})
    return recording


def recording_remove(*, recording: Recording, actor) -> None:
    with transaction.atomic():
        record(recording, "ontkoppeld", actor, {"toolkit-item": recording.resource.title})
        recording.delete()


def _owner_addresses(action: FollowUpAction) -> list[str]:
    if action.owner_coalition_id:
        coalition = action.owner_coalition
        emails = [u.email for u in coalition.coordinators.all() if u.is_active]
        return emails or ([coalition.contact_email] if coalition.contact_email else [])
    organisation = action.owner_organisation
    return [organisation.contact_email] if organisation.contact_email else []


def actions_remind_overdue(*, today=None) -> int:
    """Mail the owner of every overdue open action once (``reminded_at``); returns the count.

    Each action is claimed in its own transaction with a row lock, so two workers never mail
    the same owner twice; an owner without an address is marked too (nobody to remind).
    """
    today = today or timezone.localdate()
    sent = 0
    pending = list(
        FollowUpAction.objects.overdue(today)
        .filter(reminded_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for pk in pending:
        with transaction.atomic():
            action = (
                FollowUpAction.objects.select_for_update(of=("self",))
                .filter(pk=pk, reminded_at__isnull=True)
                .select_related("visit", "owner_coalition", "owner_organisation")
                .first()
            )
            if action is None:
                continue
            action.reminded_at = timezone.now()
            action.save(update_fields=["reminded_at"])
            addresses = _owner_addresses(action)
            if addresses:
                send_templated_mail(
                    to=addresses,
                    template="tracks/mail/action_overdue",
                    context={"action": action, "site_url": settings.SITE_URL},
                )
                sent += 1
    return sent
