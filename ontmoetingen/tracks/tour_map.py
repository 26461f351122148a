"""The regiotour on a map: each visit's region shaded by its status, with its number."""

from __future__ import annotations

from dataclasses import dataclass

from ontmoetingen.regions.geometry import VIEWBOX
from ontmoetingen.regions.models import Province
from ontmoetingen.tracks.maps import plain_shapes


@dataclass
class Marker:
    number: int
    x: int
    y: int
    status: str


@dataclass
class TourMap:
    viewbox: str
    background: object
    regions: object
    markers: list[Marker]


def _visit_shapes(visit) -> tuple[list[str], tuple[int, int] | None]:
    """The visit's region as path data, and where its number goes."""
    if visit.region_kind == "provincie" and visit.province:
        region = visit.province
        return [region.shape], (region.label_x, region.label_y)
    if visit.region_kind == "ggd" and visit.ggd_region:
        region = visit.ggd_region
        return [region.shape], (region.label_x, region.label_y)
    municipalities = list(visit.municipalities.all())
    if not municipalities:
        return [], None
    first = municipalities[0]
    return [m.shape for m in municipalities], (first.label_x, first.label_y)


def tour_map(visits) -> TourMap:
    """Provinces as background, every visit's region on top (class by status) and a numbered
    marker per visit (``visit.number`` set by the caller)."""
    provinces = Province.objects.filter(active=True).only("shape")
    background = plain_shapes([("map__province", p.shape) for p in provinces])
    shapes, markers = [], []
    for visit in visits:
        paths, point = _visit_shapes(visit)
        shapes.extend((f"tour-region tour-region--{visit.status}", d) for d in paths)
        if point:
            markers.append(Marker(getattr(visit, "number", 0), *point, visit.status))
    return TourMap(
        viewbox=VIEWBOX, background=background, regions=plain_shapes(shapes), markers=markers
    )
