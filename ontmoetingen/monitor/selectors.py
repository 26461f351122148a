"""Reads for the national monitor: where every municipality stands on a date, the figures
nationally, per province and per GGD region, the status time series, the export rows and the
outreach list.

Every function here runs a fixed number of queries whatever the number of municipalities,
coalitions, status changes or organisations: the data is fetched in a few flat queries and
combined in Python (342 municipalities and a few hundred coalitions fit easily in memory).

The status on a past date comes from the coalitions' status history; which municipalities belong
to which coalition is always today's membership (the history records statuses, not borders).
"""

from __future__ import annotations

import bisect
import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone

from ontmoetingen.coalitions import selectors as coalition_selectors
from ontmoetingen.coalitions.models import (
    STATUS_EXPLANATION,
    CoalitionMunicipality,
    CoalitionStatus,
    StatusChange,
)
from ontmoetingen.core.domain import Domain
from ontmoetingen.regions.geometry import VIEWBOX
from ontmoetingen.regions.models import Municipality

# The lifecycle in order; "geen" is also the status of a municipality without a coalition.
STATUSES: tuple[str, ...] = tuple(CoalitionStatus.values)
NO_COALITION = CoalitionStatus.GEEN.value
# A coalition counts in the coalition figures once it is past "geen".
COUNTED_STATUSES = frozenset(STATUSES[1:])

EXPORT_COLUMNS = (
    "municipality_code",
    "municipality_name",
    "province",
    "ggd_region",
    "coalition_id",
    "coalition_name",
    "status",
    "birth_care_at_table",
    "youth_health_at_table",
    "social_at_table",
    "action_plan",
    "status_since",
)


def status_label(status: str) -> str:
    return CoalitionStatus(status).label


def status_legend() -> list[dict]:
    """Each status with its Dutch label and one-line public explanation, in lifecycle order."""
    return [
        {"value": s, "label": status_label(s), "explanation": STATUS_EXPLANATION.get(s, "")}
        for s in STATUSES
    ]


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


NO_SHARE = "\N{EN DASH}"


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def percent(share: float | None) -> str:
    """A share as a whole percentage ("24%", a dash without a base), rounded half up.

    Formatted here rather than with |floatformat: the region tables hold a few hundred shares
    and the template filter was a visible part of the page's time."""
    return NO_SHARE if share is None else f"{int(share + 0.5)}%"


# --- the data behind every view ------------------------------------------------------------


@dataclass(frozen=True)
class CoalitionFacts:
    """A coalition as it stood on the snapshot date."""

    id: int
    name: str
    status: str
    status_since: date | None
    action_plan: bool
    domains: frozenset[str]

    @property
    def url(self) -> str:
        return f"/coalities/{self.id}/"

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def birth_care(self) -> bool:
        return Domain.BIRTH_CARE in self.domains

    @property
    def youth_health(self) -> bool:
        return Domain.YOUTH_HEALTH in self.domains

    @property
    def social(self) -> bool:
        return Domain.SOCIAL in self.domains

    @property
    def domain_labels(self) -> list[str]:
        """The domains at the table as Dutch words, in a fixed order."""
        return [d.label for d in Domain if d in self.domains]

    @property
    def counted(self) -> bool:
        return self.status in COUNTED_STATUSES


@dataclass
class MunicipalityRow:
    code: str
    name: str
    province_code: str
    province: str
    ggd_code: str
    ggd_region: str
    url: str
    coalition: CoalitionFacts | None = None
    shape: str = ""

    @property
    def status(self) -> str:
        return self.coalition.status if self.coalition else NO_COALITION

    @property
    def status_label(self) -> str:
        return status_label(self.status)


@dataclass
class Snapshot:
    on: date
    is_today: bool
    rows: list[MunicipalityRow]  # every active municipality, by name
    coalitions: dict[int, CoalitionFacts]


@dataclass(frozen=True)
class _Coalition:
    """The columns of a coalition the monitor needs (plain values, no model instance)."""

    pk: int
    name: str
    status: str
    status_since: date | None
    action_plan: bool
    action_plan_date: date | None
    started_on: date | None


@dataclass
class _Source:
    municipalities: list[dict]
    coalition_by_code: dict[str, _Coalition]  # municipality code -> today's coalition
    history: dict[int, list[tuple[date, str]]] | None


def _memberships() -> dict[str, _Coalition]:
    """Municipality code -> the active coalition it belongs to today (one query).

    The same rule as ``coalitions.selectors.municipality_coalitions`` (active link, active
    coalition), read as plain values: building ~300 model instances per request cost more
    than everything else on the page.
    """
    coalitions: dict[int, _Coalition] = {}
    result: dict[str, _Coalition] = {}
    links = CoalitionMunicipality.objects.filter(active=True, coalition__active=True).values_list(
        "municipality_id",
        "coalition_id",
        "coalition__name",
        "coalition__status",
        "coalition__status_since",
        "coalition__action_plan",
        "coalition__action_plan_date",
        "coalition__started_on",
    )
    for code, pk, *values in links:
        if pk not in coalitions:
            coalitions[pk] = _Coalition(pk, *values)
        result[code] = coalitions[pk]
    return result


def _municipalities(*, with_shapes: bool) -> list[dict]:
    fields = [
        "code",
        "name",
        "province_id",
        "province__name",
        "ggd_region_id",
        "ggd_region__name",
    ]
    if with_shapes:
        fields.append("shape")
    return list(Municipality.objects.active().order_by("name", "code").values(*fields))


def _status_history() -> dict[int, list[tuple[date, str]]]:
    """Every recorded status change per coalition, oldest first (one query)."""
    history: dict[int, list[tuple[date, str]]] = defaultdict(list)
    changes = StatusChange.objects.order_by("changed_on", "id").values_list(
        "coalition_id", "status", "changed_on"
    )
    for coalition_id, status, changed_on in changes:
        history[coalition_id].append((_as_date(changed_on), status))
    return history


def _load(*, with_shapes: bool = False, with_history: bool = False) -> _Source:
    return _Source(
        municipalities=_municipalities(with_shapes=with_shapes),
        coalition_by_code=_memberships(),
        history=_status_history() if with_history else None,
    )


def _changes_of(coalition, history: dict[int, list[tuple[date, str]]]) -> list[tuple[date, str]]:
    """The coalition's status changes; a coalition without any recorded change counts with its
    current status from the day it has had it (or from its start)."""
    changes = history.get(coalition.pk)
    if changes:
        return changes
    since = _as_date(coalition.status_since) or _as_date(coalition.started_on)
    return [(since or date.min, coalition.status)]


def status_on(changes: list[tuple[date, str]], on: date) -> tuple[str | None, date | None]:
    """The status in force on ``on`` and the day it began, from changes sorted by date.

    Before its first recorded change a coalition did not exist yet: (None, None). A change that
    repeats the status (a note, a confirmation) does not reset the "since" date.
    """
    dates = [changed_on for changed_on, _ in changes]
    index = bisect.bisect_right(dates, on) - 1
    if index < 0:
        return None, None
    status = changes[index][1]
    while index > 0 and changes[index - 1][1] == status:
        index -= 1
    return status, changes[index][0]


def _snapshot(source: _Source, *, on: date, today: date) -> Snapshot:
    is_today = on >= today
    coalitions = {c.pk: c for c in source.coalition_by_code.values()}
    domains = (
        coalition_selectors.coalition_domains_at_table(
            coalition_ids=list(coalitions), on=None if is_today else on
        )
        if coalitions
        else {}
    )
    facts: dict[int, CoalitionFacts] = {}
    for pk, coalition in coalitions.items():
        if is_today:
            status, since = coalition.status, _as_date(coalition.status_since)
            action_plan = bool(coalition.action_plan)
        else:
            status, since = status_on(_changes_of(coalition, source.history or {}), on)
            if status is None:
                continue  # not started yet on that day: its municipalities had no coalition
            plan_date = _as_date(coalition.action_plan_date)
            action_plan = bool(coalition.action_plan) and (plan_date is None or plan_date <= on)
        facts[pk] = CoalitionFacts(
            id=pk,
            name=coalition.name,
            status=status,
            status_since=since,
            action_plan=action_plan,
            domains=frozenset(domains.get(pk, ())),
        )
    url_template = reverse("regions:detail", args=["CODE"])
    rows = []
    for m in source.municipalities:
        coalition = source.coalition_by_code.get(m["code"])
        rows.append(
            MunicipalityRow(
                code=m["code"],
                name=m["name"],
                province_code=m["province_id"],
                province=m["province__name"],
                ggd_code=m["ggd_region_id"],
                ggd_region=m["ggd_region__name"],
                url=url_template.replace("CODE", m["code"]),
                coalition=facts.get(coalition.pk) if coalition is not None else None,
                shape=m.get("shape", ""),
            )
        )
    return Snapshot(on=min(on, today), is_today=is_today, rows=rows, coalitions=facts)


def monitor_snapshot(*, on: date | None = None, with_shapes: bool = False) -> Snapshot:
    """Every active municipality with its coalition as it stood on ``on`` (default: today)."""
    today = timezone.localdate()
    on = on or today
    source = _load(with_shapes=with_shapes, with_history=on < today)
    return _snapshot(source, on=on, today=today)


# --- figures -------------------------------------------------------------------------------


@dataclass
class StatusCount:
    value: str
    label: str
    explanation: str
    count: int
    share: float | None


def status_counts(rows: list[MunicipalityRow]) -> list[StatusCount]:
    """Municipalities per status, with their share of all municipalities given."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row.status] += 1
    return [
        StatusCount(
            value=s,
            label=status_label(s),
            explanation=STATUS_EXPLANATION.get(s, ""),
            count=counts[s],
            share=_share(counts[s], len(rows)),
        )
        for s in STATUSES
    ]


@dataclass
class CoalitionFigures:
    coalitions: int  # coalitions past "geen" that cover at least one of the municipalities
    birth_care: int
    action_plan: int
    youth_health: int
    social: int

    @property
    def birth_care_share(self) -> float | None:
        return _share(self.birth_care, self.coalitions)

    @property
    def action_plan_share(self) -> float | None:
        return _share(self.action_plan, self.coalitions)

    @property
    def birth_care_percent(self) -> str:
        return percent(self.birth_care_share)

    @property
    def action_plan_percent(self) -> str:
        return percent(self.action_plan_share)


def coalition_figures(rows: list[MunicipalityRow]) -> CoalitionFigures:
    """Coalition figures over the coalitions that cover any of ``rows`` (each counted once)."""
    seen = {row.coalition.id: row.coalition for row in rows if row.coalition}
    counted = [c for c in seen.values() if c.counted]
    return CoalitionFigures(
        coalitions=len(counted),
        birth_care=sum(c.birth_care for c in counted),
        action_plan=sum(c.action_plan for c in counted),
        youth_health=sum(c.youth_health for c in counted),
        social=sum(c.social for c in counted),
    )


@dataclass
class RegionFigures:
    code: str
    name: str
    municipalities: int
    counts: list[int]  # municipalities per status, in STATUSES order
    coalitions: CoalitionFigures = field(repr=False, default=None)

    @property
    def cells(self) -> list[dict]:
        """Municipalities per status with their share of the region's municipalities."""
        return [
            {"status": s, "count": n, "share": percent(_share(n, self.municipalities))}
            for s, n in zip(STATUSES, self.counts, strict=True)
        ]


def region_figures(rows: list[MunicipalityRow], *, by: str) -> list[RegionFigures]:
    """The figures per province (``by="province"``) or per GGD region (``by="ggd"``)."""
    code_attr, name_attr = (
        ("province_code", "province") if by == "province" else ("ggd_code", "ggd_region")
    )
    groups: dict[str, list[MunicipalityRow]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in rows:
        code = getattr(row, code_attr)
        groups[code].append(row)
        names[code] = getattr(row, name_attr)
    figures = []
    for code, members in groups.items():
        counts = {c.value: c.count for c in status_counts(members)}
        figures.append(
            RegionFigures(
                code=code,
                name=names[code],
                municipalities=len(members),
                counts=[counts[s] for s in STATUSES],
                coalitions=coalition_figures(members),
            )
        )
    return sorted(figures, key=lambda f: f.name)


# --- time series ---------------------------------------------------------------------------


@dataclass
class SeriesPoint:
    month: date  # first day of the month
    on: date  # the day the counts are taken (end of month, or the as-of date)
    counts: dict[str, int]

    @property
    def values(self) -> list[int]:
        return [self.counts[s] for s in STATUSES]


def _month_starts(first: date, last: date) -> list[date]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _series(source: _Source, *, until: date, municipality_count: int) -> list[SeriesPoint]:
    history = source.history or {}
    weights: dict[int, int] = defaultdict(int)  # coalition -> its active municipalities
    coalitions = {}
    codes = {m["code"] for m in source.municipalities}
    for code, coalition in source.coalition_by_code.items():
        if code in codes:
            weights[coalition.pk] += 1
            coalitions[coalition.pk] = coalition
    changes = {pk: _changes_of(c, history) for pk, c in coalitions.items()}
    # every change in date order (a stable sort keeps same-day changes in recorded order)
    events = sorted(
        ((changed_on, pk, status) for pk, items in changes.items() for changed_on, status in items),
        key=lambda event: event[0],
    )
    firsts = [changed_on for changed_on, _, _ in events if changed_on != date.min]
    if not firsts or firsts[0] > until:
        return []
    counts = dict.fromkeys(STATUSES, 0)
    counts[NO_COALITION] = municipality_count
    current: dict[int, str] = {}
    points = []
    index = 0
    for month in _month_starts(firsts[0], until):
        end = date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
        on = min(end, until)
        while index < len(events) and events[index][0] <= on:
            _, pk, status = events[index]
            counts[current.get(pk, NO_COALITION)] -= weights[pk]
            counts[status] += weights[pk]
            current[pk] = status
            index += 1
        points.append(SeriesPoint(month=month, on=on, counts=dict(counts)))
    return points


def status_time_series(*, until: date | None = None) -> list[SeriesPoint]:
    """Municipalities per status at the end of every month, from the month of the first
    recorded status change up to ``until`` (default: today)."""
    until = until or timezone.localdate()
    source = _load(with_history=True)
    return _series(source, until=until, municipality_count=len(source.municipalities))


# --- the monitor page ----------------------------------------------------------------------


@dataclass
class Overview:
    snapshot: Snapshot
    statuses: list[StatusCount]
    coalitions: CoalitionFigures
    provinces: list[RegionFigures]
    ggd_regions: list[RegionFigures]
    series: list[SeriesPoint]


def monitor_overview(*, on: date | None = None) -> Overview:
    """Everything /monitor/ shows for a date: map rows, figures, regions and the time series."""
    today = timezone.localdate()
    on = on or today
    source = _load(with_shapes=True, with_history=True)
    snapshot = _snapshot(source, on=on, today=today)
    rows = snapshot.rows
    return Overview(
        snapshot=snapshot,
        statuses=status_counts(rows),
        coalitions=coalition_figures(rows),
        provinces=region_figures(rows, by="province"),
        ggd_regions=region_figures(rows, by="ggd"),
        series=_series(source, until=snapshot.on, municipality_count=len(rows)),
    )


def home_map() -> dict:
    """Today's status per municipality with shapes, for the small map on the home page."""
    snapshot = monitor_snapshot(with_shapes=True)
    return {"rows": snapshot.rows, "statuses": status_counts(snapshot.rows), "viewbox": VIEWBOX}


# --- exports -------------------------------------------------------------------------------


def _bool(value: bool) -> str:
    return "true" if value else "false"


def export_rows(snapshot: Snapshot) -> list[dict]:
    """One row per active municipality (by CBS code) with EXPORT_COLUMNS.

    Without a coalition the coalition fields and the since-date are empty, the status is "geen"
    and nobody is at the table (false).
    """
    rows = []
    for row in sorted(snapshot.rows, key=lambda r: r.code):
        coalition = row.coalition
        rows.append(
            {
                "municipality_code": row.code,
                "municipality_name": row.name,
                "province": row.province,
                "ggd_region": row.ggd_region,
                "coalition_id": coalition.id if coalition else "",
                "coalition_name": coalition.name if coalition else "",
                "status": row.status,
                "birth_care_at_table": _bool(coalition and coalition.birth_care),
                "youth_health_at_table": _bool(coalition and coalition.youth_health),
                "social_at_table": _bool(coalition and coalition.social),
                "action_plan": _bool(coalition and coalition.action_plan),
                "status_since": coalition.status_since
                if coalition and coalition.status_since
                else "",
            }
        )
    return rows
