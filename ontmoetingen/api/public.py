"""Read endpoints: public, published data only, paged, in a stable order."""

from __future__ import annotations

from typing import Annotated

from django.http import Http404
from ninja import Path, Query, Router
from pydantic import Field

from ontmoetingen.api import outputs, selectors
from ontmoetingen.api.params import (
    AsOfQuery,
    CoalitionQuery,
    EventQuery,
    MonitorQuery,
    MunicipalityQuery,
    Paging,
    RegionCode,
    ResourceQuery,
    SlugParam,
    TermQuery,
)
from ontmoetingen.api.schemas import (
    CoalitionDetailOut,
    CoalitionPage,
    Error,
    EventDetailOut,
    EventOut,
    GgdRegionOut,
    MonitorOut,
    MunicipalityOut,
    Page,
    Region,
    ResourceDetailOut,
    ResourceOut,
    TermDetailOut,
    TermOut,
    ValidationErrorOut,
)
from ontmoetingen.coalitions.models import Coalition
from ontmoetingen.events.models import Event
from ontmoetingen.glossary.models import Term
from ontmoetingen.regions.models import Municipality
from ontmoetingen.toolkit import selectors as toolkit_selectors
from ontmoetingen.toolkit.models import Resource

router = Router()

MAX_ID = 2_147_483_647
READ_ERRORS = {304: None, 401: Error, 422: ValidationErrorOut}
DETAIL_ERRORS = {**READ_ERRORS, 404: Error}


def page(items, paging: Paging, convert) -> dict:
    """One page of ``items`` (a list, queryset or other sliceable with ``count``/len)."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    window = items[paging.offset : paging.offset + paging.limit]
    return {
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "items": [convert(item) for item in window],
    }


# --- regions -------------------------------------------------------------------------------


@router.get(
    "/municipalities",
    response={200: Page[MunicipalityOut], **READ_ERRORS},
    tags=["gemeenten"],
    summary="Gemeenten met provincie en GGD-regio",
)
def municipality_list(request, filters: Query[MunicipalityQuery], paging: Query[Paging]) -> dict:
    items = selectors.municipalities_public(
        text=filters.q, province=filters.province or "", ggd_region=filters.ggd_region or ""
    )
    return page(items, paging, outputs.municipality)


@router.get(
    "/municipalities/{code}",
    response={200: MunicipalityOut, **DETAIL_ERRORS},
    tags=["gemeenten"],
    summary="Eén gemeente (ook een opgeheven gemeente, met haar opvolger)",
)
def municipality_detail(request, code: Path[RegionCode]) -> dict:
    try:
        return outputs.municipality(selectors.municipality_public(code))
    except Municipality.DoesNotExist as exc:
        raise Http404 from exc


@router.get(
    "/provinces",
    response={200: list[Region], **READ_ERRORS},
    tags=["gemeenten"],
    summary="Provincies",
)
def province_list(request) -> list:
    return [outputs.region(p) for p in selectors.provinces_public()]


@router.get(
    "/ggd-regions",
    response={200: list[GgdRegionOut], **READ_ERRORS},
    tags=["gemeenten"],
    summary="GGD-regio's",
)
def ggd_region_list(request) -> list:
    return [outputs.ggd_region(g) for g in selectors.ggd_regions_public()]


# --- coalitions and monitor ----------------------------------------------------------------


@router.get(
    "/coalitions",
    response={200: CoalitionPage, **READ_ERRORS},
    tags=["coalities"],
    summary="Coalities met status en domeinen aan tafel, op een peildatum",
)
def coalition_list(request, filters: Query[CoalitionQuery], paging: Query[Paging]) -> dict:
    as_of, items = selectors.coalitions_as_of(
        on=filters.as_of,
        filters=selectors.CoalitionFilters(
            text=filters.q,
            province=filters.province or "",
            ggd_region=filters.ggd_region or "",
            status=filters.status or "",
            birth_care=filters.birth_care,
        ),
    )
    return {**page(items, paging, outputs.coalition), "as_of": as_of}


@router.get(
    "/coalitions/{coalition_id}",
    response={200: CoalitionDetailOut, **DETAIL_ERRORS},
    tags=["coalities"],
    summary="Eén coalitie op een peildatum, met partners (organisaties) en thema's",
)
def coalition_detail(
    request,
    coalition_id: Path[Annotated[int, Field(ge=1, le=MAX_ID)]],
    as_of: Query[AsOfQuery],
) -> dict:
    on, items = selectors.coalitions_as_of(on=as_of.as_of)
    item = next((i for i in items if i.facts.id == coalition_id), None)
    if item is None:
        raise Http404
    try:
        model = selectors.coalition_public(coalition_id)
    except Coalition.DoesNotExist as exc:
        raise Http404 from exc
    return outputs.coalition_detail(item, model, as_of=on)


@router.get(
    "/monitor",
    response={200: MonitorOut, **READ_ERRORS},
    tags=["monitor"],
    summary="Landelijke cijfers op een peildatum (of voor één provincie of GGD-regio)",
)
def monitor(request, filters: Query[MonitorQuery]) -> dict:
    snapshot, rows, statuses, figures = selectors.monitor_figures(
        on=filters.as_of, province=filters.province or "", ggd_region=filters.ggd_region or ""
    )
    return {
        "as_of": snapshot.on,
        "municipalities": len(rows),
        "statuses": [
            {"status": s.value, "label": s.label, "count": s.count, "share": s.share}
            for s in statuses
        ],
        "coalitions": {
            "count": figures.coalitions,
            "birth_care": figures.birth_care,
            "birth_care_share": figures.birth_care_share,
            "action_plan": figures.action_plan,
            "action_plan_share": figures.action_plan_share,
            "youth_health": figures.youth_health,
            "social": figures.social,
        },
    }


# --- events --------------------------------------------------------------------------------


@router.get(
    "/events",
    response={200: Page[EventOut], **READ_ERRORS},
    tags=["agenda"],
    summary="Gepubliceerde bijeenkomsten, eerstvolgende eerst",
)
def event_list(request, filters: Query[EventQuery], paging: Query[Paging]) -> dict:
    items = selectors.events_public(
        filters=selectors.EventFilters(
            kind=filters.kind or "",
            province=filters.province or "",
            online=filters.online,
            from_date=filters.from_date,
            theme=filters.theme or "",
            domain=filters.domain or "",
        )
    )
    return page(items, paging, outputs.event)


@router.get(
    "/events/{slug}",
    response={200: EventDetailOut, **DETAIL_ERRORS},
    tags=["agenda"],
    summary="Eén gepubliceerde bijeenkomst met haar workshops",
)
def event_detail(request, slug: Path[SlugParam]) -> dict:
    try:
        return outputs.event_detail(selectors.event_public(slug))
    except Event.DoesNotExist as exc:
        raise Http404 from exc


# --- toolkit and glossary ------------------------------------------------------------------


@router.get(
    "/toolkit",
    response={200: Page[ResourceOut], **READ_ERRORS},
    tags=["toolkit"],
    summary="Gepubliceerde toolkit-items: zoeken en filteren zoals op /toolkit/",
)
def resource_list(request, filters: Query[ResourceQuery], paging: Query[Paging]) -> dict:
    items = selectors.resources_public(
        text=filters.q,
        filters=toolkit_selectors.Filters(
            kinds=[str(k) for k in filters.kind],
            domains=[str(d) for d in filters.domain],
            themes=list(filters.theme),
            phases=[str(p) for p in filters.phase],
            provinces=list(filters.province),
        ),
    )
    return page(items, paging, outputs.resource)


@router.get(
    "/toolkit/{slug}",
    response={200: ResourceDetailOut, **DETAIL_ERRORS},
    tags=["toolkit"],
    summary="Eén gepubliceerd toolkit-item",
)
def resource_detail(request, slug: Path[SlugParam]) -> dict:
    try:
        return outputs.resource_detail(selectors.resource_public(slug))
    except Resource.DoesNotExist as exc:
        raise Http404 from exc


@router.get(
    "/glossary",
    response={200: Page[TermOut], **READ_ERRORS},
    tags=["begrippen"],
    summary="Begrippen A-Z",
)
def term_list(request, filters: Query[TermQuery], paging: Query[Paging]) -> dict:
    items = selectors.terms_public(text=filters.q, domain=filters.domain or "")
    return page(items, paging, outputs.term)


@router.get(
    "/glossary/{slug}",
    response={200: TermDetailOut, **DETAIL_ERRORS},
    tags=["begrippen"],
    summary="Eén begrip met uitleg voor het andere domein",
)
def term_detail(request, slug: Path[SlugParam]) -> dict:
    try:
        return outputs.term_detail(selectors.term_public(slug))
    except Term.DoesNotExist as exc:
        raise Http404 from exc
