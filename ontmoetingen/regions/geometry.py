"""TopoJSON → SVG path data, computed once when the reference data is loaded.

The shipped files share one quantisation (lon/lat scaled to integers). Pages draw maps from the
path strings stored on each region, so no request decodes geometry. The projection is a plain
equirectangular one with the longitude squeezed by cos(52°): good enough for a country as small
as the Netherlands at this simplification (about 100 m).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

# Longitude squeeze for a mid-latitude of 52.15°; latitude kept at the quantisation step.
LON_FACTOR = math.cos(math.radians(52.15))
VIEW_WIDTH = 2370
VIEW_HEIGHT = 2805
VIEWBOX = f"0 0 {VIEW_WIDTH} {VIEW_HEIGHT}"


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    path: str
    bbox: tuple[int, int, int, int]  # min_x, min_y, max_x, max_y in SVG units
    label_x: int
    label_y: int


def _decode_arcs(topology: dict) -> list[list[tuple[int, int]]]:
    """Delta-decoded arcs in quantised coordinates."""
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x, y))
        arcs.append(points)
    return arcs


def _project(point: tuple[int, int], scale_y: float) -> tuple[int, int]:
    qx, qy = point
    # quantised y grows northwards; SVG y grows downwards.
    return round(qx * LON_FACTOR), round(VIEW_HEIGHT - qy * scale_y * 1000)


def _ring_points(ring: list[int], arcs: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    points: list[tuple[int, int]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        # consecutive arcs share their joining point
        points.extend(arc if not points else arc[1:])
    return points


def _ring_path(points: list[tuple[int, int]]) -> str:
    """A closed ring as compact relative path data ("M x y l dx dy … z")."""
    parts = []
    last = None
    for x, y in points:
        if last is None:
            parts.append(f"M{x} {y}l")
        elif (x, y) != last:
            parts.append(f"{x - last[0]} {y - last[1]}")
        last = (x, y)
    return " ".join(parts) + "z"


def _polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _ring_area(points: list[tuple[int, int]]) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
            )
        )
        / 2
    )


def shapes_from_topojson(path: Path) -> dict[str, Shape]:
    """All features of the (single) object in a TopoJSON file, keyed by statcode."""
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    scale_y = topology["transform"]["scale"][1]
    arcs = [[_project(p, scale_y) for p in arc] for arc in _decode_arcs(topology)]
    (geometries,) = [obj["geometries"] for obj in topology["objects"].values()]
    shapes = {}
    for geometry in geometries:
        props = geometry.get("properties", {})
        code = props.get("statcode") or geometry.get("id")
        rings = [_ring_points(ring, arcs) for polygon in _polygons(geometry) for ring in polygon]
        rings = [ring for ring in rings if len(ring) > 2]
        if not rings:
            continue
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        # label at the centre of the bounding box of the largest ring
        largest = max(rings, key=_ring_area)
        lx = [x for x, _ in largest]
        ly = [y for _, y in largest]
        shapes[code] = Shape(
            code=code,
            name=props.get("statnaam", code),
            path="".join(_ring_path(ring) for ring in rings),
            bbox=(min(xs), min(ys), max(xs), max(ys)),
            label_x=(min(lx) + max(lx)) // 2,
            label_y=(min(ly) + max(ly)) // 2,
        )
    return shapes


def _arc_indices(geometry: dict) -> set[int]:
    """The arcs a feature's rings run along (a reversed arc ``~i`` is arc ``i``)."""
    return {
        index if index >= 0 else ~index
        for polygon in _polygons(geometry)
        for ring in polygon
        for index in ring
    }


def shared_borders(path: Path) -> dict[str, set[str]]:
    """Features that share a border, keyed by statcode.

    In a topology two neighbours draw their common border with the same arc, so features that
    use one arc index touch along a line; a bounding box would also catch places across a lake
    or a corner away.
    """
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    (geometries,) = [obj["geometries"] for obj in topology["objects"].values()]
    users: dict[int, set[str]] = {}
    for geometry in geometries:
        code = geometry.get("properties", {}).get("statcode") or geometry.get("id")
        for index in _arc_indices(geometry):
            users.setdefault(index, set()).add(code)
    neighbours: dict[str, set[str]] = {}
    for codes in users.values():
        for code in codes:
            neighbours.setdefault(code, set()).update(codes - {code})
    return neighbours
