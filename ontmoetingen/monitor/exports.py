"""The monitor's downloads in the project's export dialect (core.exports, docs/exports.md),
and the rows of the monitor export."""

from collections.abc import Sequence

from django.http import HttpResponse

from ontmoetingen.coalitions.models import CoalitionStatus
from ontmoetingen.core.exports import Column, table_csv, table_xlsx
from ontmoetingen.monitor.snapshot import Snapshot


def csv_response(
    rows: list[dict], columns: Sequence[Column], filename: str, *, codes: bool = False
) -> HttpResponse:
    return table_csv(columns, rows, filename, codes=codes)


def xlsx_response(
    rows: list[dict], columns: Sequence[Column], filename: str, *, title: str, codes: bool = False
) -> HttpResponse:
    return table_xlsx(columns, rows, filename, title=title, codes=codes)


# --- the monitor export: one row per municipality ------------------------------------------

STATUS_LABELS = dict(CoalitionStatus.choices)
EXPORT_TABLE = (
    Column("municipality_code", "CBS-code gemeente"),
    Column("municipality_name", "Gemeente"),
    Column("province", "Provincie"),
    Column("ggd_region", "GGD-regio"),
    Column("coalition_id", "Nummer coalitie"),
    Column("coalition_name", "Coalitie"),
    Column("status", "Status", STATUS_LABELS),
    Column("birth_care_at_table", "Geboortezorg aan tafel"),
    Column("youth_health_at_table", "JGZ aan tafel"),
    Column("social_at_table", "Sociaal domein aan tafel"),
    Column("action_plan", "Plan van aanpak"),
    Column("status_since", "Status sinds"),
)
EXPORT_COLUMNS = tuple(column.code for column in EXPORT_TABLE)


def _bool(value) -> bool:
    return bool(value)


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
