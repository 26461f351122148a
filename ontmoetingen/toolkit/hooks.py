"""Sections other pages show (see AppConfig) and the personal data export."""

from ontmoetingen.toolkit import selectors
from ontmoetingen.toolkit.permissions import can_propose


def home_section(request) -> dict | None:
    resources = selectors.resources_newest(limit=3)
    return {"resources": resources} if resources else None


def mine_section(request) -> dict | None:
    user = request.user
    if not can_propose(user):
        return None
    return {"proposals": list(selectors.proposals_of(user)[:50])}


def personal_data(user) -> dict:
    return {
        "voorstellen": [
            {
                "titel": r.title,
                "soort": r.get_kind_display(),
                "status": r.get_status_display(),
                "samenvatting": r.summary,
                "link": r.url,
                "bestandsnaam": r.file_name,
                "ingediend_op": r.created_at.isoformat(),
                "reden_afwijzing": r.rejection_reason,
            }
            for r in selectors.proposals_of(user)
        ]
    }


def backoffice_attention() -> list[dict]:
    """/beheer/: proposals for the toolkit that wait for the team to publish or reject them."""
    from django.urls import reverse

    return [
        {
            "label": "voorstellen voor de toolkit te beoordelen",
            "count": selectors.proposals_pending().count(),
            "url": reverse("toolkit:moderation"),
            "hint": "Tools en good practices uit het veld: plaatsen of afwijzen met een reden.",
        }
    ]
