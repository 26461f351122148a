"""Writes for organisations: create, update, import. Every edit is logged (EditLog)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.directory.models import EditLog, Organisation, OrganisationType
from ontmoetingen.regions.models import GgdRegion, Municipality, Province

ORGANISATION_FIELDS = ("name", "type", "location", "website", "contact_email", "active")


def edit_log_record(*, actor, obj, action: str, changes: dict | None = None) -> EditLog:
    """Record who changed what on an organisation or coalition (call inside the write)."""
    return EditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        object_type=obj._meta.model_name,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action[:200],
        changes=changes or {},
    )


def display_value(value) -> str | list | bool | None:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (set, list, tuple)):
        return sorted(str(v) for v in value)
    return str(value)


def service_area_expand(
    *,
    municipalities: Iterable[Municipality | str] = (),
    provinces: Iterable[Province | str] = (),
    ggd_regions: Iterable[GgdRegion | str] = (),
) -> set[str]:
    """The municipality codes of a working area given as single municipalities plus whole
    provinces and GGD regions (active municipalities of those regions)."""
    codes = {m.code if isinstance(m, Municipality) else str(m) for m in municipalities}
    province_codes = [p.code if isinstance(p, Province) else str(p) for p in provinces]
    ggd_codes = [g.code if isinstance(g, GgdRegion) else str(g) for g in ggd_regions]
    if province_codes or ggd_codes:
        from django.db.models import Q

        codes |= set(
            Municipality.objects.active()
            .filter(Q(province_id__in=province_codes) | Q(ggd_region_id__in=ggd_codes))
            .values_list("code", flat=True)
        )
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
    edit_log_record(
        actor=actor,
        obj=organisation,
        action="organisatie aangemaakt",
        changes={"werkgebied": sorted(codes)},
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
            changes[name] = [display_value(old), display_value(value)]
            setattr(organisation, name, value)
    if changes:
        organisation.save()
    if service_area is not None:
        changes.update(_set_service_area(organisation, service_area))
    if changes:
        edit_log_record(
            actor=actor, obj=organisation, action="organisatie gewijzigd", changes=changes
        )
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
        "werkgebied": {
            "erbij": sorted(new_codes - old_codes),
            "eraf": sorted(old_codes - new_codes),
        }
    }


from ontmoetingen.directory.imports import (  # noqa: E402  (re-exported: the public name)
    ImportReport,
    organisations_import,
)

__all__ = ["ImportReport", "organisations_import"]
