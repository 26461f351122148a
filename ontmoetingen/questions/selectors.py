"""Reads: the public FAQ, the triage list with its counts, proposals, and what users sent."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.core.models import Theme
from ontmoetingen.events.models import Event
from ontmoetingen.events.selectors import registrations_of_user
from ontmoetingen.questions import insight
from ontmoetingen.questions.models import Question, ThemeProposal, Vote
from ontmoetingen.toolkit.models import Resource

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
# Filters that the figures on /monitor/signalen/ link with: a calendar month ("2026-11"),
# received in the last N days, open and waiting this long (insight.AGE_BUCKETS), answered in
# the last N days.
PERIOD_FILTERS = ("month", "since", "age", "answered")
# The filters' names in the address bar are Dutch; the English ones of older links still work.
TRIAGE_PARAMS = {
    "status": "status",
    "kind": "soort",
    "theme": "thema",
    "domain": "domein",
    "province": "provincie",
    "assigned": "toegewezen",
    "month": "maand",
    "since": "sinds",
    "age": "ouderdom",
    "answered": "beantwoord",
    "q": "q",
}
UNASSIGNED = "geen"
NONE = "geen"  # theme or province: questions without one
MAX_DAYS = 3660


def _days(value) -> int | None:
    text = str(value or "")
    return min(int(text), MAX_DAYS) if text.isdigit() else None


def _month(value) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})", str(value or ""))
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    return int(match[1]), int(match[2])


def _apply_period_filters(queryset, filters: dict):
    now = timezone.now()
    month = _month(filters.get("month"))
    if month:
        queryset = queryset.filter(created_at__year=month[0], created_at__month=month[1])
    since = _days(filters.get("since"))
    if since is not None:
        queryset = queryset.filter(created_at__gte=now - timedelta(days=since))
    answered = _days(filters.get("answered"))
    if answered is not None:
        queryset = queryset.filter(answered_at__gte=now - timedelta(days=answered))
    for key, start, end, _ in insight.AGE_BUCKETS:
        if filters.get("age") == key:
            queryset = queryset.open().filter(created_at__lte=now - timedelta(days=start))
            if end is not None:
                queryset = queryset.filter(created_at__gt=now - timedelta(days=end))
    return queryset


def period_filter_labels(filters: dict) -> list[str]:
    """The period filters in words, for the notice above the triage list."""
    labels = []
    month = _month(filters.get("month"))
    if month:
        labels.append(f"ontvangen in {date_format(date(*month, 1), 'F Y')}")
    if _days(filters.get("since")) is not None:
        labels.append(f"ontvangen in de laatste {_days(filters['since'])} dagen")
    if _days(filters.get("answered")) is not None:
        labels.append(f"beantwoord in de laatste {_days(filters['answered'])} dagen")
    labels += [
        f"open, wacht {label}"
        for key, _, _, label in insight.AGE_BUCKETS
        if filters.get("age") == key
    ]
    return labels


def _apply_triage_filters(queryset, filters: dict, *, skip: str | None = None):
    lookups = {
        "status": "status",
        "kind": "kind",
        "theme": "theme__slug",
        "domain": "domain",
        "province": "municipality__province__code",
    }
    for key, lookup in lookups.items():
        if key == skip or not filters.get(key):
            continue
        if key in ("theme", "province") and filters[key] == NONE:
            queryset = queryset.filter(**{lookup.replace("__slug", "").replace("__code", ""): None})
        else:
            queryset = queryset.filter(**{lookup: filters[key]})
    queryset = _apply_period_filters(queryset, filters)
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
            (NONE if value is None and key in ("assigned", "theme", "province") else str(value)): n
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


def linkable_objects(*, limit: int = 200, newest_first: bool = True) -> list[tuple[str, list]]:
    """Published events and toolkit items that can answer a proposal, with their themes:
    [(group label, [object, ...])], empty groups left out."""
    order = "-pk" if newest_first else "pk"
    groups = (
        ("Bijeenkomsten", Event.objects.published()),
        ("Toolkit", Resource.objects.published()),
    )
    found = []
    for label, queryset in groups:
        objects = list(queryset.prefetch_related("themes").order_by(order)[:limit])
        if objects:
            found.append((label, objects))
    return found


def answer_link_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """[(group label, [(url, title), ...])] for the "opgepakt" form."""
    return [
        (label, [(obj.get_absolute_url(), str(obj)) for obj in objects])
        for label, objects in linkable_objects()
    ]


# --- what one user sent -----------------------------------------------------------------------


def sender_defaults(user) -> dict:
    """Domain, municipality (code) and organisation a logged-in user gave before, to fill in
    a form for them: from their newest event registration, else their newest question or
    theme proposal. Empty for visitors and for users who never told us."""
    if not user.is_authenticated:
        return {}
    registration = (
        registrations_of_user(user)
        .select_related(None)
        .order_by("-created_at")
        .only("domain", "organisation", "work_municipality_id")
        .first()
    )
    if registration is not None:
        return {
            "domain": registration.domain,
            "municipality": registration.work_municipality_id or "",
            "organisation": registration.organisation,
        }
    latest = (
        Question.objects.filter(_of_user(user)).order_by("-created_at").first()
        or ThemeProposal.objects.filter(proposer=user).order_by("-created_at").first()
    )
    if latest is None:
        return {}
    return {"domain": latest.domain, "municipality": latest.municipality_id or ""}


def _of_user(user) -> Q:
    # questions sent before the account existed carry only the e-mail address
    return Q(user=user) | Q(email=user.email)


def questions_of(user) -> QuerySet[Question]:
    return Question.objects.filter(_of_user(user)).order_by("-created_at", "-pk")


def proposals_of(user) -> QuerySet[ThemeProposal]:
    return ThemeProposal.objects.with_votes().filter(proposer=user).order_by("-created_at", "-pk")


def proposals_voted_by(user) -> QuerySet[ThemeProposal]:
    """Proposals the user voted for, other than their own."""
    return (
        ThemeProposal.objects.with_votes()
        .filter(votes__user=user)
        .exclude(proposer=user)
        .order_by("-created_at", "-pk")
    )


def votes_of(user) -> QuerySet[Vote]:
    return Vote.objects.filter(user=user).select_related("proposal").order_by("created_at", "pk")


def questions_of_person(*, email: str, user=None) -> QuerySet[Question]:
    """Questions sent with this address (any case) or by this account (an AVG request)."""
    match = Q(email__iexact=email)
    if user is not None:
        match |= Q(user=user)
    return Question.objects.filter(match).order_by("-created_at", "-pk")
