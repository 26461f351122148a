"""Writes for organisations: create, update, import. Every write is recorded in the audit log."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Q

from ontmoetingen.core.audit import display_value, record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.directory import imports
from ontmoetingen.directory.imports import ImportReport
from ontmoetingen.directory.models import Organisation, OrganisationType, domain_for_type
from ontmoetingen.regions.models import GgdRegion, Municipality, Province

ORGANISATION_FIELDS = ("name", "type", "location", "website", "contact_email", "active")
IMPORT_BATCH = 500
IMPORT_LINK_BATCH = 2000


def _code(value, model) -> str:
    return value.code if isinstance(value, model) else str(value)


def region_members(
    *, provinces: Iterable[Province | str] = (), ggd_regions: Iterable[GgdRegion | str] = ()
) -> dict[str, set[str]]:
    """Province or GGD region code → the codes of its active municipalities (one query)."""
    province_codes = [_code(p, Province) for p in provinces]
    ggd_codes = [_code(g, GgdRegion) for g in ggd_regions]
    members: dict[str, set[str]] = {}
    if not (province_codes or ggd_codes):
        return members
    rows = (
        Municipality.objects.active()
        .filter(Q(province_id__in=province_codes) | Q(ggd_region_id__in=ggd_codes))
        .values_list("code", "province_id", "ggd_region_id")
    )
    for code, province, ggd in rows:
        members.setdefault(province, set()).add(code)
        members.setdefault(ggd, set()).add(code)
    return members


def service_area_expand(
    *,
    municipalities: Iterable[Municipality | str] = (),
    provinces: Iterable[Province | str] = (),
    ggd_regions: Iterable[GgdRegion | str] = (),
    members: dict[str, set[str]] | None = None,
) -> set[str]:
    """The municipality codes of a working area given as single municipalities plus whole
    provinces and GGD regions (active municipalities of those regions).

    ``members`` (from :func:`region_members`) saves the query when many areas are expanded.
    """
    provinces = [_code(p, Province) for p in provinces]
    ggd_regions = [_code(g, GgdRegion) for g in ggd_regions]
    if members is None:
        members = region_members(provinces=provinces, ggd_regions=ggd_regions)
    codes = {_code(m, Municipality) for m in municipalities}
    for region in [*provinces, *ggd_regions]:
        codes |= members.get(region, set())
    return codes


def _clean_type(value: str) -> str:
    if value not in OrganisationType.values:
        raise ServiceError("Kies een bestaande soort organisatie.", code="type", field="type")
    return value


@transaction.atomic
def organisation_create(
    *,
    name: str,
    type: str,
    actor=None,
    location: Municipality | None = None,
    service_area: Iterable[Municipality | str] = (),
    website: str = "",
    contact_email: str = "",
    active: bool = True,
    is_demo: bool = False,
) -> Organisation:
    """Create an organisation; its domain follows from its type."""
    name = (name or "").strip()
    if not name:
        raise ServiceError("Vul de naam van de organisatie in.", code="name", field="name")
    organisation = Organisation.objects.create(
        name=name,
        type=_clean_type(type),
        location=location,
        website=website,
        contact_email=contact_email,
        active=active,
        is_demo=is_demo,
    )
    codes = {m.code if isinstance(m, Municipality) else m for m in service_area}
    organisation.service_area.set(codes)
    record(
        organisation, "organisatie aangemaakt", actor=actor, changes={"werkgebied": sorted(codes)}
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    actor,
    service_area: Iterable[Municipality | str] | None = None,
    **values,
) -> Organisation:
    """Change an organisation's fields and/or working area; logs what actually changed."""
    _check_values(values)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changes: dict = {}
    for name, value in values.items():
        old = getattr(organisation, name)
        if old != value:
            label = str(Organisation._meta.get_field(name).verbose_name)
            changes[label] = [display_value(old), display_value(value)]
            setattr(organisation, name, value)
    if changes:
        organisation.save()
    if service_area is not None:
        changes.update(_set_service_area(organisation, service_area))
    if changes:
        record(organisation, "organisatie gewijzigd", actor=actor, changes=changes)
    return organisation


def _check_values(values: dict) -> None:
    unknown = set(values) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
        if not values["name"]:
            raise ServiceError("Vul de naam van de organisatie in.", code="name", field="name")
    if "type" in values:
        _clean_type(values["type"])


def _set_service_area(organisation: Organisation, service_area) -> dict:
    new_codes = {m.code if isinstance(m, Municipality) else m for m in service_area}
    old_codes = set(organisation.service_area.values_list("code", flat=True))
    if new_codes == old_codes:
        return {}
    organisation.service_area.set(new_codes)
    return {
        str(Organisation._meta.get_field("service_area").verbose_name): {
            "erbij": sorted(new_codes - old_codes),
            "eraf": sorted(old_codes - new_codes),
        }
    }


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
    the whole file is valid. ``dry_run`` validates only. Working areas may name provinces and
    GGD regions (expanded like the form does); without any area an organisation works where it
    is located. Each organisation gets its own audit entry. ``progress(n)`` is called as rows
    are written (for a progress bar).
    """
    raw_rows = imports.raw_rows_of(rows=rows, file=file, filename=filename)
    known = imports.Known.load()
    valid, problems = imports.validate_rows(raw_rows, known)
    report = ImportReport(rows=len(raw_rows), dry_run=dry_run, errors=problems)
    if problems or dry_run:
        return report
    with transaction.atomic():
        areas = _import_areas(valid, known)
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=row.name,
                    type=row.type,
                    domain=domain_for_type(row.type),  # bulk_create skips save()
                    location_id=row.location or None,
                    website=row.website,
                    contact_email=row.contact_email,
                    is_demo=is_demo,
                )
                for row in valid
            ],
            batch_size=IMPORT_BATCH,
        )
        Through = Organisation.service_area.through
        links = []
        source = (filename or "import")[: imports.FILENAME_SHOWN]
        for done, (organisation, row) in enumerate(zip(organisations, valid, strict=True), 1):
            codes = sorted(areas[row.line])
            links.extend(Through(organisation_id=organisation.pk, municipality_id=c) for c in codes)
            record(
                organisation,
                "organisatie geïmporteerd",
                actor=actor,
                changes={"bestand": source, "werkgebied": codes},
            )
            if progress:
                progress(done)
        Through.objects.bulk_create(links, batch_size=IMPORT_LINK_BATCH)
    report.created = len(organisations)
    return report


def _import_areas(rows: list[imports.ImportRow], known: imports.Known) -> dict[int, set[str]]:
    """Line → the municipality codes of that row's working area (one query for all rows)."""
    parts = {row.line: row.area_parts(known) for row in rows}
    members = region_members(
        provinces={c for p in parts.values() for c in p["provinces"]},
        ggd_regions={c for p in parts.values() for c in p["ggd_regions"]},
    )
    areas = {}
    for row in rows:
        codes = service_area_expand(**parts[row.line], members=members)
        if not codes and row.location:
            codes = {row.location}  # working where it is located is the least one can assume
        areas[row.line] = codes
    return areas


@transaction.atomic
def service_areas_follow_merger(*, merged: dict[str, str], year: int) -> list[Organisation]:
    """After a municipal merger an organisation that worked in a predecessor also works in the
    successor; the predecessor stays in its working area as history. Logged per organisation."""
    through = Organisation.service_area.through
    names = dict(
        Municipality.objects.filter(code__in={*merged, *merged.values()}).values_list(
            "code", "name"
        )
    )
    rows = through.objects.filter(municipality_id__in=list(merged)).select_related("organisation")
    changed = {}
    for row in rows:
        successor = merged[row.municipality_id]
        _, created = through.objects.get_or_create(
            organisation_id=row.organisation_id, municipality_id=successor
        )
        if created:
            record(
                row.organisation,
                "werkgebied aangepast na gemeentelijke herindeling",
                changes={
                    "Werkgebied": [names.get(row.municipality_id), names.get(successor)],
                    "Jaar": str(year),
                },
            )
            changed[row.organisation_id] = row.organisation
    return list(changed.values())
