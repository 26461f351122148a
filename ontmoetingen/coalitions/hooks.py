"""What the coalitions area contributes to other pages (see core/registry.py and apps.py)."""

from __future__ import annotations

from django.urls import reverse

from ontmoetingen.coalitions import selectors
from ontmoetingen.coalitions.models import Coalition, Invitation, InvitationStatus, StatusChange
from ontmoetingen.coalitions.permissions import can_manage_coalitions
from ontmoetingen.core.domain import Domain
from ontmoetingen.directory.selectors import organisations_serving


def municipality_section(request, municipality) -> dict:
    """/gemeenten/<code>/: the municipality's coalition and who works there, by domain."""
    coalition = selectors.coalition_for_municipality(municipality)
    context = {"municipality": municipality, "coalition": coalition}
    if coalition is not None:
        domains = selectors.coalition_domains_at_table(coalition_ids=[coalition.pk])
        context["table_domains"] = selectors.domains_text(domains[coalition.pk])
        context["partner_ids"] = {m.organisation_id for m in coalition.memberships.all()}
        context["others"] = [
            link.municipality
            for link in coalition.active_links
            if link.municipality_id != municipality.code
        ]
    context["serving"] = [
        {"value": d, "label": Domain(d).label, "organisations": orgs}
        for d, orgs in organisations_serving(municipality).items()
    ]
    return context


def organisation_section(request, organisation) -> dict:
    """/organisaties/<id>/: the coalitions in the organisation's working area, and whether it is
    at their table."""
    return {"organisation": organisation, "coalitions": selectors.coalitions_in_area(organisation)}


def mine_section(request) -> dict | None:
    """/mijn/: the coalitions this user coordinates, with links to keep them current."""
    coalitions = list(
        Coalition.objects.filter(coordinators=request.user)
        .prefetch_related(selectors.active_links_prefetch())
        .order_by("name")
    )
    is_team = can_manage_coalitions(request.user)
    if not coalitions and not is_team:
        return None
    return {"coalitions": _coordinator_overview(coalitions), "is_team": is_team}


def _coordinator_overview(coalitions: list[Coalition]) -> list[Coalition]:
    """What a coordinator should look at per coalition: is the status still right, which
    domains are missing, how many organisations in the area are not yet partners, and the
    invitations nobody answered yet. A coordinator has few coalitions: a few queries each."""
    domains = selectors.coalition_domains_at_table(coalition_ids=[c.pk for c in coalitions])
    stale_before = selectors.stale_before()
    open_invitations = Invitation.objects.filter(
        coalition__in=coalitions, status=InvitationStatus.SENT
    ).select_related("organisation")
    by_coalition: dict[int, list[Invitation]] = {}
    for invitation in open_invitations:
        by_coalition.setdefault(invitation.coalition_id, []).append(invitation)
    for coalition in coalitions:
        last = coalition.last_confirmed_on or coalition.status_since
        coalition.last_updated_on = last
        coalition.needs_confirmation = last < stale_before
        coalition.missing_domains = [
            d for d in selectors.domains_text(domains[coalition.pk]) if not d["present"]
        ]
        coalition.not_yet_partners = sum(
            len(orgs) for orgs in selectors.organisations_missing_at_table(coalition).values()
        )
        coalition.open_invitations = by_coalition.get(coalition.pk, [])
    return coalitions


def backoffice_attention() -> list[dict]:
    """/beheer/: coalitions whose record nobody updated for more than 12 months."""
    return [
        {
            "label": "coalities langer dan 12 maanden niet bijgewerkt",
            "count": selectors.coalitions_stale_count(),
            "url": reverse("coalitions:manage") + "?bijgewerkt=ouder&sorteer=bijgewerkt",
            "hint": "Vraag de coördinator of status, gemeenten en partners nog kloppen.",
        }
    ]


def personal_data(user) -> dict:
    """What the coalitions area holds on a user: coalitions coordinated, status changes made,
    invitations sent (for the personal data export)."""
    return {
        "coordinator_van": list(
            Coalition.objects.filter(coordinators=user).values_list("name", flat=True)
        ),
        "statuswijzigingen": [
            {"coalitie": name, "status": status, "datum": day.isoformat(), "toelichting": note}
            for name, status, day, note in StatusChange.objects.filter(changed_by=user).values_list(
                "coalition__name", "status", "changed_on", "note"
            )
        ],
        "uitnodigingen_verstuurd": [
            {"coalitie": name, "organisatie": org, "op": at.isoformat()}
            for name, org, at in Invitation.objects.filter(invited_by=user).values_list(
                "coalition__name", "organisation__name", "invited_at"
            )
        ],
    }


def find_personal_data(email: str, user) -> dict:
    """Coalitions where this address is the contact person, invitations sent to it, and with
    an account what personal_data holds (an AVG request)."""
    found = personal_data(user) if user is not None else {}
    found["contactpersoon_van"] = list(
        Coalition.objects.filter(contact_email__iexact=email).values_list("name", flat=True)
    )
    found["uitnodigingen_ontvangen"] = [
        {"coalitie": name, "op": at.isoformat()}
        for name, at in Invitation.objects.filter(email__iexact=email).values_list(
            "coalition__name", "invited_at"
        )
    ]
    return found


def erase_personal_data(email: str, user) -> dict:
    """Clear the contact person where it is this address, remove invitations to it and the
    coordinator roles of the account (the caller holds the transaction)."""
    erased = {
        "contactpersoon": Coalition.objects.filter(contact_email__iexact=email).update(
            contact_name="", contact_email=""
        ),
        "uitnodigingen": Invitation.objects.filter(email__iexact=email).delete()[0],
    }
    if user is not None:
        erased["coördinatorrollen"] = Coalition.coordinators.through.objects.filter(
            user=user
        ).delete()[0]
    return erased
