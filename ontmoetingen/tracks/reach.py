"""Reach of the meetings: where the people who came (checked in) and who registered work,
per municipality, coalition, organisation and domain, and the white spots.

A fixed number of queries whatever the number of registrations: registrations are counted in
the database per (work municipality, domain) and combined in Python with the monitor's snapshot
(342 municipalities). A registration that names a municipality that has since merged counts
for its successor; coalitions are taken as they stood on the last day of the period.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import Lower, Trim
from django.utils import timezone

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.exports import Column
from ontmoetingen.events.models import Event, EventStatus, Registration, RegistrationStatus
from ontmoetingen.monitor.figures import percent
from ontmoetingen.monitor.outreach import OutreachItem, outreach_list
from ontmoetingen.monitor.snapshot import MunicipalityRow, monitor_snapshot
from ontmoetingen.regions.models import Municipality

DEFAULT_PERIOD_DAYS = 365
# Shading steps of the map: (lowest count, css level); a municipality takes the highest it reaches.
LEVELS = ((0, 0), (1, 1), (3, 2), (6, 3), (11, 4))
LEVEL_LABELS = {0: "niemand", 1: "1–2", 2: "3–5", 3: "6–10", 4: "11 of meer"}  # noqa: RUF001
ATTENDED, REGISTERED = "aanwezig", "aangemeld"


@dataclass(frozen=True)
class ReachFilters:
    start: date
    end: date
    kind: str = ""
    domain: str = ""

    @classmethod
    def default(cls) -> ReachFilters:
        today = timezone.localdate()
        return cls(start=today - timedelta(days=DEFAULT_PERIOD_DAYS), end=today)


def level_of(count: int) -> int:
    level = 0
    for lowest, step in LEVELS:
        if count >= lowest:
            level = step
    return level


@dataclass
class ReachRow:
    municipality: MunicipalityRow
    attended: int = 0
    registered: int = 0
    by_domain: dict[str, int] = field(default_factory=dict)  # attendees per domain

    @property
    def code(self) -> str:
        return self.municipality.code

    @property
    def name(self) -> str:
        return self.municipality.name

    @property
    def coalition(self):
        return self.municipality.coalition


@dataclass
class DomainShare:
    value: str
    label: str
    count: int
    share: str


@dataclass
class Reach:
    filters: ReachFilters
    rows: list[ReachRow]
    events: int  # meetings held in the period (published, matching the filters)
    attended: int
    registered: int
    unknown_municipality: int  # attendees without a work municipality
    municipalities_reached: int
    coalitions_reached: int
    coalitions_total: int
    organisations_reached: int
    domains: list[DomainShare]
    white_spots: list[OutreachItem]

    @property
    def municipalities_total(self) -> int:
        return len(self.rows)

    @property
    def municipalities_percent(self) -> str:
        return percent(100 * self.municipalities_reached / len(self.rows) if self.rows else None)

    @property
    def coalitions_percent(self) -> str:
        total = self.coalitions_total
        return percent(100 * self.coalitions_reached / total if total else None)


def successor_map() -> dict[str, str]:
    """Code of every merged municipality → the active municipality that carries it on."""
    links = dict(
        Municipality.objects.filter(successor__isnull=False).values_list("code", "successor_id")
    )

    def follow(code: str) -> str:
        seen = set()
        while code in links and code not in seen:
            seen.add(code)
            code = links[code]
        return code

    return {code: follow(code) for code in links}


def registrations_in(filters: ReachFilters, *, with_kind_and_domain: bool = True):
    """Confirmed registrations for published events that started within the period."""
    events = _events_in_period(filters)
    if with_kind_and_domain and filters.kind:
        events = events.filter(kind=filters.kind)
    # event ids as a subquery: the period is a range on the (small) events table, so the
    # registrations are matched by key, not by a date computed per registration
    queryset = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED, event_id__in=events.values("pk")
    )
    if with_kind_and_domain and filters.domain:
        queryset = queryset.filter(domain=filters.domain)
    return queryset


def _events_in_period(filters: ReachFilters):
    """Published events that start on a day of the period (local time)."""
    first = timezone.make_aware(datetime.combine(filters.start, time.min))
    after = timezone.make_aware(datetime.combine(filters.end + timedelta(days=1), time.min))
    return Event.objects.filter(
        status=EventStatus.PUBLISHED, starts_at__gte=first, starts_at__lt=after
    )


def events_in(filters: ReachFilters):
    queryset = _events_in_period(filters)
    return queryset.filter(kind=filters.kind) if filters.kind else queryset


def _cells(filters: ReachFilters) -> list[tuple[str | None, str, int, int]]:
    """(work municipality, domain, registered, attended) counted in the database."""
    return list(
        registrations_in(filters)
        .order_by()
        .values_list("work_municipality_id", "domain")
        .annotate(
            registered=Count("pk"),
            attended=Count("pk", filter=Q(checked_in_at__isnull=False)),
        )
    )


def _organisations_reached(filters: ReachFilters) -> int:
    """Distinct organisations (by name, ignoring case and spaces) of the people who came."""
    return (
        registrations_in(filters)
        .filter(checked_in_at__isnull=False)
        .exclude(organisation="")
        .annotate(org=Lower(Trim("organisation")))
        .order_by()
        .values("org")
        .distinct()
        .count()
    )


def birth_care_attended_codes(filters: ReachFilters, successors: dict[str, str]) -> set[str]:
    """Municipalities from which someone in birth care came to any meeting in the period."""
    codes = (
        registrations_in(filters, with_kind_and_domain=False)
        .filter(domain=Domain.BIRTH_CARE, checked_in_at__isnull=False)
        .exclude(work_municipality__isnull=True)
        .order_by()
        .values_list("work_municipality_id", flat=True)
        .distinct()
    )
    return {successors.get(code, code) for code in codes}


def white_spots(filters: ReachFilters, successors: dict[str, str]) -> list[OutreachItem]:
    """Coalitions without birth care at the table (the outreach list, today) from whose
    municipalities nobody in birth care came in the period, with who serves them."""
    reached = birth_care_attended_codes(filters, successors)
    return [
        item for item in outreach_list() if not any(m.code in reached for m in item.municipalities)
    ]


def _domain_shares(totals: dict[str, int], attended: int) -> list[DomainShare]:
    return [
        DomainShare(
            value=d.value,
            label=d.label,
            count=totals.get(d.value, 0),
            share=percent(100 * totals.get(d.value, 0) / attended if attended else None),
        )
        for d in Domain
    ]


def reach_overview(filters: ReachFilters, *, with_shapes: bool = False) -> Reach:
    """Everything /monitor/bereik/ shows for a period, event kind and domain."""
    successors = successor_map()
    snapshot = monitor_snapshot(on=min(filters.end, timezone.localdate()), with_shapes=with_shapes)
    rows = {row.code: ReachRow(municipality=row) for row in snapshot.rows}
    domain_totals: dict[str, int] = defaultdict(int)
    unknown = 0
    for code, domain, registered, attended in _cells(filters):
        domain_totals[domain] += attended
        row = rows.get(successors.get(code, code)) if code else None
        if row is None:
            unknown += attended
            continue
        row.registered += registered
        row.attended += attended
        row.by_domain[domain] = row.by_domain.get(domain, 0) + attended
    reached_rows = [row for row in rows.values() if row.attended]
    counted = {c.id for c in snapshot.coalitions.values() if c.counted}
    reached_coalitions = {
        row.coalition.id for row in reached_rows if row.coalition and row.coalition.id in counted
    }
    attended_total = sum(domain_totals.values())
    return Reach(
        filters=filters,
        rows=list(rows.values()),
        events=events_in(filters).count(),
        attended=attended_total,
        registered=sum(row.registered for row in rows.values()),
        unknown_municipality=unknown,
        municipalities_reached=len(reached_rows),
        coalitions_reached=len(reached_coalitions),
        coalitions_total=len(counted),
        organisations_reached=_organisations_reached(filters),
        domains=_domain_shares(domain_totals, attended_total),
        white_spots=white_spots(filters, successors),
    )


REACH_TABLE = (
    Column("municipality_code", "CBS-code gemeente"),
    Column("municipality_name", "Gemeente"),
    Column("province", "Provincie"),
    Column("coalition_id", "Nummer coalitie"),
    Column("coalition_name", "Coalitie"),
    Column("attended", "Aanwezig"),
    Column("registered", "Aangemeld"),
    *(Column(f"attended_{d.value}", f"Aanwezig {d.label}") for d in Domain),
)
REACH_COLUMNS = tuple(column.code for column in REACH_TABLE)


def export_rows(reach: Reach) -> list[dict]:
    """One row per active municipality (by CBS code) with REACH_COLUMNS (see docs/reach.md)."""
    result = []
    for row in sorted(reach.rows, key=lambda r: r.code):
        coalition = row.coalition
        result.append(
            {
                "municipality_code": row.code,
                "municipality_name": row.name,
                "province": row.municipality.province,
                "coalition_id": coalition.id if coalition else "",
                "coalition_name": coalition.name if coalition else "",
                "attended": row.attended,
                "registered": row.registered,
                **{f"attended_{d.value}": row.by_domain.get(d.value, 0) for d in Domain},
            }
        )
    return result
