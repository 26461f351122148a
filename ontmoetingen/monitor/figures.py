"""The figures of the monitor: municipalities per status and coalition shares, nationally and
per province or GGD region, computed from a snapshot's rows (no queries)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ontmoetingen.coalitions.models import STATUS_EXPLANATION
from ontmoetingen.monitor.snapshot import STATUSES, MunicipalityRow, status_label

NO_SHARE = "\N{EN DASH}"


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def percent(share: float | None) -> str:
    """A share as a whole percentage ("24%", a dash without a base), rounded half up.

    Formatted here rather than with |floatformat: the region tables hold a few hundred shares
    and the template filter was a visible part of the page's time."""
    return NO_SHARE if share is None else f"{int(share + 0.5)}%"


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
