"""The status time series: municipalities per status at the end of every month."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from ontmoetingen.monitor.snapshot import NO_COALITION, STATUSES, Source, changes_of, load_source


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


def series_of(source: Source, *, until: date, municipality_count: int) -> list[SeriesPoint]:
    history = source.history or {}
    weights: dict[int, int] = defaultdict(int)  # coalition -> its active municipalities
    coalitions = {}
    codes = {m["code"] for m in source.municipalities}
    for code, coalition in source.coalition_by_code.items():
        if code in codes:
            weights[coalition.pk] += 1
            coalitions[coalition.pk] = coalition
    changes = {pk: changes_of(c, history) for pk, c in coalitions.items()}
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
    source = load_source(with_history=True)
    return series_of(source, until=until, municipality_count=len(source.municipalities))
