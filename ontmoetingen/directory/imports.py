"""Reading an import file of organisations (CSV or XLSX) and checking every row.

Nothing here writes: ``services.organisations_import`` saves the rows once all of them are valid.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.text import clean_name, decode_upload, has_control_characters, normalise
from ontmoetingen.directory.models import Organisation, OrganisationType
from ontmoetingen.regions.models import GgdRegion, Municipality, Province

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
FILENAME_SHOWN = 200
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
    service_area: list[str]  # codes of municipalities, provinces and GGD regions
    website: str
    contact_email: str

    def area_parts(self, known: Known) -> dict[str, list[str]]:
        """The working area split into municipalities, provinces and GGD regions."""
        return {
            "municipalities": [c for c in self.service_area if c in known.municipalities],
            "provinces": [c for c in self.service_area if c in known.provinces],
            "ggd_regions": [c for c in self.service_area if c in known.ggd_regions],
        }


@dataclass
class ImportProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"regel {self.line}: {self.reason}"


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    dry_run: bool = False
    errors: list[ImportProblem] = field(default_factory=list)

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
class Known:
    """What the database already holds, read once per import."""

    municipalities: set[str]
    provinces: set[str]
    ggd_regions: set[str]
    existing: set[tuple[str, str]]

    @classmethod
    def load(cls) -> Known:
        return cls(
            municipalities=set(Municipality.objects.values_list("code", flat=True)),
            provinces=set(Province.objects.values_list("code", flat=True)),
            ggd_regions=set(GgdRegion.objects.values_list("code", flat=True)),
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


def _field_reasons(row: ImportRow, type_text: str, known: Known) -> list[str]:
    reasons = []
    if not row.name:
        reasons.append("naam ontbreekt")
    if not row.type:
        reasons.append(
            f"onbekende soort organisatie '{type_text}'" if type_text else "soort ontbreekt"
        )
    if row.location and row.location not in known.municipalities:
        reasons.append(f"onbekende gemeentecode '{row.location}'")
    regions = known.provinces | known.ggd_regions
    unknown = [c for c in row.service_area if c not in known.municipalities and c not in regions]
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


def validate_rows(
    raw_rows: list[tuple[int, dict]], known: Known
) -> tuple[list[ImportRow], list[ImportProblem]]:
    """The valid rows and a problem for every invalid one (all reasons for a row together)."""
    seen: dict[tuple[str, str], int] = {}
    rows, errors = [], []
    for line, given in raw_rows:
        raw = {key: normalise(value) for key, value in given.items()}
        cell_reasons = _cell_reasons(raw)
        if cell_reasons:
            errors.append(ImportProblem(line=line, reason="; ".join(cell_reasons)))
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
            errors.append(ImportProblem(line=line, reason="; ".join(reasons)))
        else:
            rows.append(row)
    return rows, errors


def raw_rows_of(*, rows: list[dict] | None, file, filename: str) -> list[tuple[int, dict]]:
    """(line number, raw row) from rows of dicts keyed by column name, or from a file."""
    if rows is None:
        return _read_rows(file, filename)
    return [
        (index, {IMPORT_COLUMNS.get(k.casefold(), k): str(v or "") for k, v in row.items()})
        for index, row in enumerate(rows, start=2)
    ]
