"""Reads for the toolkit: search with filters and counts, one resource, its mirror, feeds."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.models import Theme
from ontmoetingen.events.selectors import registrations_of_user
from ontmoetingen.regions.models import Province
from ontmoetingen.toolkit import ranking, search
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

    def apply(self, queryset: QuerySet, *, skip: str = "") -> QuerySet:
        """Filter on every facet except ``skip``: values within a facet are alternatives."""
        if self.kinds and skip != "soort":
            queryset = queryset.filter(kind__in=self.kinds)
        if self.domains and skip != "domein":
            queryset = queryset.filter(_any("audience", self.domains))
        if self.themes and skip != "thema":
            theme_links = Resource.themes.through.objects.filter(theme__slug__in=self.themes)
            queryset = queryset.filter(id__in=theme_links.values("resource_id"))
        if self.phases and skip != "fase":
            queryset = queryset.filter(_any("phases", self.phases))
        if self.provinces and skip != "provincie":
            queryset = queryset.filter(origin__province_id__in=self.provinces)
        return queryset


def _any(field_name: str, values: list[str]) -> Q:
    condition = Q()
    for value in values:
        condition |= Q(**{f"{field_name}__contains": f",{value},"})
    return condition


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    resources: QuerySet | search.RankedResults
    facets: dict[str, list[Option]]
    query: search.Query


def resources_search(*, text: str = "", filters: Filters | None = None) -> SearchResult:
    """Published resources matching the text and filters, best match first (then newest),
    with for each facet the number of results per option given the other facets.

    Counting and ranking happen in the database (toolkit/ranking.py): one statement for the
    facet counts and the total, one for the ids of the requested page."""
    filters = filters or Filters()
    query = search.parse_query(text)
    selection = _selection(filters)
    total, counts = ranking.counts(query, selection)
    if query:
        resources = search.RankedResults(query, selection, total)
    else:
        resources = (
            filters.apply(Resource.objects.published()).order_by("-published_at", "-id").for_list()
        )
    return SearchResult(resources=resources, facets=_options(counts, filters), query=query)


def _selection(filters: Filters) -> ranking.Selection:
    theme_ids: tuple[int, ...] = ()
    if filters.themes:
        # an unknown slug selects nothing (no id), as the filter on slugs did
        theme_ids = tuple(
            Theme.objects.filter(slug__in=filters.themes).values_list("pk", flat=True)
        )
        theme_ids = theme_ids or (0,)
    return ranking.Selection(
        kinds=tuple(filters.kinds),
        domains=tuple(filters.domains),
        theme_ids=theme_ids,
        phases=tuple(filters.phases),
        provinces=tuple(filters.provinces),
    )


def _options(counts: dict[str, dict[str, int]], filters: Filters) -> dict[str, list[Option]]:
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
            Option(t.slug, t.name, counts["thema"].get(str(t.pk), 0), t.slug in filters.themes)
            for t in _themes()
        ],
        "fase": [
            Option(v, label, counts["fase"].get(v, 0), v in filters.phases)
            for v, label in Phase.choices
        ],
        "provincie": [
            Option(p.code, p.name, counts["provincie"].get(p.code, 0), p.code in filters.provinces)
            for p in _provinces()
        ],
    }


def _themes() -> list[Theme]:
    return list(Theme.objects.active().only("slug", "name"))


def _provinces() -> list[Province]:
    return list(Province.objects.order_by("name").only("code", "name"))


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
