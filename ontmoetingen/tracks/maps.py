"""SVG markup for the reach map and the regiotour map, built in Python like the monitor's
status map (hundreds of shapes with a name each); every value is escaped."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ontmoetingen.tracks.reach import ATTENDED, LEVEL_LABELS, ReachRow, level_of

# The same steps as .reach-<level> in tracks.css, as SVG attributes: the PDF renderer does not
# apply the page's CSS inside an SVG, and an attribute needs no inline style under the CSP.
LEVEL_FILLS = {0: "#ffffff", 1: "#b3d3e4", 2: "#6fa6c6", 3: "#2f76a0", 4: "#0b4f6c"}
OUTLINE = 'stroke="#3d464d" stroke-width="0.6"'


def reach_picture_shapes(rows: list[ReachRow]) -> SafeString:
    """The reach map as a picture (no links), coloured by attributes (for print and PDF)."""
    return mark_safe(
        "".join(
            f'<path fill="{LEVEL_FILLS[level_of(row.attended)]}" {OUTLINE} '
            f'd="{escape(row.municipality.shape)}"/>'
            for row in rows
        )
    )


def reach_map_shapes(rows: list[ReachRow], *, layer: str = ATTENDED) -> SafeString:
    """One shape per municipality, shaded by its level of attendees (or registrations), each a
    link named "<name>: <n> aanwezig"."""
    parts = []
    for row in rows:
        count = row.attended if layer == ATTENDED else row.registered
        label = escape(f"{row.name}: {count} {layer}")
        parts.append(
            f'<a href="{escape(row.municipality.url)}" aria-label="{label}">'
            f'<path class="reach-{level_of(count)}" d="{escape(row.municipality.shape)}">'
            f"<title>{label}</title></path></a>"
        )
    return mark_safe("".join(parts))


def plain_shapes(shapes: list[tuple[str, str]]) -> SafeString:
    """(css class, path data) pairs as plain shapes (for a picture with role="img")."""
    return mark_safe("".join(f'<path class="{escape(css)}" d="{escape(d)}"/>' for css, d in shapes))


def reach_legend(rows, layer: str) -> list[dict]:
    counts: dict[int, int] = {}
    for row in rows:
        count = row.attended if layer == ATTENDED else row.registered
        level = level_of(count)
        counts[level] = counts.get(level, 0) + 1
    return [
        {"level": level, "label": label, "count": counts.get(level, 0), "fill": LEVEL_FILLS[level]}
        for level, label in LEVEL_LABELS.items()
    ]
