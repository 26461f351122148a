"""What this app adds to shared pages (see the AppConfig): the home page, /mijn/ and the
personal data export."""

from __future__ import annotations

from ontmoetingen.core.domain import Domain
from ontmoetingen.questions import selectors, services
from ontmoetingen.questions.models import ThemeProposal

HOME_ITEMS = 3
MINE_ITEMS = 20


def home_section(request) -> dict | None:
    """Recent FAQ answers and the most wanted open themes (2 queries); nothing when both are
    empty."""
    faqs = list(selectors.faq_search()[:HOME_ITEMS])
    proposals = list(selectors.proposals_list(status=ThemeProposal.Status.OPEN)[:HOME_ITEMS])
    if not faqs and not proposals:
        return None
    return {"faqs": faqs, "proposals": proposals}


def mine_section(request) -> dict | None:
    """The user's questions (with their private status links), proposals and votes."""
    user = request.user
    questions = (
        selectors.questions_of(user)
        .select_related("theme")
        .only("pk", "kind", "status", "text", "created_at", "token", "theme__name")
    )
    return {
        "questions": list(questions[:MINE_ITEMS]),
        "proposals": list(selectors.proposals_of(user)[:MINE_ITEMS]),
        "voted": list(selectors.proposals_voted_by(user)[:MINE_ITEMS]),
    }


def personal_data(user) -> dict:
    """The questions, proposals and votes of a user (internal notes are the team's own work)."""
    questions = selectors.questions_of(user).select_related("theme", "municipality")
    return {
        "vragen": [_question(q) for q in questions],
        "themavoorstellen": [
            {
                "titel": p.title,
                "toelichting": p.description,
                "bedoeld_voor": p.get_purpose_display(),
                "status": p.get_status_display(),
                "ingediend_op": p.created_at.isoformat(),
            }
            for p in selectors.proposals_of(user)
        ],
        "stemmen": [
            {"voorstel": v.proposal.title, "gestemd_op": v.created_at.isoformat()}
            for v in selectors.votes_of(user)
        ],
    }


def _question(q) -> dict:
    return {
        "soort": q.get_kind_display(),
        "status": q.get_status_display(),
        "domein": Domain(q.domain).label,
        "gemeente": q.municipality.name if q.municipality else None,
        "thema": q.theme.name if q.theme else None,
        "tekst": q.text,
        "naam": q.name,
        "e-mailadres": q.email,
        "antwoord": q.answer or None,
        "ontvangen_op": q.created_at.isoformat(),
    }


def find_personal_data(email: str, user) -> dict:
    """Questions sent with this address or account, the person's proposals and votes (an AVG
    request); a person without account has only questions."""
    found = personal_data(user) if user is not None else {}
    questions = selectors.questions_of_person(email=email, user=user)
    found["vragen"] = [_question(q) for q in questions.select_related("theme", "municipality")]
    return found


def erase_personal_data(email: str, user) -> dict:
    """Anonymise the person's questions, unlink their proposals, remove their votes (the
    caller holds the transaction)."""
    return services.person_erase(email=email, user=user)


def backoffice_attention() -> list[dict]:
    """/beheer/: new questions nobody has picked up yet, and open theme proposals."""
    from django.urls import reverse

    from ontmoetingen.questions.models import Question

    new_questions = Question.objects.filter(status=Question.Status.NEW).count()
    open_proposals = ThemeProposal.objects.filter(status=ThemeProposal.Status.OPEN).count()
    return [
        {
            "label": "nieuwe vragen uit het veld",
            "count": new_questions,
            "url": reverse("questions:triage") + f"?status={Question.Status.NEW}",
            "hint": "Nog niet beoordeeld: wijs toe, beantwoord of sluit.",
        },
        {
            "label": "themavoorstellen nog niet opgepakt",
            "count": open_proposals,
            "url": reverse("questions:proposals") + f"?status={ThemeProposal.Status.OPEN}",
            "hint": "Voorstellen waarop het veld stemt: markeer als opgepakt met een link.",
        },
    ]
