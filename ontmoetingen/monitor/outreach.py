"""Reads for the project team's outreach list: today's coalitions without a birth-care
partner at the table, and the birth-care organisations that work in their municipalities.
A fixed number of queries, whatever the number of coalitions or organisations."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ontmoetingen.coalitions.models import CoalitionStatus
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.exports import Column
from ontmoetingen.directory.models import Organisation, OrganisationType
from ontmoetingen.monitor.snapshot import CoalitionFacts, MunicipalityRow, monitor_snapshot


@dataclass
class OutreachOrganisation:
    id: int
    name: str
    type_label: str
    is_demo: bool
    serves: list[str]  # names of the coalition's municipalities it works in

    @property
    def url(self) -> str:
        return f"/organisaties/{self.id}/"


@dataclass
class OutreachItem:
    coalition: CoalitionFacts
    municipalities: list[MunicipalityRow]
    organisations: list[OutreachOrganisation]


def _birth_care_organisations_by_municipality(codes: list[str]) -> dict[str, list[tuple]]:
    """Active birth-care organisations per municipality of their working area (one query)."""
    labels = dict(OrganisationType.choices)
    through = Organisation.service_area.through
    found: dict[str, list[tuple]] = defaultdict(list)
    links = (
        through.objects.filter(
            municipality_id__in=codes,
            organisation__active=True,
            organisation__domain=Domain.BIRTH_CARE,
        )
        .order_by("organisation__name", "organisation_id")
        .values_list(
            "municipality_id",
            "organisation_id",
            "organisation__name",
            "organisation__type",
            "organisation__is_demo",
        )
    )
    for code, pk, name, type_, is_demo in links:
        found[code].append((pk, name, labels.get(type_, type_), is_demo))
    return found


def outreach_list(
    *, province: str = "", ggd_region: str = "", status: str = ""
) -> list[OutreachItem]:
    """Today's coalitions without a birth-care partner at the table, each with the active
    birth-care organisations whose working area covers any of its municipalities.

    Filters: a province or GGD region (any of the coalition's municipalities in it) and a status.
    """
    snapshot = monitor_snapshot()
    by_coalition: dict[int, list[MunicipalityRow]] = defaultdict(list)
    for row in snapshot.rows:
        if row.coalition and not row.coalition.birth_care:
            by_coalition[row.coalition.id].append(row)
    chosen = {
        pk: rows
        for pk, rows in by_coalition.items()
        if (not status or snapshot.coalitions[pk].status == status)
        and (not province or any(r.province_code == province for r in rows))
        and (not ggd_region or any(r.ggd_code == ggd_region for r in rows))
    }
    organisations = _birth_care_organisations_by_municipality(
        [r.code for rows in chosen.values() for r in rows]
    )
    items = []
    for pk, rows in chosen.items():
        serving: dict[int, OutreachOrganisation] = {}
        for row in rows:
            for org_pk, name, type_label, is_demo in organisations.get(row.code, ()):
                org = serving.setdefault(
                    org_pk, OutreachOrganisation(org_pk, name, type_label, is_demo, [])
                )
                org.serves.append(row.name)
        items.append(
            OutreachItem(
                coalition=snapshot.coalitions[pk],
                municipalities=rows,
                organisations=sorted(serving.values(), key=lambda o: (o.name, o.id)),
            )
        )
    return sorted(items, key=lambda i: (i.coalition.name, i.coalition.id))


OUTREACH_TABLE = (
    Column("coalition_id", "Nummer coalitie"),
    Column("coalition_name", "Coalitie"),
    Column("status", "Status", dict(CoalitionStatus.choices)),
    Column("municipalities", "Gemeenten"),
    Column("organisation_id", "Nummer organisatie"),
    Column("organisation_name", "Organisatie"),
    Column("organisation_type", "Soort organisatie"),
    Column("works_in", "Werkt in"),
)
OUTREACH_COLUMNS = tuple(column.code for column in OUTREACH_TABLE)


def outreach_export_rows(items: list[OutreachItem]) -> list[dict]:
    """One row per (coalition, organisation); a coalition without any birth-care organisation
    in its area gets one row with empty organisation fields."""
    rows = []
    for item in items:
        base = {
            "coalition_id": item.coalition.id,
            "coalition_name": item.coalition.name,
            "status": item.coalition.status,
            "municipalities": "; ".join(m.name for m in item.municipalities),
        }
        if not item.organisations:
            rows.append(
                {
                    **base,
                    "organisation_id": "",
                    "organisation_name": "",
                    "organisation_type": "",
                    "works_in": "",
                }
            )
        for org in item.organisations:
            rows.append(
                {
                    **base,
                    "organisation_id": org.id,
                    "organisation_name": org.name,
                    "organisation_type": org.type_label,
                    "works_in": "; ".join(org.serves),
                }
            )
    return rows
