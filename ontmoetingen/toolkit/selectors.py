"""Reads for the toolkit: search with filters and counts, one resource, its mirror, feeds."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from ontmoetingen.core.domain import Domain
from ontmoetingen.events.selectors import registrations_of_user
from ontmoetingen.toolkit import catalogue, ranking, search
from ontmoetingen.toolkit.models import Kind, Phase, Resource, Status
from ontmoetingen.toolkit.permissions import can_view

MAX_FILTER_VALUES = 20
FACETS = ("soort", "domein", "thema", "fase", "provincie")


@dataclass
class Filters:
    kinds: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # theme slugs
    phases: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)  # province codes

    @classmethod
    def from_querydict(cls, params) -> Filters:
        def pick(name: str, allowed=None) -> list[str]:
            values = [v for v in params.getlist(name)[:MAX_FILTER_VALUES] if v]
            return [v for v in values if allowed is None or v in allowed]

        return cls(
            kinds=pick("soort", Kind.values),
            domains=pick("domein", Domain.values),
            themes=pick("thema"),
            phases=pick("fase", Phase.values),
            provinces=pick("provincie"),
        )

    def __bool__(self) -> bool:
        return any((self.kinds, self.domains, self.themes, self.phases, self.provinces))


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    resources: ranking.RankedResults
    facets: dict[str, list[Option]]
    query: search.Query


def resources_search(*, text: str = "", filters: Filters | None = None) -> SearchResult:
    """Published resources matching the text and filters, best match first (then newest),
    with for each facet the number of results per option given the other facets.

    Matching and ranking read the terms table once per text and data version (kept per process),
    counting on the catalogue's bitsets (toolkit/ranking.py, toolkit/catalogue.py)."""
    filters = filters or Filters()
    query = search.parse_query(text)
    books = catalogue.current()
    order, matched = ranking.ranked(query, books) if query else (books.newest, books.published)
    base = matched & books.published  # the same as ``matched`` unless a write raced the read
    selection = {
        "soort": tuple(filters.kinds),
        "domein": tuple(filters.domains),
        "thema": tuple(filters.themes),
        "fase": tuple(filters.phases),
        "provincie": tuple(filters.provinces),
    }
    allowed, counts = ranking.counts(books, base, selection)
    resources = ranking.RankedResults(
        order, allowed, everything=allowed == matched, theme_pairs=books.theme_pairs
    )
    return SearchResult(resources=resources, facets=_options(counts, filters, books), query=query)


def _options(
    counts: dict[str, dict[str, int]], filters: Filters, books: catalogue.Catalogue
) -> dict[str, list[Option]]:
    return {
        "soort": [
            Option(v, label, counts["soort"].get(v, 0), v in filters.kinds)
            for v, label in Kind.choices
        ],
        "domein": [
            Option(v, label, counts["domein"].get(v, 0), v in filters.domains)
            for v, label in Domain.choices
        ],
        "thema": [
            Option(slug, name, counts["thema"].get(slug, 0), slug in filters.themes)
            for slug, name in books.themes
        ],
        "fase": [
            Option(v, label, counts["fase"].get(v, 0), v in filters.phases)
            for v, label in Phase.choices
        ],
        "provincie": [
            Option(code, name, counts["provincie"].get(code, 0), code in filters.provinces)
            for code, name in books.provinces
        ],
    }


def resource_for_user(slug: str, user) -> Resource:
    """One resource by slug that this user may see (Resource.DoesNotExist otherwise)."""
    resource = (
        Resource.objects.select_related("origin__province", "mirror", "proposed_by")
        .prefetch_related("themes")
        .get(slug=slug)
    )
    if not can_view(user, resource):
        raise Resource.DoesNotExist
    return resource


def resources_newest(*, limit: int = 3) -> list[Resource]:
    return list(
        Resource.objects.published()
        .select_related("origin")
        .order_by("-published_at", "-id")[:limit]
    )


def resources_feed(*, limit: int = 30) -> list[Resource]:
    return list(
        Resource.objects.published()
        .select_related("origin")
        .order_by("-published_at", "-id")[:limit]
    )


def proposals_pending() -> QuerySet:
    return (
        Resource.objects.filter(status=Status.PROPOSED)
        .select_related("proposed_by", "origin")
        .order_by("created_at", "id")
    )


def proposals_of(user) -> QuerySet:
    return (
        Resource.objects.filter(proposed_by=user)
        .exclude(status=Status.DRAFT)
        .order_by("-created_at", "-id")
    )


def mirror_candidates(resource: Resource) -> QuerySet:
    return Resource.objects.published().exclude(pk=resource.pk).order_by("title")


def resources_for_backoffice(
    *, text: str = "", status: str = "", kind: str = "", theme: str = ""
) -> QuerySet:
    """The team's list: every item in any status, newest change first, filtered plainly."""
    resources = Resource.objects.select_related("mirror").only(
        "title",
        "slug",
        "kind",
        "status",
        "updated_at",
        "file_path",
        "url",
        "is_demo",
        "mirror__title",
        "mirror__slug",
    )
    if text:
        resources = resources.filter(Q(title__icontains=text) | Q(summary__icontains=text))
    if status in Status.values:
        resources = resources.filter(status=status)
    if kind in Kind.values:
        resources = resources.filter(kind=kind)
    if theme:
        resources = resources.filter(themes__slug=theme)
    return resources.order_by("-updated_at", "-id")


def proposer_defaults(user) -> dict:
    """The domain and organisation a user gave when registering for an event, to fill in a
    proposal for them (empty when they never did)."""
    registration = (
        registrations_of_user(user)
        .select_related(None)
        .order_by("-created_at")
        .only("domain", "organisation")
        .first()
    )
    if registration is None:
        return {}
    return {"domains": [registration.domain], "source_organisation": registration.organisation}
