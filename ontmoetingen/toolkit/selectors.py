"""Reads for the toolkit: search with filters and counts, one resource, its mirror, feeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC

from django.db.models import Count, Q, QuerySet

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.models import Theme
from ontmoetingen.events.selectors import registrations_of_user
from ontmoetingen.regions.models import Province
from ontmoetingen.toolkit import search
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
    with for each facet the number of results per option given the other facets."""
    filters = filters or Filters()
    query = search.parse_query(text)
    published = Resource.objects.published()
    if not query:
        resources = filters.apply(published).order_by("-published_at", "-id").for_list()
        return SearchResult(resources=resources, facets=_facets(published, filters), query=query)
    # With text the matches are a bounded set: one narrow fetch serves the ranking and every
    # facet count, instead of one aggregate query per facet over the match.
    rows = _match_rows(query)
    counts, kept = _count_in_python(rows, filters)
    kept.sort(key=lambda row: (row.score, _sortable(row.published_at), row.id), reverse=True)
    return SearchResult(
        resources=search.RankedResults([row.id for row in kept]),
        facets=_options(counts, filters),
        query=query,
    )


@dataclass
class _Row:
    id: int
    kind: str
    domains: tuple[str, ...]
    phases: tuple[str, ...]
    province: str | None
    published_at: object
    score: float = 0.0
    themes: tuple[str, ...] = ()


def _match_rows(query: search.Query) -> list[_Row]:
    rows = {
        pk: _Row(pk, kind, _split(audience), _split(phases), province, published_at, score)
        for pk, score, kind, audience, phases, province, published_at in search.match_rows(query)
    }
    if rows:
        slugs = {t.pk: t.slug for t in _themes()}
        links: dict[int, list[str]] = {}
        for resource_id, theme_id in Resource.themes.through.objects.filter(
            resource_id__in=search.id_set(rows)
        ).values_list("resource_id", "theme_id"):
            if theme_id in slugs:
                links.setdefault(resource_id, []).append(slugs[theme_id])
        for pk, themes in links.items():
            rows[pk].themes = tuple(themes)
    return list(rows.values())


def _sortable(value) -> str:
    # raw rows carry datetimes (PostgreSQL) or ISO text (SQLite); both sort as ISO text
    if value is None:
        return ""
    return value if isinstance(value, str) else value.astimezone(UTC).isoformat(" ")


def _split(stored: str) -> tuple[str, ...]:
    return tuple(v for v in (stored or "").split(",") if v)


def _count_in_python(rows: list[_Row], filters: Filters) -> tuple[dict, list[_Row]]:
    """Facet counts (each facet ignoring its own selection) and the rows passing all facets."""
    wanted = {
        "soort": set(filters.kinds),
        "domein": set(filters.domains),
        "thema": set(filters.themes),
        "fase": set(filters.phases),
        "provincie": set(filters.provinces),
    }
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    kept = []
    for row in rows:
        values = {
            "soort": (row.kind,),
            "domein": row.domains,
            "thema": row.themes,
            "fase": row.phases,
            "provincie": (row.province,) if row.province else (),
        }
        failing = [name for name in FACETS if wanted[name] and not wanted[name] & set(values[name])]
        if not failing:
            kept.append(row)
        for name in FACETS:
            if not failing or failing == [name]:
                for value in values[name]:
                    counts[name][value] = counts[name].get(value, 0) + 1
    return counts, kept


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
            Option(t.slug, t.name, counts["thema"].get(t.slug, 0), t.slug in filters.themes)
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


def _facets(base: QuerySet, filters: Filters) -> dict[str, list[Option]]:
    kinds = dict(
        filters.apply(base, skip="soort").values_list("kind").annotate(n=Count("id")).order_by()
    )
    domains = filters.apply(base, skip="domein").aggregate(
        **{value: Count("id", filter=Q(audience__contains=f",{value},")) for value in Domain.values}
    )
    phases = filters.apply(base, skip="fase").aggregate(
        **{value: Count("id", filter=Q(phases__contains=f",{value},")) for value in Phase.values}
    )
    themed = filters.apply(base, skip="thema").values("id")
    theme_counts = dict(
        Resource.themes.through.objects.filter(resource_id__in=themed)
        .values_list("theme_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    province_counts = dict(
        filters.apply(base, skip="provincie")
        .filter(origin__isnull=False)
        .values_list("origin__province_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "soort": [
            Option(v, label, kinds.get(v, 0), v in filters.kinds) for v, label in Kind.choices
        ],
        "domein": [
            Option(v, label, domains[v], v in filters.domains) for v, label in Domain.choices
        ],
        "thema": [
            Option(t.slug, t.name, theme_counts.get(t.pk, 0), t.slug in filters.themes)
            for t in _themes()
        ],
        "fase": [Option(v, label, phases[v], v in filters.phases) for v, label in Phase.choices],
        "provincie": [
            Option(p.code, p.name, province_counts.get(p.code, 0), p.code in filters.provinces)
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
