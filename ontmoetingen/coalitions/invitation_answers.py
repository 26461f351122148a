"""Answers to partner invitations: accept (the organisation becomes a partner) or decline."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ontmoetingen.coalitions.models import (
    CoalitionMembership,
    Invitation,
    InvitationStatus,
    MembershipRole,
)
from ontmoetingen.core.audit import record
from ontmoetingen.core.errors import ServiceError


def invitation_refusal(invitation: Invitation) -> ServiceError | None:
    """Why this invitation can no longer be answered (a link works once, and not for a
    coalition that stopped), or None. The page shows it instead of the buttons."""
    if not invitation.coalition.active:
        return ServiceError(
            f"De coalitie {invitation.coalition.name} is gestopt, dus deze uitnodiging geldt "
            "niet meer.",
            code="coalition_stopped",
        )
    if invitation.status == InvitationStatus.ACCEPTED and not invitation.membership_exists:
        return ServiceError(
            "Deze uitnodiging is al gebruikt en uw organisatie is geen partner meer. Vraag de "
            "coördinator om een nieuwe uitnodiging als u weer partner wilt worden.",
            code="used",
        )
    return None


@transaction.atomic
def invitation_accept(*, invitation: Invitation) -> CoalitionMembership:
    """Accept an invitation: the organisation becomes a partner (once; a second click is
    harmless)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refusal = invitation_refusal(invitation)
    if refusal is not None:
        raise refusal
    existing = CoalitionMembership.objects.filter(
        coalition_id=invitation.coalition_id, organisation_id=invitation.organisation_id
    ).first()
    if invitation.status == InvitationStatus.ACCEPTED:
        return existing  # a second click on the same link is harmless
    if invitation.status == InvitationStatus.DECLINED:
        raise ServiceError(
            "Deze uitnodiging is afgeslagen. Vraag de coördinator om een nieuwe uitnodiging.",
            code="declined",
        )
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_at"])
    if existing:
        return existing
    membership = CoalitionMembership.objects.create(
        coalition_id=invitation.coalition_id,
        organisation_id=invitation.organisation_id,
        role=MembershipRole.PARTNER,
        since=timezone.localdate(),
    )
    record(
        invitation.coalition,
        "uitnodiging geaccepteerd",
        actor=None,
        changes={"organisatie": invitation.organisation.name, "e-mail": invitation.email},
    )
    return membership


@transaction.atomic
def invitation_decline(*, invitation: Invitation) -> Invitation:
    """'Nee, liever niet': the invitation is answered; the coordinator sees it was declined."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refusal = invitation_refusal(invitation)
    if refusal is not None:
        raise refusal
    if invitation.status == InvitationStatus.ACCEPTED:
        raise ServiceError(
            "Deze uitnodiging is al geaccepteerd; uw organisatie is partner.", code="accepted"
        )
    if invitation.status == InvitationStatus.DECLINED:
        return invitation
    invitation.status = InvitationStatus.DECLINED
    invitation.save(update_fields=["status"])
    record(
        invitation.coalition,
        "uitnodiging afgeslagen",
        actor=None,
        changes={"Organisatie": invitation.organisation.name},
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, actor) -> None:
    """The coordinator withdraws an unanswered invitation: the row goes, so its link stops
    working ("bestaat niet meer")."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("coalition", "organisation")
        .get(pk=invitation.pk)
    )
    if invitation.status == InvitationStatus.ACCEPTED:
        raise ServiceError(
            "Deze uitnodiging is al geaccepteerd; haal de partner weg als dat de bedoeling is.",
            code="accepted",
        )
    organisation = invitation.organisation.name
    invitation.delete()
    record(
        invitation.coalition,
        "uitnodiging ingetrokken",
        actor=actor,
        changes={"organisatie": organisation},
    )
