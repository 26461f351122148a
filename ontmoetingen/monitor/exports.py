"""CSV and XLSX responses for the monitor's downloads, and the rows of the monitor export.

Text that a spreadsheet would run as a formula (starting with =, +, -, @ or a control
character) is prefixed with an apostrophe: coalition names are typed in by coordinators.
"""

import csv
import io
from datetime import date

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from ontmoetingen.core.exports import safe_cell
from ontmoetingen.monitor.snapshot import Snapshot

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
safe_text = safe_cell  # one rule for every export (core.exports)


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def csv_response(rows: list[dict], columns: tuple[str, ...], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writerow({column: safe_text(column) for column in columns})
    for row in rows:
        writer.writerow(
            {
                key: value.isoformat() if isinstance(value, date) else safe_text(value)
                for key, value in row.items()
            }
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def xlsx_response(
    rows: list[dict], columns: tuple[str, ...], filename: str, *, title: str
) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([safe_text(column) for column in columns])
    for row in rows:
        cells = []
        for key in columns:
            value = row[key]
            if isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
            else:
                cell = WriteOnlyCell(sheet, value=safe_text(value))
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)


# --- the monitor export: one row per municipality ------------------------------------------

EXPORT_COLUMNS = (
    "municipality_code",
    "municipality_name",
    "province",
    "ggd_region",
    "coalition_id",
    "coalition_name",
    "status",
    "birth_care_at_table",
    "youth_health_at_table",
    "social_at_table",
    "action_plan",
    "status_since",
)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def export_rows(snapshot: Snapshot) -> list[dict]:
    """One row per active municipality (by CBS code) with EXPORT_COLUMNS.

    Without a coalition the coalition fields and the since-date are empty, the status is "geen"
    and nobody is at the table (false).
    """
    rows = []
    for row in sorted(snapshot.rows, key=lambda r: r.code):
        coalition = row.coalition
        rows.append(
            {
                "municipality_code": row.code,
                "municipality_name": row.name,
                "province": row.province,
                "ggd_region": row.ggd_region,
                "coalition_id": coalition.id if coalition else "",
                "coalition_name": coalition.name if coalition else "",
                "status": row.status,
                "birth_care_at_table": _bool(coalition and coalition.birth_care),
                "youth_health_at_table": _bool(coalition and coalition.youth_health),
                "social_at_table": _bool(coalition and coalition.social),
                "action_plan": _bool(coalition and coalition.action_plan),
                "status_since": coalition.status_since
                if coalition and coalition.status_since
                else "",
            }
        )
    return rows
