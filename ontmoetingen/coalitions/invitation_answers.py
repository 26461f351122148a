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


@transaction.atomic
def invitation_accept(*, invitation: Invitation) -> CoalitionMembership:
    """Accept an invitation: the organisation becomes a partner (once; a second click is
    harmless)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    existing = CoalitionMembership.objects.filter(
        coalition_id=invitation.coalition_id, organisation_id=invitation.organisation_id
    ).first()
    if invitation.status == InvitationStatus.ACCEPTED and existing:
        return existing
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
