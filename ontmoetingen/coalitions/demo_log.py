"""Change-log entries for the demo: the demo's coalitions are seeded in bulk (no services), so
/beheer/wijzigingen/ would stay empty. The recent part of the seeded history is written to the
audit log through ``core.audit.record``, dated when it happened, as the services would have."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.coalitions.models import (
    Coalition,
    CoalitionMembership,
    CoalitionStatus,
    MembershipRole,
    StatusChange,
)
from ontmoetingen.core.audit import record
from ontmoetingen.core.models import AuditLog

DEMO_TEAM = "projectteam@demo.kansrijke-ontmoetingen.nl"
DEMO_COORDINATOR = "coordinator@demo.kansrijke-ontmoetingen.nl"
RECENT_DAYS = 400
STATUS_ENTRIES = 40
PARTNER_ENTRIES = 30


def _moment(day, minutes: int) -> datetime:
    """A working-hours time on the day (spread by ``minutes``), in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time(9, 0)) + timedelta(minutes=minutes))


def _status_entries(since, actor_for) -> list[tuple]:
    previous: dict[int, str] = {}
    entries = []
    for change in StatusChange.objects.filter(coalition__is_demo=True).select_related("coalition"):
        before = previous.get(change.coalition_id)
        previous[change.coalition_id] = change.status
        if before is None or change.changed_on < since:
            continue
        changes = {
            "Status": [CoalitionStatus(before).label, CoalitionStatus(change.status).label],
            "Sinds": change.changed_on.isoformat(),
        }
        entries.append(
            (change.changed_on, change.coalition, "status gewijzigd", actor_for(change), changes)
        )
    return sorted(entries, key=lambda e: (e[0], e[1].pk))[-STATUS_ENTRIES:]


def _partner_entries(since, actor_for) -> list[tuple]:
    memberships = (
        CoalitionMembership.objects.filter(coalition__is_demo=True, since__gte=since)
        .select_related("coalition", "organisation")
        .order_by("-since", "pk")[:PARTNER_ENTRIES]
    )
    return [
        (
            m.since,
            m.coalition,
            "partner toegevoegd",
            actor_for(m),
            {"Organisatie": m.organisation.name, "Rol": MembershipRole(m.role).label},
        )
        for m in memberships
    ]


def seed_change_log(*, stdout) -> None:
    if AuditLog.objects.for_model(Coalition).exists():
        stdout.write("  coalitions: wijzigingenlog heeft al regels")
        return
    team = User.objects.filter(email=DEMO_TEAM).first()
    coordinator = User.objects.filter(email=DEMO_COORDINATOR).first()
    coordinated = set(
        Coalition.objects.filter(coordinators=coordinator).values_list("pk", flat=True)
        if coordinator
        else ()
    )

    def actor_for(row):
        return coordinator if row.coalition_id in coordinated else team

    since = timezone.localdate() - timedelta(days=RECENT_DAYS)
    entries = _status_entries(since, actor_for) + _partner_entries(since, actor_for)
    for number, (day, coalition, action, actor, changes) in enumerate(sorted(entries, key=_key)):
        entry = record(coalition, action, actor=actor, changes=changes)
        AuditLog.objects.filter(pk=entry.pk).update(at=_moment(day, (number * 37) % 480))
    stdout.write(f"  coalitions: {len(entries)} regels in het wijzigingenlog")


def _key(entry: tuple):
    return (entry[0], entry[1].pk, entry[2])
