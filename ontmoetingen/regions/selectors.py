"""Reads for municipalities, provinces and GGD regions, and the data behind their maps."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from itertools import groupby

from ontmoetingen.regions.geometry import VIEWBOX  # also for pages that draw their own map
from ontmoetingen.regions.models import GgdRegion, Municipality, Province

ZOOM_MARGIN = 60  # SVG units (~5 km) around a municipality on its detail map


def normalise(text: str) -> str:
    """Lower case without accents, so "sudwest" finds "Súdwest-Fryslân"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


# names people use that are not the official CBS name (keys as ``search_key`` makes them)
NAME_ALIASES = {
    "gravenhage": ["den haag", "the hague"],
    "hertogenbosch": ["den bosch"],
    "bergen nh": ["bergen noord holland", "bergen n h"],
    "bergen l": ["bergen limburg"],
}


def search_key(text: str) -> str:
    """A name as people type and sort it: no accents, no case, no leading "'s-", dots dropped
    and other punctuation as spaces ("'s-Gravenhage" → "gravenhage", "Bergen (NH.)" →
    "bergen nh")."""
    key = normalise(text).replace("\u2019", "'")
    for prefix in ("'s-", "'s ", "s-"):
        if key.startswith(prefix):
            key = key[len(prefix) :]
            break
    key = key.replace(".", "")
    key = "".join(c if c.isalnum() else " " for c in key)
    return " ".join(key.split())


def name_matches(name: str, code: str, needle: str) -> bool:
    """Whether a municipality is what someone typed; ``needle`` is ``search_key(text)``."""
    key = search_key(name)
    names = [key, *NAME_ALIASES.get(key, [])]
    return any(needle in n for n in names) or needle == code.casefold()


def _matches(municipality: Municipality, needle: str) -> bool:
    return name_matches(municipality.name, municipality.code, needle)


def sort_key(name: str) -> str:
    """Sort municipalities the way people look for them: "'s-Gravenhage" under G."""
    return search_key(name)


def municipalities_search(*, text: str = "", include_inactive: bool = False) -> list[Municipality]:
    """Active municipalities whose name contains ``text`` (case and accent insensitive).

    The whole set is 342 rows, so matching happens in Python after one query; that keeps the
    accent rules the same on SQLite and PostgreSQL.
    """
    queryset = Municipality.objects.with_regions().defer(
        "shape", "province__shape", "ggd_region__shape"
    )
    if not include_inactive:
        queryset = queryset.active()
    municipalities = sorted(
        queryset, key=lambda m: (m.province.name if m.province else "", sort_key(m.name))
    )
    needle = search_key(text)
    if needle:
        municipalities = [m for m in municipalities if _matches(m, needle)]
    return municipalities


def municipalities_by_province(*, text: str = "") -> list[tuple[Province, list[Municipality]]]:
    municipalities = municipalities_search(text=text)
    return [
        (province, list(items))
        for province, items in groupby(municipalities, key=lambda m: m.province)
    ]


def municipality_get(code: str) -> Municipality:
    return Municipality.objects.with_regions().select_related("successor").get(code=code.upper())


def municipality_names() -> dict[str, str]:
    """CBS code -> name of every municipality, former ones included."""
    return dict(Municipality.objects.values_list("code", "name"))


def municipality_choices() -> list[tuple[str, str]]:
    """(CBS code, name) of every active municipality, for select fields."""
    return sorted(
        Municipality.objects.active().values_list("code", "name"),
        key=lambda choice: sort_key(choice[1]),
    )


def municipalities_for_picker():
    """Active municipalities by province, then name: the choices of a municipality picker
    (core.widgets.GroupedCheckboxes grouped by ``province_name``)."""
    return (
        Municipality.objects.active()
        .select_related("province")
        .only("code", "name", "province__code", "province__name")
        .order_by("province__name", "name")
    )


def province_name(municipality: Municipality) -> str:
    return municipality.province.name


def provinces_active():
    return Province.objects.filter(active=True).order_by("name")


def ggd_regions_active():
    return GgdRegion.objects.filter(active=True).order_by("name")


@dataclass
class MapData:
    viewbox: str
    background: list  # regions drawn as context (not links)
    highlight: list  # regions drawn highlighted
    neighbours: list = field(default_factory=list)  # municipalities sharing a border


def country_map(*, highlight: list[Municipality] = ()) -> MapData:
    """The Netherlands by province with the given municipalities highlighted."""
    provinces = list(Province.objects.filter(active=True).only("code", "name", "shape"))
    return MapData(viewbox=VIEWBOX, background=provinces, highlight=list(highlight))


def zoom_map(municipality: Municipality) -> MapData:
    """A municipality and the municipalities that share a border with it (``neighbours``), on a
    square cut of the national map that shows them whole; what else falls in the square is
    drawn as context."""
    neighbours = list(
        municipality.neighbours.filter(active=True)
        .only("code", "name", "shape", "label_x", "label_y", "min_x", "min_y", "max_x", "max_y")
        .order_by("name")
    )
    around = [municipality, *neighbours]
    min_x = min(m.min_x for m in around) - ZOOM_MARGIN
    min_y = min(m.min_y for m in around) - ZOOM_MARGIN
    max_x = max(m.max_x for m in around) + ZOOM_MARGIN
    max_y = max(m.max_y for m in around) + ZOOM_MARGIN
    background = list(
        Municipality.objects.active()
        .in_box(min_x, min_y, max_x, max_y)
        .exclude(code=municipality.code)
        .only("code", "name", "shape", "label_x", "label_y")
    )
    side = max(max_x - min_x, max_y - min_y)
    # square viewbox centred on the municipality and its neighbours
    cx, cy = (min_x + max_x) // 2, (min_y + max_y) // 2
    viewbox = f"{cx - side // 2} {cy - side // 2} {side} {side}"
    return MapData(
        viewbox=viewbox, background=background, highlight=[municipality], neighbours=neighbours
    )


# --- places for the demo data (directory and coalitions seed around the same points) --------

SMALL_DEMO_PROVINCES = ("PV24", "PV26", "PV29")  # Flevoland, Utrecht, Zeeland


@dataclass
class Place:
    code: str
    name: str
    province: str
    ggd: str
    ggd_name: str
    x: int
    y: int


def demo_places(scale: str) -> list[Place]:
    """The municipalities the demo covers, with a point to measure distances by."""
    queryset = Municipality.objects.active().select_related("ggd_region").order_by("code")
    if scale == "small":
        queryset = queryset.filter(province_id__in=SMALL_DEMO_PROVINCES)
    return [
        Place(
            m.code, m.name, m.province_id, m.ggd_region_id, m.ggd_region.name, m.label_x, m.label_y
        )
        for m in queryset.only(
            "code", "name", "province_id", "ggd_region_id", "ggd_region__name", "label_x", "label_y"
        )
    ]


def nearest(place: Place, places: list[Place], count: int, *, same_province=False) -> list[Place]:
    """The ``count`` places closest to ``place`` (itself excluded)."""
    candidates = [
        p
        for p in places
        if p.code != place.code and (not same_province or p.province == place.province)
    ]
    candidates.sort(key=lambda p: math.hypot(p.x - place.x, p.y - place.y))
    return candidates[:count]
