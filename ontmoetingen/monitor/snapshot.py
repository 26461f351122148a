"""Where every municipality stands on a date: the snapshot behind every monitor view.

A fixed number of queries whatever the number of municipalities, coalitions or status
changes: the data is fetched in a few flat queries and combined in Python (342 municipalities
and a few hundred coalitions fit easily in memory).

The status on a past date comes from the coalitions' status history; which municipalities belong
to which coalition is always today's membership (the history records statuses, not borders).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone

from ontmoetingen.coalitions import selectors as coalition_selectors
from ontmoetingen.coalitions.models import STATUS_EXPLANATION, CoalitionStatus, StatusChange
from ontmoetingen.core.domain import Domain
from ontmoetingen.regions.models import Municipality

# The lifecycle in order; "geen" is also the status of a municipality without a coalition.
STATUSES: tuple[str, ...] = tuple(CoalitionStatus.values)
NO_COALITION = CoalitionStatus.GEEN.value
# A coalition counts in the coalition figures once it is past "geen".
COUNTED_STATUSES = frozenset(STATUSES[1:])


def status_label(status: str) -> str:
    return CoalitionStatus(status).label


def status_legend() -> list[dict]:
    """Each status with its Dutch label and one-line public explanation, in lifecycle order."""
    return [
        {"value": s, "label": status_label(s), "explanation": STATUS_EXPLANATION.get(s, "")}
        for s in STATUSES
    ]


def as_date(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


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
class Source:
    municipalities: list[dict]
    coalition_by_code: dict[str, _Coalition]  # municipality code -> today's coalition
    history: dict[int, list[tuple[date, str]]] | None


def _coalitions_today() -> dict[str, _Coalition]:
    """Municipality code -> its current coalition (one query).

    "Current" is the coalitions area's rule (``coalitions.selectors.current_links``), read here
    as plain values: building ~300 model instances per request cost more than everything else
    on the page.
    """
    coalitions: dict[int, _Coalition] = {}
    result: dict[str, _Coalition] = {}
    links = coalition_selectors.current_links().values_list(
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
        history[coalition_id].append((as_date(changed_on), status))
    return history


def load_source(*, with_shapes: bool = False, with_history: bool = False) -> Source:
    return Source(
        municipalities=_municipalities(with_shapes=with_shapes),
        coalition_by_code=_coalitions_today(),
        history=_status_history() if with_history else None,
    )


def changes_of(coalition, history: dict[int, list[tuple[date, str]]]) -> list[tuple[date, str]]:
    """The coalition's status changes; a coalition without any recorded change counts with its
    current status from the day it has had it (or from its start)."""
    changes = history.get(coalition.pk)
    if changes:
        return changes
    since = as_date(coalition.status_since) or as_date(coalition.started_on)
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


def build_snapshot(source: Source, *, on: date, today: date) -> Snapshot:
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
            status, since = coalition.status, as_date(coalition.status_since)
            action_plan = bool(coalition.action_plan)
        else:
            status, since = status_on(changes_of(coalition, source.history or {}), on)
            if status is None:
                continue  # not started yet on that day: its municipalities had no coalition
            plan_date = as_date(coalition.action_plan_date)
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
    source = load_source(with_shapes=with_shapes, with_history=on < today)
    return build_snapshot(source, on=on, today=today)
