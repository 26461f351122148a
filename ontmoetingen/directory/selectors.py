"""Reads for organisations: the filtered list, one organisation with its area, per municipality."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ontmoetingen.core.domain import TABLE_DOMAINS, Domain
from ontmoetingen.directory.models import Organisation
from ontmoetingen.regions.models import Municipality, Province
from ontmoetingen.regions.selectors import normalise


@dataclass
class OrganisationFilters:
    text: str = ""
    domain: str = ""
    type: str = ""
    municipality: str = ""  # CBS code of a municipality served
    province: str = ""  # province code: serves at least one municipality there
    include_inactive: bool = False


def organisations_list(*, filters: OrganisationFilters | None = None) -> QuerySet[Organisation]:
    """Organisations matching the filters, with their location. Call ``with_area_sizes`` on
    the page shown (counting per page is far cheaper than annotating the whole list)."""
    filters = filters or OrganisationFilters()
    queryset = Organisation.objects.select_related("location")
    if not filters.include_inactive:
        queryset = queryset.active()
    if filters.text:
        queryset = queryset.filter(name__icontains=filters.text)
    if filters.domain:
        queryset = queryset.filter(domain=filters.domain)
    if filters.type:
        queryset = queryset.filter(type=filters.type)
    through = Organisation.service_area.through
    if filters.municipality:
        queryset = queryset.filter(
            Exists(
                through.objects.filter(
                    organisation_id=OuterRef("pk"), municipality_id=filters.municipality
                )
            )
        )
    if filters.province:
        queryset = queryset.filter(
            Exists(
                through.objects.filter(
                    organisation_id=OuterRef("pk"), municipality__province_id=filters.province
                )
            )
        )
    return queryset.order_by("name", "id")


def with_area_sizes(organisations) -> list[Organisation]:
    """Attach ``area_size`` (number of municipalities in the working area), one query."""
    organisations = list(organisations)
    through = Organisation.service_area.through
    sizes = dict(
        through.objects.filter(organisation_id__in=[o.pk for o in organisations])
        .values("organisation_id")
        .annotate(n=Count("id"))
        .values_list("organisation_id", "n")
    )
    for organisation in organisations:
        organisation.area_size = sizes.get(organisation.pk, 0)
    return organisations


def organisation_get(pk: int) -> Organisation:
    return Organisation.objects.select_related("location__province").get(pk=pk)


def organisation_service_area(organisation: Organisation) -> list[Municipality]:
    """The municipalities of an organisation's working area, by name, with their map shapes."""
    return list(
        organisation.service_area.order_by("name").only("code", "name", "shape", "province_id")
    )


def area_summary(municipalities: list[Municipality]) -> list[tuple[str, list[Municipality]]]:
    """A working area grouped by province name, for a readable list."""
    province_names = dict(Province.objects.values_list("code", "name"))
    grouped: dict[str, list[Municipality]] = defaultdict(list)
    for municipality in municipalities:
        grouped[province_names.get(municipality.province_id, "")].append(municipality)
    return sorted(grouped.items())


def organisations_serving(municipality: Municipality) -> dict[str, list[Organisation]]:
    """Active organisations whose working area includes the municipality, by domain."""
    organisations = (
        Organisation.objects.active()
        .filter(service_area=municipality)
        .select_related("location")
        .order_by("name", "id")
    )
    grouped: dict[str, list[Organisation]] = defaultdict(list)
    for organisation in organisations:
        grouped[organisation.domain].append(organisation)
    return {str(d): grouped[d] for d in [*TABLE_DOMAINS, Domain.OTHER] if grouped.get(d)}


def organisations_search(*, text: str, exclude_ids=(), limit: int = 20) -> list[Organisation]:
    """Organisations by (part of their) name, for picking a partner."""
    needle = normalise(text)
    if len(needle) < 2:
        return []
    return list(
        Organisation.objects.active()
        .filter(Q(name__icontains=text.strip()))
        .exclude(pk__in=list(exclude_ids))
        .select_related("location")
        .order_by("name")[:limit]
    )
