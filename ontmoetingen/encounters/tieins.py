"""Reads that tie people into pages of other areas: the coalition's "wie ontbreekt aan tafel",
an organisation's professionals and an event's opt-in attendee list.

Those pages include them through the ``people`` template tags (encounters/templatetags), so
coalitions, directory and events need no import of this app (which imports theirs)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Exists, OuterRef

from ontmoetingen.coalitions.models import Coalition
from ontmoetingen.coalitions.selectors import coalition_domains_at_table
from ontmoetingen.core.domain import TABLE_DOMAINS, Domain
from ontmoetingen.directory.models import Organisation
from ontmoetingen.encounters.models import Professional
from ontmoetingen.events.models import Event, Registration, RegistrationStatus

MISSING_PER_DOMAIN = 8
ATTENDEES_SHOWN = 200


def professionals_missing_at_table(coalition: Coalition) -> list[dict]:
    """Published professionals of the domains not yet at the coalition's table who work in
    one of its municipalities, grouped by domain (a few per domain, nearest first)."""
    present = coalition_domains_at_table(coalition_ids=[coalition.pk]).get(coalition.pk, set())
    missing = [d for d in TABLE_DOMAINS if d not in present]
    if not missing:
        return []
    codes = list(
        coalition.coalition_municipalities.filter(active=True).values_list(
            "municipality_id", flat=True
        )
    )
    through = Professional.working_area.through
    profiles = (
        Professional.objects.published()
        .filter(domain__in=missing)
        .filter(
            Exists(
                through.objects.filter(professional_id=OuterRef("pk"), municipality_id__in=codes)
            )
        )
        .select_related("user", "organisation")
        .order_by("domain", "user__full_name", "id")
    )
    grouped: dict[str, list[Professional]] = defaultdict(list)
    for profile in profiles:
        if len(grouped[profile.domain]) < MISSING_PER_DOMAIN:
            grouped[profile.domain].append(profile)
    return [
        {"label": Domain(d).label, "value": d, "professionals": grouped[d]}
        for d in missing
        if grouped.get(d)
    ]


def organisation_professionals(organisation: Organisation) -> list[Professional]:
    return list(
        Professional.objects.published()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "id")
    )


def own_registration(event: Event, user) -> Registration | None:
    if not (user and user.is_authenticated):
        return None
    return (
        Registration.objects.filter(event=event, user=user, status=RegistrationStatus.CONFIRMED)
        .select_related("work_municipality")
        .first()
    )


def event_attendees(event: Event, mine: Registration) -> list[Registration]:
    """Confirmed registrants who opted in, people from the viewer's own GGD region first;
    ``profile`` is their published profile, if any (one query for all)."""
    rows = list(
        Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED, show_in_attendee_list=True
        )
        .select_related("work_municipality")
        .order_by("name", "id")[:ATTENDEES_SHOWN]
    )
    user_ids = [r.user_id for r in rows if r.user_id]
    profiles = {p.user_id: p for p in Professional.objects.published().filter(user_id__in=user_ids)}
    my_region = mine.work_municipality.ggd_region_id if mine.work_municipality else None
    for row in rows:
        row.profile = profiles.get(row.user_id)
        row.same_region = bool(
            my_region and row.work_municipality and row.work_municipality.ggd_region_id == my_region
        )
    rows.sort(key=lambda r: (not r.same_region, r.name.lower()))
    return rows
