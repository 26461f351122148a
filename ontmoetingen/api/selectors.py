"""Reads for the API: tokens, and the public data as the API lists it.

Each list reuses the owning app's selector where one exists (monitor snapshot for coalitions
as of a date, toolkit search, glossary search, municipality search); where none fits, the query
is written here on the app's model querysets, public and published rows only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from ontmoetingen.api.models import ApiToken
from ontmoetingen.coalitions import selectors as coalition_selectors
from ontmoetingen.coalitions.models import Coalition
from ontmoetingen.events.models import Event, Session
from ontmoetingen.glossary import selectors as glossary_selectors
from ontmoetingen.glossary.models import Term
from ontmoetingen.monitor import selectors as monitor_selectors
from ontmoetingen.regions import selectors as region_selectors
from ontmoetingen.regions.models import GgdRegion, Municipality, Province
from ontmoetingen.toolkit import selectors as toolkit_selectors
from ontmoetingen.toolkit.models import Resource

# --- tokens --------------------------------------------------------------------------------


def token_for_key(key_hash: str) -> ApiToken | None:
    """The active token with this hash, with its user (None when unknown or revoked)."""
    return ApiToken.objects.active().select_related("user").filter(key_hash=key_hash).first()


def tokens_list() -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("user", "created_by", "revoked_by").order_by(
        "revoked_at", "-created_at", "-id"
    )


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("created_at", "id")


# --- regions -------------------------------------------------------------------------------


def municipalities_public(
    *, text: str = "", province: str = "", ggd_region: str = ""
) -> list[Municipality]:
    """Active municipalities by province and name, as /gemeenten/ lists them."""
    return [
        m
        for m in region_selectors.municipalities_search(text=text)
        if (not province or m.province_id == province)
        and (not ggd_region or m.ggd_region_id == ggd_region)
    ]


def municipality_public(code: str) -> Municipality:
    return region_selectors.municipality_get(code)


def provinces_public() -> list[Province]:
    return list(region_selectors.provinces_active().only("code", "name"))


def ggd_regions_public() -> list[GgdRegion]:
    return list(region_selectors.ggd_regions_active().only("code", "name", "province_id"))


# --- coalitions and monitor ----------------------------------------------------------------


@dataclass
class CoalitionAsOf:
    """A coalition as it stood on a date, with today's municipalities (the monitor's rule)."""

    facts: Any  # the monitor snapshot's CoalitionFacts (id, name, status, domains, ...)
    municipalities: list = field(default_factory=list)  # MunicipalityRow


@dataclass
class CoalitionFilters:
    text: str = ""
    province: str = ""
    ggd_region: str = ""
    status: str = ""
    birth_care: bool | None = None


def _matches(item: CoalitionAsOf, filters: CoalitionFilters) -> bool:
    facts = item.facts
    needle = region_selectors.normalise(filters.text)
    return (
        (not needle or needle in region_selectors.normalise(facts.name))
        and (not filters.status or facts.status == filters.status)
        and (filters.birth_care is None or facts.birth_care == filters.birth_care)
        and (
            not filters.province
            or any(row.province_code == filters.province for row in item.municipalities)
        )
        and (
            not filters.ggd_region
            or any(row.ggd_code == filters.ggd_region for row in item.municipalities)
        )
    )


def coalitions_as_of(
    *, on: date | None = None, filters: CoalitionFilters | None = None
) -> tuple[date, list[CoalitionAsOf]]:
    """Coalitions with their status and the domains at their table on ``on`` (default today),
    from the monitor's snapshot; by name. Returns the snapshot date and the coalitions."""
    filters = filters or CoalitionFilters()
    snapshot = monitor_selectors.monitor_snapshot(on=on)
    by_id: dict[int, CoalitionAsOf] = {}
    for row in snapshot.rows:
        if row.coalition is not None:
            item = by_id.setdefault(row.coalition.id, CoalitionAsOf(facts=row.coalition))
            item.municipalities.append(row)
    items = [item for item in by_id.values() if _matches(item, filters)]
    items.sort(key=lambda item: (region_selectors.normalise(item.facts.name), item.facts.id))
    return snapshot.on, items


def coalition_public(pk: int) -> Coalition:
    """One active coalition with its partners and themes (Coalition.DoesNotExist otherwise)."""
    return coalition_selectors.coalition_get(pk, queryset=Coalition.objects.active())


def monitor_figures(*, on: date | None = None, province: str = "", ggd_region: str = ""):
    """(snapshot, counts per status, coalition figures) nationally or for one region."""
    snapshot = monitor_selectors.monitor_snapshot(on=on)
    rows = [
        row
        for row in snapshot.rows
        if (not province or row.province_code == province)
        and (not ggd_region or row.ggd_code == ggd_region)
    ]
    return (
        snapshot,
        rows,
        monitor_selectors.status_counts(rows),
        monitor_selectors.coalition_figures(rows),
    )


# --- events --------------------------------------------------------------------------------


@dataclass
class EventFilters:
    kind: str = ""
    province: str = ""
    online: bool | None = None
    from_date: date | None = None
    theme: str = ""
    domain: str = ""


def _event_queryset(*, published: bool = True) -> QuerySet[Event]:
    events = Event.objects.published() if published else Event.objects.all()
    return (
        events.with_counts()
        .select_related("municipality")
        .defer("municipality__shape", "online_url")
        .prefetch_related(
            Prefetch("provinces", queryset=Province.objects.only("code", "name")),
            Prefetch("ggd_regions", queryset=GgdRegion.objects.only("code", "name")),
            Prefetch("municipalities", queryset=Municipality.objects.only("code", "name")),
            "themes",
        )
    )


def events_public(*, filters: EventFilters) -> QuerySet[Event]:
    """Published events that end on or after ``from_date`` (default: now), soonest first.

    The filters mean what they mean on /agenda/ (a province also finds national events and
    events for its GGD regions and municipalities)."""
    queryset = _event_queryset()
    if filters.from_date:
        start = timezone.make_aware(datetime.combine(filters.from_date, time.min))
        queryset = queryset.filter(ends_at__gte=start)
    else:
        queryset = queryset.upcoming()
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.province:
        in_province = Event.objects.filter(
            Q(is_national=True)
            | Q(provinces__code=filters.province)
            | Q(municipality__province_id=filters.province)
            | Q(ggd_regions__province_id=filters.province)
            | Q(municipalities__province_id=filters.province)
        ).values("pk")
        queryset = queryset.filter(pk__in=in_province)
    if filters.online is not None:
        queryset = queryset.filter(is_online=filters.online)
    if filters.theme:
        queryset = queryset.filter(
            pk__in=Event.objects.filter(themes__slug=filters.theme).values("pk")
        )
    if filters.domain:
        queryset = queryset.filter(audience__contains=filters.domain)
    return queryset.order_by("starts_at", "pk")


def _with_sessions(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk"))
    )


def event_public(slug: str) -> Event:
    """One published event with its sessions (Event.DoesNotExist otherwise)."""
    return _with_sessions(_event_queryset()).get(slug=slug)


def event_any(pk: int) -> Event:
    """One event in any status, for the token holder who just wrote it."""
    return _with_sessions(_event_queryset(published=False)).get(pk=pk)


def event_any_by_slug(slug: str) -> Event:
    return Event.objects.get(slug=slug)


# --- toolkit and glossary ------------------------------------------------------------------


def resources_public(*, text: str = "", filters: toolkit_selectors.Filters):
    """Published toolkit items as /toolkit/ finds them (best match first, then newest)."""
    return toolkit_selectors.resources_search(text=text, filters=filters).resources


def resource_public(slug: str) -> Resource:
    return (
        Resource.objects.published()
        .select_related("origin__province", "mirror")
        .prefetch_related("themes")
        .get(slug=slug)
    )


def terms_public(*, text: str = "", domain: str = "") -> QuerySet[Term]:
    return glossary_selectors.terms_search(text=text, domain=domain)


def term_public(slug: str) -> Term:
    return glossary_selectors.term_get(slug)
