"""Import organisations from CSV or XLSX: all or nothing, every bad row reported."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.text import clean_name, decode_upload, has_control_characters, normalise
from ontmoetingen.directory.models import TYPE_DOMAIN, EditLog, Organisation, OrganisationType
from ontmoetingen.regions.models import GgdRegion, Municipality, Province

# --- import --------------------------------------------------------------------------------

# Accepted column names (Dutch and English) → field.
IMPORT_COLUMNS = {
    "naam": "name",
    "name": "name",
    "soort": "type",
    "type": "type",
    "vestigingsgemeente": "location",
    "vestiging": "location",
    "location": "location",
    "werkgebied": "service_area",
    "service_area": "service_area",
    "website": "website",
    "e-mail": "contact_email",
    "email": "contact_email",
    "contact_email": "contact_email",
}
TYPE_BY_LABEL = {
    **{label.casefold(): value for value, label in OrganisationType.choices},
    **{value: value for value in OrganisationType.values},
}
AREA_SEPARATORS = (";", ",", "|", "\n")
# Longest accepted cell per column (the database column, or a sane ceiling).
MAX_CELL_LENGTH = 1000
CELL_LIMITS = {"name": 200, "website": 200, "contact_email": 254, "service_area": 10_000}
CELL_LABELS = {
    "name": "naam",
    "type": "soort",
    "location": "vestigingsgemeente",
    "service_area": "werkgebied",
    "website": "website",
    "contact_email": "e-mail",
}


@dataclass
class ImportRow:
    line: int
    name: str
    type: str
    location: str
    service_area: list[str]
    website: str
    contact_email: str


@dataclass
class ImportError_:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"regel {self.line}: {self.reason}"


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    dry_run: bool = False
    errors: list[ImportError_] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _read_rows(file, filename: str) -> list[tuple[int, dict]]:
    """(line number, raw row) from a CSV or XLSX file; line 1 is the header."""
    name = (filename or getattr(file, "name", "") or "").lower()
    data = Path(file).read_bytes() if isinstance(file, (str, Path)) else file.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several types for a damaged file
            raise ServiceError(
                "Dit Excelbestand kan niet worden gelezen.", code="file", field="file"
            ) from exc
        sheet = workbook.worksheets[0]
        values = [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        workbook.close()
    else:
        values = _csv_values(decode_upload(data))
    if not values:
        raise ServiceError("Het bestand is leeg.", code="empty", field="file")
    header = [IMPORT_COLUMNS.get(h.strip().casefold(), "") for h in values[0]]
    if "name" not in header or "type" not in header:
        raise ServiceError(
            "De eerste regel moet de kolomnamen bevatten, ten minste 'naam' en 'soort'.",
            code="header",
            field="file",
        )
    rows = []
    for index, cells in enumerate(values[1:], start=2):
        if not any(cells):
            continue  # blank lines are not rows
        rows.append(
            (
                index,
                {key: cells[i] if i < len(cells) else "" for i, key in enumerate(header) if key},
            )
        )
    return rows


def _csv_values(text: str) -> list[list[str]]:
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:  # a cell over the csv module's limit, or a broken quote
        raise ServiceError(
            f"Regel {reader.line_num} kan niet worden gelezen: een cel is te lang (hoogstens "
            f"{MAX_CELL_LENGTH} tekens) of een aanhalingsteken staat verkeerd.",
            code="file",
            field="file",
        ) from exc


def _cell_reasons(raw: dict) -> list[str]:
    """Cells that cannot be stored: longer than their column, or with control characters."""
    reasons = []
    for key, value in raw.items():
        label = CELL_LABELS.get(key, key)
        limit = CELL_LIMITS.get(key, MAX_CELL_LENGTH)
        if len(value) > limit:
            reasons.append(f"{label} is te lang ({len(value)} tekens, hoogstens {limit})")
        if has_control_characters(value):
            reasons.append(f"{label} bevat onzichtbare stuurtekens")
    return reasons


def _split_area(text: str) -> list[str]:
    for separator in AREA_SEPARATORS[1:]:
        text = text.replace(separator, AREA_SEPARATORS[0])
    return [part.strip().upper() for part in text.replace(" ", ";").split(";") if part.strip()]


@dataclass
class _Known:
    """What the database already holds, read once per import."""

    municipalities: set[str]
    regions: set[str]
    existing: set[tuple[str, str]]

    @classmethod
    def load(cls) -> _Known:
        return cls(
            municipalities=set(Municipality.objects.values_list("code", flat=True)),
            regions=set(Province.objects.values_list("code", flat=True))
            | set(GgdRegion.objects.values_list("code", flat=True)),
            existing={
                (normalise(name).casefold(), location or "")
                for name, location in Organisation.objects.values_list("name", "location_id")
            },
        )


URL_VALIDATOR = URLValidator(schemes=["http", "https"])


def _invalid(validator, value: str) -> bool:
    if not value:
        return False
    try:
        validator(value)
    except ValidationError:
        return True
    return False


def _field_reasons(row: ImportRow, type_text: str, known: _Known) -> list[str]:
    reasons = []
    if not row.name:
        reasons.append("naam ontbreekt")
    if not row.type:
        reasons.append(
            f"onbekende soort organisatie '{type_text}'" if type_text else "soort ontbreekt"
        )
    if row.location and row.location not in known.municipalities:
        reasons.append(f"onbekende gemeentecode '{row.location}'")
    unknown = [
        c for c in row.service_area if c not in known.municipalities and c not in known.regions
    ]
    if unknown:
        reasons.append("onbekende gemeentecode " + ", ".join(f"'{c}'" for c in unknown))
    if _invalid(URL_VALIDATOR, row.website):
        reasons.append(f"ongeldige website '{row.website}'")
    if _invalid(validate_email, row.contact_email):
        reasons.append(f"ongeldig e-mailadres '{row.contact_email}'")
    return reasons


def _parse(line: int, raw: dict) -> ImportRow:
    return ImportRow(
        line=line,
        name=clean_name(raw.get("name", "")),
        type=TYPE_BY_LABEL.get(raw.get("type", "").strip().casefold(), ""),
        location=raw.get("location", "").strip().upper(),
        service_area=_split_area(raw.get("service_area", "")),
        website=raw.get("website", "").strip(),
        contact_email=raw.get("contact_email", "").strip(),
    )


def _validate_rows(raw_rows: list[tuple[int, dict]]) -> tuple[list[ImportRow], list[ImportError_]]:
    known = _Known.load()
    seen: dict[tuple[str, str], int] = {}
    rows, errors = [], []
    for line, given in raw_rows:
        raw = {key: normalise(value) for key, value in given.items()}
        cell_reasons = _cell_reasons(raw)
        if cell_reasons:
            errors.append(ImportError_(line=line, reason="; ".join(cell_reasons)))
            continue
        row = _parse(line, raw)
        reasons = _field_reasons(row, raw.get("type", "").strip(), known)
        key = (row.name.casefold(), row.location)
        if row.name and key in seen:
            reasons.append(f"dubbel: dezelfde organisatie staat al op regel {seen[key]}")
        elif row.name and key in known.existing:
            reasons.append("dubbel: deze organisatie bestaat al")
        if row.name:
            seen.setdefault(key, line)
        if reasons:
            errors.append(ImportError_(line=line, reason="; ".join(reasons)))
        else:
            rows.append(row)
    return rows, errors


def _expand_areas(rows: list[ImportRow]) -> dict[int, set[str]]:
    region_codes = {c for row in rows for c in row.service_area if not c.startswith("GM")}
    by_region: dict[str, set[str]] = {}
    if region_codes:
        for code, province, ggd in Municipality.objects.active().values_list(
            "code", "province_id", "ggd_region_id"
        ):
            by_region.setdefault(province, set()).add(code)
            by_region.setdefault(ggd, set()).add(code)
    areas = {}
    for row in rows:
        codes: set[str] = set()
        for code in row.service_area:
            codes |= {code} if code.startswith("GM") else by_region.get(code, set())
        if not codes and row.location:
            codes = {row.location}  # working where it is located is the least one can assume
        areas[row.line] = codes
    return areas


def organisations_import(
    *,
    rows: list[dict] | None = None,
    file=None,
    filename: str = "",
    dry_run: bool = False,
    actor=None,
    is_demo: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import organisations from a CSV/XLSX file (or rows of dicts keyed by column name).

    Every invalid row is reported with its line number and reason; nothing is written unless
    the whole file is valid. ``dry_run`` validates only. ``progress(n)`` is called as rows are
    written (for a progress bar).
    """
    if rows is not None:
        raw_rows = [
            (index, {IMPORT_COLUMNS.get(k.casefold(), k): str(v or "") for k, v in row.items()})
            for index, row in enumerate(rows, start=2)
        ]
    else:
        raw_rows = _read_rows(file, filename)
    valid, errors = _validate_rows(raw_rows)
    report = ImportReport(rows=len(raw_rows), dry_run=dry_run, errors=errors)
    if errors or dry_run or not valid:
        return report  # nothing written: an error, a trial run, or only a header line
    areas = _expand_areas(valid)
    with transaction.atomic():
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=row.name,
                    type=row.type,
                    domain=_domain(row.type),
                    location_id=row.location or None,
                    website=row.website,
                    contact_email=row.contact_email,
                    is_demo=is_demo,
                )
                for row in valid
            ],
            batch_size=500,
        )
        Through = Organisation.service_area.through
        links = []
        for done, (organisation, row) in enumerate(zip(organisations, valid, strict=True), 1):
            links.extend(
                Through(organisation_id=organisation.pk, municipality_id=code)
                for code in sorted(areas[row.line])
            )
            if progress:
                progress(done)
        Through.objects.bulk_create(links, batch_size=2000)
        EditLog.objects.create(
            actor=actor if actor is not None and actor.is_authenticated else None,
            object_type="organisation",
            object_id="import",
            object_repr=(filename or "import")[:200],
            action=f"{len(organisations)} organisaties geïmporteerd",
            changes={"ids": [o.pk for o in organisations][:1000]},
        )
    report.created = len(organisations)
    return report


def _domain(type_value: str) -> str:
    return TYPE_DOMAIN[OrganisationType(type_value)]
