"""Loading the reference data (municipalities, provinces, GGD regions and their map shapes)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.db import transaction

from ontmoetingen.regions.geometry import Shape, shapes_from_topojson, shared_borders
from ontmoetingen.regions.models import GgdRegion, Municipality, Province, RegionChange
from ontmoetingen.regions.signals import municipalities_merged

DATA_DIR = Path(__file__).resolve().parent / "data"
CURRENT_RELEASE = DATA_DIR / "2026"


@dataclass
class LoadReport:
    year: int
    added: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return (
            f"Indeling {self.year}: {len(self.added)} toegevoegd, {len(self.renamed)} nieuwe naam, "
            f"{len(self.moved)} verplaatst, {len(self.retired)} opgeheven, {self.unchanged} ongewijzigd."
        )


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _shape_fields(shape: Shape | None) -> dict:
    if shape is None:
        return {}
    return {
        "shape": shape.path,
        "min_x": shape.bbox[0],
        "min_y": shape.bbox[1],
        "max_x": shape.bbox[2],
        "max_y": shape.bbox[3],
        "label_x": shape.label_x,
        "label_y": shape.label_y,
    }


def _load_shapes(release_dir: Path, name: str | None) -> dict[str, Shape]:
    return _cached_shapes(release_dir / name) if name else {}


@lru_cache(maxsize=8)
def _cached_shapes(path: Path) -> dict[str, Shape]:
    # read-only derived data from a shipped file; parsing it once per process saves test time
    return shapes_from_topojson(path)


def _upsert_areas(model, rows, shapes, extra=lambda row: {}):
    for row in rows:
        model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "active": True,
                **_shape_fields(shapes.get(row["code"])),
                **extra(row),
            },
        )


@transaction.atomic
def regions_load(*, release_dir: Path = CURRENT_RELEASE) -> LoadReport:
    """Load one year's classification, idempotently.

    New codes are added; a known code with another name is renamed; a known municipality that
    is missing from the file is retired (kept, inactive) and, when ``changes.csv`` names it,
    linked to its successor. Other areas carry their references over to the successor when
    ``municipalities_merged`` is sent (coalitions, organisations' working areas).
    """
    release = json.loads((release_dir / "release.json").read_text(encoding="utf-8"))
    year = int(release["year"])
    report = LoadReport(year=year)

    _upsert_areas(
        Province,
        _read_csv(release_dir / release["provinces"]),
        _load_shapes(release_dir, release.get("province_shapes")),
    )
    ggd_rows = _read_csv(release_dir / release["ggd_regions"])
    _upsert_areas(
        GgdRegion,
        ggd_rows,
        _load_shapes(release_dir, release.get("ggd_shapes")),
        extra=lambda row: {
            "province_id": row["province_codes"].split(";")[0].split(",")[0] or None
        },
    )

    shapes = _load_shapes(release_dir, release.get("municipality_shapes"))
    rows = _read_csv(release_dir / release["municipalities"])
    existing = {m.code: m for m in Municipality.objects.all()}
    if not existing:
        _first_load(rows, shapes, year, report)
        _set_neighbours(release_dir, release.get("municipality_shapes"))
        return report
    for row in rows:
        _apply_municipality_row(
            row, existing.get(row["code"]), shapes.get(row["code"]), year, report
        )

    listed = {row["code"] for row in rows}
    successors = _read_successors(release_dir / release.get("changes", "changes.csv"))
    for code, municipality in existing.items():
        if municipality.active and code not in listed:
            municipality.active = False
            municipality.last_year = year - 1
            municipality.successor_id = successors.get(code)
            municipality.save(update_fields=["active", "last_year", "successor"])
            detail = f"opgegaan in {successors[code]}" if code in successors else ""
            RegionChange.objects.create(
                year=year, municipality=municipality, kind=RegionChange.Kind.RETIRED, detail=detail
            )
            report.retired.append(code)
    merged = {code: successors[code] for code in report.retired if code in successors}
    if merged:
        municipalities_merged.send(sender=Municipality, merged=merged, year=year)
    # Provinces and GGD regions that disappeared stay, inactive.
    Province.objects.exclude(
        code__in=[r["code"] for r in _read_csv(release_dir / release["provinces"])]
    ).update(active=False)
    GgdRegion.objects.exclude(code__in=[r["code"] for r in ggd_rows]).update(active=False)
    _set_neighbours(release_dir, release.get("municipality_shapes"))
    return report


def _set_neighbours(release_dir: Path, shapes_name: str | None) -> None:
    """Replace the neighbours of the release's municipalities by those that share a border.

    Retired municipalities keep the neighbours they had, as the history does.
    """
    if not shapes_name:
        return
    borders = _cached_borders(release_dir / shapes_name)
    known = set(Municipality.objects.filter(code__in=borders).values_list("code", flat=True))
    through = Municipality.neighbours.through
    through.objects.filter(from_municipality_id__in=known).delete()
    through.objects.filter(to_municipality_id__in=known).delete()
    through.objects.bulk_create(
        through(from_municipality_id=code, to_municipality_id=other)
        for code in sorted(known)
        for other in sorted(borders[code] & known)
    )


@lru_cache(maxsize=8)
def _cached_borders(path: Path) -> dict[str, set[str]]:
    return shared_borders(path)


def _first_load(
    rows: list[dict], shapes: dict[str, Shape], year: int, report: LoadReport
) -> LoadReport:
    """An empty database gets everything in a few bulk inserts."""
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            code=row["code"],
            name=row["name"],
            province_id=row["province_code"],
            ggd_region_id=row["ggd_code"],
            first_year=year,
            active=True,
            **_shape_fields(shapes.get(row["code"])),
        )
        for row in rows
    )
    RegionChange.objects.bulk_create(
        RegionChange(year=year, municipality=m, kind=RegionChange.Kind.ADDED)
        for m in municipalities
    )
    report.added = [m.code for m in municipalities]
    return report


def _read_successors(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return {row["old_code"]: row["new_code"] for row in _read_csv(path)}


def _apply_municipality_row(
    row: dict, municipality: Municipality | None, shape: Shape | None, year: int, report: LoadReport
) -> None:
    values = {
        "name": row["name"],
        "province_id": row["province_code"],
        "ggd_region_id": row["ggd_code"],
        **_shape_fields(shape),
    }
    if municipality is None:
        municipality = Municipality.objects.create(
            code=row["code"], first_year=year, last_year=None, active=True, **values
        )
        RegionChange.objects.create(
            year=year, municipality=municipality, kind=RegionChange.Kind.ADDED
        )
        report.added.append(row["code"])
        return
    changes = []
    if municipality.name != row["name"]:
        changes.append((RegionChange.Kind.RENAMED, f"was: {municipality.name}"))
        report.renamed.append(row["code"])
    if (municipality.province_id, municipality.ggd_region_id) != (
        row["province_code"],
        row["ggd_code"],
    ):
        changes.append(
            (
                RegionChange.Kind.MOVED,
                f"was: {municipality.province_id}/{municipality.ggd_region_id}",
            )
        )
        report.moved.append(row["code"])
    if not municipality.active:
        changes.append((RegionChange.Kind.RESTORED, ""))
    for key, value in values.items():
        setattr(municipality, key, value)
    municipality.active = True
    municipality.successor = None
    municipality.last_year = None
    municipality.save()
    for kind, detail in changes:
        RegionChange.objects.create(year=year, municipality=municipality, kind=kind, detail=detail)
    if not changes:
        report.unchanged += 1
