"""Reads for the regiotour, the per-event and per-coalition reach blocks and the recordings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from ontmoetingen.coalitions.models import Coalition, CoalitionMunicipality
from ontmoetingen.core.domain import Domain
from ontmoetingen.events.models import Event, EventStatus, Registration, RegistrationStatus
from ontmoetingen.regions.models import Municipality
from ontmoetingen.regions.selectors import country_map
from ontmoetingen.tracks.models import (
    ActionStatus,
    FollowUpAction,
    Recording,
    Visit,
    VisitReport,
)
from ontmoetingen.tracks.reach import percent, successor_map

SHAPELESS = ("shape",)


def _visit_queryset() -> QuerySet[Visit]:
    return Visit.objects.select_related("province", "ggd_region").prefetch_related(
        Prefetch(
            "municipalities",
            queryset=Municipality.objects.only("code", "name", "shape", "label_x", "label_y"),
        ),
        Prefetch("hosts", queryset=Coalition.objects.only("id", "name")),
        Prefetch("events", queryset=Event.objects.only("id", "title", "slug", "starts_at")),
        "resources",
    )


def visits_itinerary(*, public: bool, year: int | None = None) -> list[Visit]:
    """The regiotour in date order; the public sees planned, confirmed and held visits."""
    queryset = _visit_queryset()
    if public:
        queryset = queryset.public()
    if year:
        queryset = queryset.filter(date__year=year)
    return list(queryset.order_by("date", "pk"))


def visit_get(pk: int, *, public: bool) -> Visit:
    queryset = _visit_queryset().prefetch_related(
        Prefetch(
            "actions",
            queryset=FollowUpAction.objects.select_related("owner_coalition", "owner_organisation"),
        )
    )
    if public:
        queryset = queryset.public()
    return queryset.get(pk=pk)


def visit_report(visit: Visit) -> VisitReport | None:
    try:
        return VisitReport.objects.prefetch_related("questions__theme", "themes").get(visit=visit)
    except VisitReport.DoesNotExist:
        return None


def visit_region_label(visit: Visit) -> str:
    if visit.region_kind == "provincie" and visit.province:
        return f"provincie {visit.province.name}"
    if visit.region_kind == "ggd" and visit.ggd_region:
        return f"GGD-regio {visit.ggd_region.name}"
    return ", ".join(m.name for m in visit.municipalities.all()) or "\N{EN DASH}"


@dataclass
class Attendance:
    total: int
    by_domain: list[tuple[str, int]]
    people: list[Registration]

    @property
    def summary(self) -> str:
        """ "geboortezorg 3, sociaal domein 2": the domains that were there."""
        return ", ".join(f"{label} {count}" for label, count in self.by_domain if count)


def visit_attendance(visit: Visit) -> Attendance:
    """Who was there: the checked-in people of the visit's events (one query)."""
    people = list(
        Registration.objects.filter(
            event__in=visit.events.all(),
            status=RegistrationStatus.CONFIRMED,
            checked_in_at__isnull=False,
        )
        .select_related("work_municipality")
        .only("name", "organisation", "domain", "work_municipality__name", "event_id")
        .order_by("name", "pk")
    )
    counts = Counter(p.domain for p in people)
    return Attendance(
        total=len(people),
        by_domain=[(d.label, counts.get(d.value, 0)) for d in Domain],
        people=people,
    )


def actions_list(*, status: str = "", overdue: bool = False) -> QuerySet[FollowUpAction]:
    queryset = FollowUpAction.objects.select_related(
        "visit", "owner_coalition", "owner_organisation"
    ).order_by("due_date", "pk")
    if status in ActionStatus.values:
        queryset = queryset.filter(status=status)
    if overdue:
        queryset = queryset.overdue()
    return queryset


def actions_of_coalitions(coalition_ids) -> list[FollowUpAction]:
    """The follow-up actions the given coalitions own, open ones first."""
    actions = actions_list().filter(owner_coalition_id__in=list(coalition_ids))
    return sorted(actions, key=lambda a: (not a.is_open, a.due_date, a.pk))


def actions_updatable_by(user) -> QuerySet[FollowUpAction]:
    """Actions a user may update: all for the team, their coalitions' for a coordinator."""
    from ontmoetingen.accounts.permissions import is_project_team

    if not (user and user.is_authenticated and user.is_active):
        return FollowUpAction.objects.none()
    if is_project_team(user):
        return FollowUpAction.objects.all()
    return FollowUpAction.objects.filter(owner_coalition__coordinators=user)


# --- reach of one event, and who reached one coalition ------------------------------------


@dataclass
class EventReach:
    attended: int
    municipalities: list[tuple[str, int]]  # (name, attendees), most first
    domains: list[dict]
    map: object


def event_reach(event: Event) -> EventReach:
    """Where the people who came to one event work, and their domain mix (three queries)."""
    successors = successor_map()
    cells = (
        Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False
        )
        .order_by()
        .values_list("work_municipality_id", "domain")
        .annotate(n=Count("pk"))
    )
    by_code: Counter = Counter()
    by_domain: Counter = Counter()
    for code, domain, n in cells:
        by_domain[domain] += n
        if code:
            by_code[successors.get(code, code)] += n
    municipalities = list(
        Municipality.objects.filter(code__in=list(by_code)).only("code", "name", "shape")
    )
    total = sum(by_domain.values())
    return EventReach(
        attended=total,
        municipalities=sorted(
            ((m.name, by_code[m.code]) for m in municipalities), key=lambda x: (-x[1], x[0])
        ),
        domains=[
            {
                "label": d.label,
                "count": by_domain.get(d.value, 0),
                "share": percent(100 * by_domain.get(d.value, 0) / total if total else None),
            }
            for d in Domain
        ],
        map=country_map(highlight=municipalities),
    )


@dataclass
class ReachedBy:
    event: Event
    attendees: int


def coalition_reached_by(coalition: Coalition) -> list[ReachedBy]:
    """The meetings people from the coalition's municipalities came to (checked in), newest
    first; a registration naming a since-merged municipality counts for its successor."""
    codes = set(
        CoalitionMunicipality.objects.filter(coalition=coalition, active=True).values_list(
            "municipality_id", flat=True
        )
    )
    successors = successor_map()
    codes |= {old for old, new in successors.items() if new in codes}
    events = (
        Event.objects.filter(status=EventStatus.PUBLISHED)
        .annotate(
            came=Count(
                "registrations",
                filter=Q(
                    registrations__status=RegistrationStatus.CONFIRMED,
                    registrations__checked_in_at__isnull=False,
                    registrations__work_municipality_id__in=codes,
                ),
            )
        )
        .filter(came__gt=0)
        .only("id", "title", "slug", "starts_at", "kind")
        .order_by("-starts_at", "-pk")
    )
    return [ReachedBy(event=e, attendees=e.came) for e in events]


# --- recordings ---------------------------------------------------------------------------


def recordings_of_event(event: Event) -> list[Recording]:
    return list(
        Recording.objects.filter(event=event, resource__status="gepubliceerd")
        .select_related("resource")
        .order_by("kind", "pk")
    )


def recordings_of_resource(resource) -> list[Recording]:
    return list(
        Recording.objects.filter(resource=resource)
        .exclude(event__status=EventStatus.DRAFT)
        .select_related("event")
        .order_by("-event__starts_at")
    )
