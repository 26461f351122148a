"""Reads: the public FAQ, the triage list with its counts, proposals, and what users own."""

from __future__ import annotations

from django.apps import apps
from django.db import DatabaseError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.models import Theme
from ontmoetingen.questions.models import Question, ThemeProposal, Vote

# --- public FAQ --------------------------------------------------------------------------------


def faq_search(*, text: str = "", theme: Theme | None = None) -> QuerySet[Question]:
    """Published questions, newest first; only the anonymised fields are meant to be shown."""
    queryset = Question.objects.published().select_related("theme")
    if theme is not None:
        queryset = queryset.filter(theme=theme)
    for word in text.split()[:8]:
        queryset = queryset.filter(Q(faq_question__icontains=word) | Q(faq_answer__icontains=word))
    return queryset.only(
        "pk", "faq_question", "faq_answer", "published_at", "theme", "domain", "is_demo"
    ).order_by("-published_at", "-pk")


def faq_theme_counts(*, text: str = "") -> list[dict]:
    """Themes with the number of published questions (for the theme filter), one query."""
    matching = faq_search(text=text)
    counts = dict(
        matching.order_by().values_list("theme").annotate(n=Count("pk")).values_list("theme", "n")
    )
    return [
        {"theme": theme, "count": counts.get(theme.pk, 0)}
        for theme in Theme.objects.active()
        if counts.get(theme.pk)
    ]


def faq_get(pk: int) -> Question:
    return Question.objects.published().select_related("theme").get(pk=pk)


# --- triage ------------------------------------------------------------------------------------

TRIAGE_FILTERS = ("status", "kind", "theme", "domain", "province", "assigned")
UNASSIGNED = "geen"


def _apply_triage_filters(queryset, filters: dict, *, skip: str | None = None):
    lookups = {
        "status": "status",
        "kind": "kind",
        "theme": "theme__slug",
        "domain": "domain",
        "province": "municipality__province__code",
    }
    for key, lookup in lookups.items():
        if key != skip and filters.get(key):
            queryset = queryset.filter(**{lookup: filters[key]})
    assigned = filters.get("assigned")
    if skip != "assigned" and assigned:
        if assigned == UNASSIGNED:
            queryset = queryset.filter(assigned_to__isnull=True)
        elif str(assigned).isdigit():
            queryset = queryset.filter(assigned_to_id=int(assigned))
    text = filters.get("q", "")
    for word in text.split()[:8]:
        queryset = queryset.filter(Q(text__icontains=word) | Q(name__icontains=word))
    return queryset


def questions_triage(*, filters: dict) -> QuerySet[Question]:
    return (
        _apply_triage_filters(Question.objects.all(), filters)
        .select_related("theme", "municipality__province", "assigned_to")
        .defer("municipality__shape", "municipality__province__shape")
        .annotate(note_count=Count("notes"))
        .order_by("-created_at", "-pk")
    )


def triage_counts(*, filters: dict) -> dict[str, dict[str, int]]:
    """Per filter, how many questions each option would give with the other filters kept:
    one grouped query per filter, whatever the number of rows."""
    fields = {
        "status": "status",
        "kind": "kind",
        "theme": "theme__slug",
        "domain": "domain",
        "province": "municipality__province__code",
        "assigned": "assigned_to_id",
    }
    counts = {}
    for key, field in fields.items():
        rows = (
            _apply_triage_filters(Question.objects.all(), filters, skip=key)
            .order_by()
            .values_list(field)
            .annotate(n=Count("pk"))
        )
        counts[key] = {
            (UNASSIGNED if value is None and key == "assigned" else str(value)): n
            for value, n in rows
        }
    return counts


def team_members() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=str(Role.PROJECT_TEAM)))
        .distinct()
        .order_by("full_name", "email")
    )


def question_for_triage(pk: int) -> Question:
    return Question.objects.select_related(
        "theme", "municipality__province", "assigned_to", "user", "answered_by"
    ).get(pk=pk)


def question_by_token(token: str) -> Question:
    return Question.objects.select_related("theme", "municipality").get(token=token)


# --- proposals ---------------------------------------------------------------------------------

PROPOSAL_SORTS = {"stemmen": ("-vote_count", "-created_at", "-pk"), "nieuw": ("-created_at", "-pk")}


def proposals_list(
    *, purpose: str = "", status: str = "", sort: str = "stemmen", user=None
) -> QuerySet[ThemeProposal]:
    queryset = ThemeProposal.objects.with_votes().select_related("theme", "proposer")
    if purpose:
        queryset = queryset.filter(purpose=purpose)
    if status:
        queryset = queryset.filter(status=status)
    if user is not None and user.is_authenticated:
        queryset = queryset.annotate(
            has_voted=Exists(Vote.objects.filter(proposal=OuterRef("pk"), user=user))
        )
    return queryset.order_by(*PROPOSAL_SORTS.get(sort, PROPOSAL_SORTS["stemmen"]))


def proposal_with_votes(pk: int, *, user=None) -> ThemeProposal:
    return proposals_list(user=user).get(pk=pk)


def purpose_counts() -> dict[str, int]:
    return dict(ThemeProposal.objects.order_by().values_list("purpose").annotate(n=Count("pk")))


LINKABLE = (("events", "Event", "Bijeenkomsten"), ("toolkit", "Resource", "Toolkit"))


def _published(model, *, limit: int, newest_first: bool) -> list:
    queryset = model._default_manager.all()
    if hasattr(queryset, "published"):
        queryset = queryset.published()
    if "themes" in {field.name for field in model._meta.get_fields()}:
        queryset = queryset.prefetch_related("themes")
    # a savepoint: an area installed without its tables must not break this transaction
    with transaction.atomic():
        return list(queryset.order_by("-pk" if newest_first else "pk")[:limit])


def linkable_objects(*, limit: int = 200, newest_first: bool = True) -> list[tuple[str, list]]:
    """Published events and resources that can answer a proposal, when those areas are
    installed: [(group label, [object, ...])]. Other areas are used only through
    ``get_absolute_url``, ``str`` and, if present, ``published()`` and ``themes``."""
    groups = []
    for app_label, model_name, label in LINKABLE:
        if not apps.is_installed(f"ontmoetingen.{app_label}"):
            continue
        try:
            objects = _published(
                apps.get_model(app_label, model_name), limit=limit, newest_first=newest_first
            )
        except (LookupError, DatabaseError):
            continue
        if objects:
            groups.append((label, objects))
    return groups


def answer_link_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """[(group label, [(url, title), ...])] for the "opgepakt" form."""
    groups = []
    for label, objects in linkable_objects():
        items = []
        for obj in objects:
            try:
                items.append((obj.get_absolute_url(), str(obj)))
            except Exception:  # noqa: S112 - an object without a page cannot be linked
                continue
        if items:
            groups.append((label, items))
    return groups


# --- my page and personal data -----------------------------------------------------------------


def mine_section(request) -> dict | None:
    user = request.user
    questions = list(
        Question.objects.filter(Q(user=user) | Q(email=user.email))
        .select_related("theme")
        .only("pk", "kind", "status", "text", "created_at", "token", "theme__name")
        .order_by("-created_at")[:20]
    )
    proposals = list(
        ThemeProposal.objects.with_votes().filter(proposer=user).order_by("-created_at")[:20]
    )
    voted = list(
        ThemeProposal.objects.with_votes()
        .filter(votes__user=user)
        .exclude(proposer=user)
        .order_by("-created_at")[:20]
    )
    return {"questions": questions, "proposals": proposals, "voted": voted}


def personal_data(user) -> dict:
    """The questions, proposals and votes of a user (internal notes are the team's own work)."""
    questions = Question.objects.filter(Q(user=user) | Q(email=user.email)).select_related(
        "theme", "municipality"
    )
    return {
        "vragen": [
            {
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
            for q in questions
        ],
        "themavoorstellen": [
            {
                "titel": p.title,
                "toelichting": p.description,
                "bedoeld_voor": p.get_purpose_display(),
                "status": p.get_status_display(),
                "ingediend_op": p.created_at.isoformat(),
            }
            for p in ThemeProposal.objects.filter(proposer=user)
        ],
        "stemmen": [
            {"voorstel": v.proposal.title, "gestemd_op": v.created_at.isoformat()}
            for v in Vote.objects.filter(user=user).select_related("proposal")
        ],
    }


HOME_ITEMS = 3


def home_section(request) -> dict | None:
    """Recent FAQ answers and the most wanted open themes for the home page (2 queries)."""
    faqs = list(faq_search()[:HOME_ITEMS])
    proposals = list(proposals_list(status=ThemeProposal.Status.OPEN)[:HOME_ITEMS])
    if not faqs and not proposals:
        return None
    return {"faqs": faqs, "proposals": proposals}
