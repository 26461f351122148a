"""Reads for coalitions: as-of statuses, representation per domain, who is missing."""

from __future__ import annotations

from collections import defaultdict
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.permissions import is_coordinator, is_project_team
from ontmoetingen.coalitions.changes import readable_changes
from ontmoetingen.coalitions.models import (
    STATUS_ORDER,
    Coalition,
    CoalitionMembership,
    CoalitionMunicipality,
    Invitation,
    StatusChange,
)
from ontmoetingen.core.domain import TABLE_DOMAINS, Domain
from ontmoetingen.core.models import AuditLog
from ontmoetingen.directory.models import Organisation


def coalition_statuses_as_of(*, on: date) -> dict[int, str]:
    """Coalition id → its status on ``on``, from the recorded history. A coalition whose first
    status change lies after ``on`` did not exist yet and is left out."""
    statuses: dict[int, str] = {}
    rows = (
        StatusChange.objects.filter(changed_on__lte=on)
        .order_by("coalition_id", "changed_on", "id")
        .values_list("coalition_id", "status")
    )
    for coalition_id, status in rows.iterator(chunk_size=2000):
        statuses[coalition_id] = status  # later rows win: the last change on or before ``on``
    return statuses


def coalition_domains_at_table(
    *, coalition_ids=None, on: date | None = None
) -> dict[int, set[str]]:
    """Coalition id → the domains (``Domain`` values) of its partner organisations; with ``on``
    only partners that had joined by then. Requested coalitions without partners map to an
    empty set; without ``coalition_ids`` every coalition that has partners is included."""
    memberships = CoalitionMembership.objects.all()
    domains: dict[int, set[str]] = {}
    if coalition_ids is not None:
        coalition_ids = list(coalition_ids)
        memberships = memberships.filter(coalition_id__in=coalition_ids)
        domains = {coalition_id: set() for coalition_id in coalition_ids}
    if on is not None:
        memberships = memberships.filter(since__lte=on)
    for coalition_id, domain in memberships.values_list(
        "coalition_id", "organisation__domain"
    ).distinct():
        domains.setdefault(coalition_id, set()).add(domain)
    return domains


def current_links() -> QuerySet[CoalitionMunicipality]:
    """The links that make a coalition a municipality's current coalition: an active link to an
    active coalition. A municipality has at most one (a database constraint); the monitor,
    the municipality page and the map all read "current coalition" through this."""
    return CoalitionMunicipality.objects.filter(active=True, coalition__active=True)


def municipality_coalitions() -> dict[str, Coalition]:
    """Municipality code → the active coalition it belongs to (one query)."""
    links = current_links().select_related("coalition")
    coalitions: dict[int, Coalition] = {}
    result: dict[str, Coalition] = {}
    for link in links:
        coalition = coalitions.setdefault(link.coalition_id, link.coalition)
        result[link.municipality_id] = coalition
    return result


def organisations_missing_at_table(coalition: Coalition) -> dict[str, list[Organisation]]:
    """Active organisations whose working area covers any of the coalition's municipalities
    and that are not its partners, grouped by domain (table domains first)."""
    municipality_codes = CoalitionMunicipality.objects.filter(
        coalition=coalition, active=True
    ).values("municipality_id")
    partners = CoalitionMembership.objects.filter(coalition=coalition).values("organisation_id")
    organisations = (
        Organisation.objects.active()
        .filter(service_area__in=municipality_codes)
        .exclude(pk__in=partners)
        .select_related("location")
        .distinct()
        .order_by("name", "id")
    )
    grouped: dict[str, list[Organisation]] = defaultdict(list)
    for organisation in organisations:
        grouped[organisation.domain].append(organisation)
    order = [*TABLE_DOMAINS, Domain.OTHER]
    return {str(domain): grouped[domain] for domain in order if grouped.get(domain)}


def coalitions_visible_to(user) -> QuerySet[Coalition]:
    """The coalitions whose page this user may see: the active ones, and for the project team
    also the stopped ones (their history stays available)."""
    if is_project_team(user):
        return Coalition.objects.all()
    return Coalition.objects.active()


def coalitions_editable_by(user) -> QuerySet[Coalition]:
    """The coalitions this user may edit: all for the project team, their own for a
    coordinator, none for anyone else. Views load objects through this (others get 404)."""
    if not (user and user.is_authenticated and user.is_active):
        return Coalition.objects.none()
    if is_project_team(user):
        return Coalition.objects.all()
    if not is_coordinator(user):  # both the role and being listed count, on every request
        return Coalition.objects.none()
    return Coalition.objects.filter(coordinators=user)


# --- lists and pages -----------------------------------------------------------------------


@dataclass
class CoalitionFilters:
    text: str = ""
    province: str = ""
    ggd_region: str = ""
    status: str = ""
    birth_care: str = ""  # "ja", "nee" or ""
    sort: str = "naam"
    stale: bool = False  # not updated for more than STALE_AFTER_DAYS


# a coalition's record counts as outdated when nobody touched it for this long
STALE_AFTER_DAYS = 365


def stale_before() -> date:
    """The day before which a coalition's last update counts as outdated (12 months)."""
    return timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)


def last_updated_on() -> Coalesce:
    """When the coordinator or team last updated or confirmed the record ('laatst
    bijgewerkt'); a record never confirmed counts from its status date."""
    return Coalesce("last_confirmed_on", "status_since")


def coalitions_stale_count() -> int:
    return (
        Coalition.objects.active()
        .annotate(last_updated_on=last_updated_on())
        .filter(last_updated_on__lt=stale_before())
        .count()
    )


SORTS = {
    "naam": ("name", "Naam (A-Z)"),
    "status": ("-status_rank", "Status (verst eerst)"),
    "recent": ("-status_since", "Laatst van status veranderd"),
    "gemeenten": ("-municipality_count", "Meeste gemeenten"),
    "bijgewerkt": ("last_updated_on", "Langst niet bijgewerkt"),
}


def _status_rank() -> Case:
    return Case(
        *[When(status=status, then=Value(rank)) for status, rank in STATUS_ORDER.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


def _birth_care_exists():
    return Exists(
        CoalitionMembership.objects.filter(
            coalition_id=OuterRef("pk"), organisation__domain=Domain.BIRTH_CARE
        )
    )


def active_links_prefetch() -> Prefetch:
    return Prefetch(
        "coalition_municipalities",
        queryset=CoalitionMunicipality.objects.filter(active=True)
        .select_related("municipality")
        .only(
            "coalition_id", "municipality__code", "municipality__name", "municipality__province_id"
        )
        .order_by("municipality__name"),
        to_attr="active_links",
    )


def coalitions_list(*, filters: CoalitionFilters | None = None) -> QuerySet[Coalition]:
    """Active coalitions matching the filters, each with its municipalities prefetched and
    ``has_birth_care``, ``municipality_count`` and ``status_rank`` annotated."""
    filters = filters or CoalitionFilters()
    queryset = (
        Coalition.objects.active()
        .annotate(
            has_birth_care=_birth_care_exists(),
            municipality_count=Count(
                "coalition_municipalities",
                filter=Q(coalition_municipalities__active=True),
                distinct=True,
            ),
            status_rank=_status_rank(),
            last_updated_on=last_updated_on(),
        )
        .prefetch_related(active_links_prefetch())
    )
    if filters.text:
        queryset = queryset.filter(name__icontains=filters.text)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    for value, lookup in ((filters.province, "province_id"), (filters.ggd_region, "ggd_region_id")):
        if value:
            queryset = queryset.filter(
                Exists(
                    CoalitionMunicipality.objects.filter(
                        coalition_id=OuterRef("pk"),
                        active=True,
                        **{f"municipality__{lookup}": value},
                    )
                )
            )
    if filters.stale:
        queryset = queryset.filter(last_updated_on__lt=stale_before())
    if filters.birth_care == "ja":
        queryset = queryset.filter(has_birth_care=True)
    elif filters.birth_care == "nee":
        queryset = queryset.filter(has_birth_care=False)
    order, _ = SORTS.get(filters.sort, SORTS["naam"])
    return queryset.order_by(order, "name", "id")


def domains_text(domains: set[str]) -> list[dict]:
    """Each table domain with whether it is represented (for text, not colour alone)."""
    return [
        {
            "value": str(d),
            "label": d.label,
            "short": SHORT_DOMAIN_LABELS.get(str(d), d.label),
            "present": str(d) in domains,
        }
        for d in TABLE_DOMAINS
    ]


# One word per domain, for the compact column in the coalition list.
SHORT_DOMAIN_LABELS = {
    "geboortezorg": "geboortezorg",
    "jgz": "JGZ",
    "sociaal": "sociaal",
    "gemeente": "gemeente",
}


def coalitions_with_domains(coalitions: list[Coalition]) -> list[Coalition]:
    """Attach ``table_domains`` (list of dicts, see ``domains_text``) to each coalition."""
    domains = coalition_domains_at_table(coalition_ids=[c.pk for c in coalitions])
    for coalition in coalitions:
        coalition.table_domains = domains_text(domains.get(coalition.pk, set()))
    return coalitions


def coalition_get(pk: int, *, queryset=None) -> Coalition:
    """One coalition with everything its page shows, in a fixed number of queries."""
    queryset = Coalition.objects.all() if queryset is None else queryset
    return queryset.prefetch_related(
        active_links_prefetch(),
        Prefetch(
            "memberships",
            queryset=CoalitionMembership.objects.select_related("organisation").order_by(
                "organisation__domain", "organisation__name"
            ),
        ),
        "themes",
        Prefetch("coordinators", queryset=User.objects.only("id", "full_name", "email")),
        Prefetch(
            "status_changes",
            queryset=StatusChange.objects.select_related("changed_by").order_by(
                "-changed_on", "-id"
            ),
        ),
    ).get(pk=pk)


def coalition_partners_by_domain(coalition: Coalition) -> list[dict]:
    """Partners grouped by domain, table domains first (uses the prefetched memberships)."""
    grouped: dict[str, list[CoalitionMembership]] = defaultdict(list)
    for membership in coalition.memberships.all():
        grouped[membership.organisation.domain].append(membership)
    return [
        {"value": str(d), "label": d.label, "memberships": grouped[d]}
        for d in [*TABLE_DOMAINS, Domain.OTHER]
        if grouped.get(d)
    ]


def coalitions_in_area(organisation: Organisation) -> list[Coalition]:
    """Active coalitions with a municipality in the organisation's working area, each with
    ``is_partner`` and ``partner_role``."""
    area = Organisation.service_area.through.objects.filter(organisation_id=organisation.pk).values(
        "municipality_id"
    )
    membership = CoalitionMembership.objects.filter(
        coalition_id=OuterRef("pk"), organisation_id=organisation.pk
    )
    return list(
        Coalition.objects.active()
        .filter(
            Exists(
                CoalitionMunicipality.objects.filter(
                    coalition_id=OuterRef("pk"), active=True, municipality_id__in=area
                )
            )
        )
        .annotate(
            is_partner=Exists(membership), partner_role=Subquery(membership.values("role")[:1])
        )
        .order_by("name")
    )


def coalition_for_municipality(municipality) -> Coalition | None:
    """The municipality's current coalition with everything its page shows, or None."""
    coalition_id = (
        current_links().filter(municipality=municipality).values_list("coalition_id", flat=True)
    ).first()
    if coalition_id is None:
        return None
    return coalition_get(coalition_id)


def coalition_history(coalition: Coalition) -> list[StatusChange]:
    return list(coalition.status_changes.all())


def with_target_urls(entries) -> list[AuditLog]:
    """Attach ``target_url`` to audit entries: the page of the object an entry is about, or
    None when that object is gone or has no page. One query per kind of object shown."""
    entries = list(entries)
    wanted: dict[int, set] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        if model is not None and hasattr(model, "get_absolute_url"):
            # an id that is no id of that model (an entry about a whole import, say) is skipped
            with suppress(ValidationError):
                wanted[entry.content_type_id].add(model._meta.pk.to_python(entry.object_id))
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        for pk, obj in model._base_manager.in_bulk(list(ids)).items():
            found[type_id, str(pk)] = obj
    for entry in entries:
        target = found.get((entry.content_type_id, entry.object_id))
        entry.target_url = target.get_absolute_url() if target is not None else None
        entry.readable_changes = readable_changes(entry.changes)
    return entries


def invitations_sent(coalition: Coalition) -> dict[int, Invitation]:
    """Organisation id → the latest invitation this coalition sent it (one query)."""
    latest: dict[int, Invitation] = {}
    for invitation in Invitation.objects.filter(coalition=coalition).order_by("invited_at", "id"):
        latest[invitation.organisation_id] = invitation
    return latest
