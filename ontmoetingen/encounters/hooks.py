"""What encounters contributes to shared pages (see core/registry.py)."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from ontmoetingen.core.permissions import is_logged_in
from ontmoetingen.encounters.models import (
    AbuseReport,
    Block,
    Consent,
    Introduction,
    IntroductionStatus,
    Invitation,
    Professional,
)
from ontmoetingen.encounters.permissions import can_invite
from ontmoetingen.encounters.selectors import profile_of
from ontmoetingen.encounters.suggestions import suggestions_for
from ontmoetingen.encounters.tieins import organisation_professionals

MINE_SUGGESTIONS = 3


def mine_section(request) -> dict:
    """/mijn/: the profile's state, requests waiting for an answer, a few suggestions."""
    user = request.user
    profile = profile_of(user)
    waiting = Introduction.objects.filter(recipient=user, status=IntroductionStatus.OPEN).count()
    return {
        "profile": profile,
        "waiting": waiting,
        "suggestions": suggestions_for(user, limit=MINE_SUGGESTIONS) if profile else [],
        "can_invite": can_invite(user),
    }


def _introduction(row: Introduction, user) -> dict:
    other = row.recipient if row.requester_id == user.pk else row.requester
    data = {
        "richting": "verstuurd" if row.requester_id == user.pk else "ontvangen",
        "met": other.full_name,
        "bericht": row.message,
        "status": row.status_for(user),
        "gevraagd_op": row.created_at.isoformat(),
    }
    if row.status == IntroductionStatus.ACCEPTED:
        profile = getattr(other, "professional", None)
        data["contactgegevens"] = {
            "e-mailadres": other.email,
            "telefoonnummer": profile.phone if profile else "",
        }
    return data


def organisation_section(request, organisation) -> dict | None:
    """/organisaties/<id>/: its published professionals (names for logged-in users only)."""
    professionals = organisation_professionals(organisation)
    if not professionals:
        return None
    return {
        "professionals": professionals,
        "logged_in": is_logged_in(request.user),
        "login_next": request.get_full_path(),
    }


def personal_data(user) -> dict:
    """Profile, introductions and consents, for /mijn/gegevens.json."""
    profile = profile_of(user)
    introductions = Introduction.objects.filter(
        Q(requester=user) | Q(recipient=user)
    ).select_related("requester__professional", "recipient__professional")
    return {
        "profiel": None
        if profile is None
        else {
            "domein": profile.get_domain_display(),
            "beroep": profile.profession_label,
            "organisatie": profile.organisation.name if profile.organisation else None,
            "werkgebied": sorted(profile.working_area.values_list("name", flat=True)),
            "themas": [t.name for t in profile.themes.all()],
            "aanbod": profile.offer,
            "aanbod_trefwoorden": profile.offer_tag_list,
            "vraag": profile.ask,
            "vraag_trefwoorden": profile.ask_tag_list,
            "introductie": profile.intro,
            "telefoonnummer": profile.phone,
            "gepubliceerd": profile.published,
        },
        "kennismakingen": [_introduction(row, user) for row in introductions],
        "toestemmingen": [
            {
                "waarvoor": consent.get_kind_display(),
                "versie": consent.version,
                "tekst": consent.text,
                "gegeven_op": consent.given_at.isoformat(),
                "ingetrokken_op": consent.withdrawn_at.isoformat()
                if consent.withdrawn_at
                else None,
            }
            for consent in Consent.objects.filter(user=user)
        ],
        "uitnodigingen_verstuurd": list(
            Invitation.objects.filter(invited_by=user).values_list("email", flat=True)
        ),
    }


def backoffice_attention() -> list[dict]:
    """On /beheer/: abuse reports not yet handled."""
    return [
        {
            "label": "meldingen van misbruik",
            "count": AbuseReport.objects.filter(handled_at__isnull=True).count(),
            "url": reverse("encounters:reports"),
            "hint": "Meldingen over profielen of kennismakingsverzoeken die nog niet zijn afgehandeld.",
        }
    ]


def find_personal_data(email: str, user) -> dict:
    """Profile, introductions, consents (with an account) and invitations sent to this address
    (an AVG request)."""
    found = personal_data(user) if user is not None else {}
    received = Invitation.objects.filter(email__iexact=email)
    found["uitnodigingen_ontvangen"] = [
        {"naam": row.full_name, "bericht": row.message, "op": row.created_at.isoformat()}
        for row in received
    ]
    if user is not None:
        found["meldingen_gedaan"] = list(
            AbuseReport.objects.filter(reporter=user).values_list("text", flat=True)
        )
    return found


def erase_personal_data(email: str, user) -> dict:
    """Remove invitations to this address and everything hanging on the account (profile,
    consents, introductions, blocks, reports); the caller holds the transaction."""
    erased = {"uitnodigingen": Invitation.objects.filter(email__iexact=email).delete()[0]}
    if user is not None:
        erased["profiel en kennismakingen"] = sum(
            queryset.delete()[0]
            for queryset in (
                Professional.objects.filter(user=user),
                Consent.objects.filter(user=user),
                Introduction.objects.filter(Q(requester=user) | Q(recipient=user)),
                Block.objects.filter(Q(blocker=user) | Q(blocked=user)),
                AbuseReport.objects.filter(Q(reporter=user) | Q(reported=user)),
            )
        )
    return erased
