"""Reads for the national monitor: the page's overview and the home page's small map.

The parts live by purpose: ``snapshot`` (where every municipality stands on a date),
``figures`` (counts and shares), ``series`` (the monthly time series) and ``exports``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from ontmoetingen.monitor.figures import (
    CoalitionFigures,
    RegionFigures,
    StatusCount,
    coalition_figures,
    region_figures,
    status_counts,
)
from ontmoetingen.monitor.series import SeriesPoint, series_of
from ontmoetingen.monitor.snapshot import Snapshot, build_snapshot, load_source, monitor_snapshot
from ontmoetingen.regions.selectors import VIEWBOX


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
    source = load_source(with_shapes=True, with_history=True)
    snapshot = build_snapshot(source, on=on, today=today)
    rows = snapshot.rows
    return Overview(
        snapshot=snapshot,
        statuses=status_counts(rows),
        coalitions=coalition_figures(rows),
        provinces=region_figures(rows, by="province"),
        ggd_regions=region_figures(rows, by="ggd"),
        series=series_of(source, until=snapshot.on, municipality_count=len(rows)),
    )


def home_map() -> dict:
    """Today's status per municipality with shapes, for the small map on the home page."""
    snapshot = monitor_snapshot(with_shapes=True)
    return {"rows": snapshot.rows, "statuses": status_counts(snapshot.rows), "viewbox": VIEWBOX}
