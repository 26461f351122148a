"""Spreadsheet downloads (CSV and XLSX) in one dialect (docs/exports.md), that cannot run
anything when opened.

People get Dutch: Dutch column headers, Dutch labels for statuses, "ja"/"nee" for yes/no, and a
CSV that Dutch Excel opens as columns (``;`` between fields, UTF-8 with a byte order mark).
Programs get the fixed machine variant with ``?codes=1``: the column codes as header, value
codes (``in_opbouw``, ``true``/``false``), ``,`` between fields and no byte order mark, so
integrations written against the earlier files keep working. ``table_csv``/``table_xlsx``
write both from the same rows (dicts keyed by column code).

Text that a spreadsheet program would take as a formula — starting with ``=``, ``+``, ``-``,
``@``, a tab or a line break — gets an apostrophe in front, in column headers as well as cells:
headers can be typed by the team too (a registration question's label). Every export goes
through ``safe_cell`` (directly or through ``csv_response``/``xlsx_response``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

CODES_PARAMETER = "codes"
YES, NO = "ja", "nee"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
HUMAN_DATETIME = "%Y-%m-%d %H:%M"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """The value as a spreadsheet should show it: text never starts a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(
    headers: Sequence[str], rows: Iterable[Sequence], filename: str, *, delimiter: str = ";"
) -> HttpResponse:
    """A CSV download (UTF-8 with BOM, so spreadsheet programs read accents right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(safe_row(headers))
    writer.writerows(safe_row(row) for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return attachment(response, filename)


def xlsx_response(
    headers: Sequence[str], rows: Iterable[Sequence], filename: str, *, title: str
) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(safe_row(headers))
    for row in rows:
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)


@dataclass(frozen=True)
class Column:
    """One export column: a fixed machine ``code``, a Dutch ``label`` for the header, and
    optionally Dutch labels for the codes it holds (a status)."""

    code: str
    label: str
    values: Mapping[str, str] = field(default_factory=dict)


def wants_codes(request) -> bool:
    """``?codes=1``: the machine variant (column and value codes)."""
    return request.GET.get(CODES_PARAMETER) == "1"


def _machine_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return "" if value is None else value


def _human_value(column: Column, value):
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime):
        # a moment reads as local date and time to the minute: 2026-03-14 09:30
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime(HUMAN_DATETIME)
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    return column.values.get(value, value) if isinstance(value, str) else value


def table_csv(
    columns: Sequence[Column], rows: Iterable[Mapping], filename: str, *, codes: bool = False
) -> HttpResponse:
    """A CSV download of dict rows keyed by column code, in the dialect of this module."""
    if not codes:
        return csv_response(
            [c.label for c in columns],
            ([_human_value(c, row[c.code]) for c in columns] for row in rows),
            filename,
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=",", lineterminator="\r\n")
    writer.writerow(safe_row(c.code for c in columns))
    writer.writerows(safe_row(_machine_value(row[c.code]) for c in columns) for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return attachment(response, filename)


def _xlsx_cell(sheet, column: Column, value, codes: bool):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, date) and not isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    shown = _machine_value(value) if codes else _human_value(column, value)
    return WriteOnlyCell(sheet, value=safe_cell(shown))


def table_xlsx(
    columns: Sequence[Column],
    rows: Iterable[Mapping],
    filename: str,
    *,
    title: str,
    codes: bool = False,
) -> HttpResponse:
    """An XLSX download of the same rows: dates as real dates, the rest as in ``table_csv``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(safe_row(c.code if codes else c.label for c in columns))
    for row in rows:
        sheet.append([_xlsx_cell(sheet, c, row[c.code], codes) for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)
