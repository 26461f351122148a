"""Reads for coalitions: as-of statuses, representation per domain, who is missing."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import QuerySet

from ontmoetingen.accounts.permissions import is_project_team
from ontmoetingen.coalitions.models import (
    Coalition,
    CoalitionMembership,
    CoalitionMunicipality,
    StatusChange,
)
from ontmoetingen.core.domain import TABLE_DOMAINS, Domain
from ontmoetingen.directory.models import Organisation


def coalition_statuses_as_of(*, on: date) -> dict[int, str]:
    """Coalition id → its status on ``on``, from the recorded history. A coalition whose first
    status change lies after ``on`` did not exist yet and is left out."""
    statuses: dict[int, str] = {}
    rows = (
        StatusChange.objects.filter(changed_on__lte=on)
        .order_by("coalition_id", "changed_on", "id")
        .values_list("coalition_id", "status")
    )
    for coalition_id, status in rows.iterator(chunk_size=2000):
        statuses[coalition_id] = status  # later rows win: the last change on or before ``on``
    return statuses


def coalition_domains_at_table(
    *, coalition_ids=None, on: date | None = None
) -> dict[int, set[str]]:
    """Coalition id → the domains (``Domain`` values) of its partner organisations; with ``on``
    only partners that had joined by then. Requested coalitions without partners map to an
    empty set; without ``coalition_ids`` every coalition that has partners is included."""
    memberships = CoalitionMembership.objects.all()
    domains: dict[int, set[str]] = {}
    if coalition_ids is not None:
        coalition_ids = list(coalition_ids)
        memberships = memberships.filter(coalition_id__in=coalition_ids)
        domains = {coalition_id: set() for coalition_id in coalition_ids}
    if on is not None:
        memberships = memberships.filter(since__lte=on)
    for coalition_id, domain in memberships.values_list(
        "coalition_id", "organisation__domain"
    ).distinct():
        domains.setdefault(coalition_id, set()).add(domain)
    return domains


def municipality_coalitions() -> dict[str, Coalition]:
    """Municipality code → the active coalition it belongs to (one query)."""
    links = CoalitionMunicipality.objects.filter(
        active=True, coalition__active=True
    ).select_related("coalition")
    coalitions: dict[int, Coalition] = {}
    result: dict[str, Coalition] = {}
    for link in links:
        coalition = coalitions.setdefault(link.coalition_id, link.coalition)
        result[link.municipality_id] = coalition
    return result


def organisations_missing_at_table(coalition: Coalition) -> dict[str, list[Organisation]]:
    """Active organisations whose working area covers any of the coalition's municipalities
    and that are not its partners, grouped by domain (table domains first)."""
    municipality_codes = CoalitionMunicipality.objects.filter(
        coalition=coalition, active=True
    ).values("municipality_id")
    partners = CoalitionMembership.objects.filter(coalition=coalition).values("organisation_id")
    organisations = (
        Organisation.objects.active()
        .filter(service_area__in=municipality_codes)
        .exclude(pk__in=partners)
        .select_related("location")
        .distinct()
        .order_by("name", "id")
    )
    grouped: dict[str, list[Organisation]] = defaultdict(list)
    for organisation in organisations:
        grouped[organisation.domain].append(organisation)
    order = [*TABLE_DOMAINS, Domain.OTHER]
    return {str(domain): grouped[domain] for domain in order if grouped.get(domain)}


def coalitions_editable_by(user) -> QuerySet[Coalition]:
    """The coalitions this user may edit: all for the project team, their own for a
    coordinator, none for anyone else. Views load objects through this (others get 404)."""
    if not (user and user.is_authenticated and user.is_active):
        return Coalition.objects.none()
    if is_project_team(user):
        return Coalition.objects.all()
    return Coalition.objects.filter(coordinators=user)
