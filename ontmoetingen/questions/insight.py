"""Insight for the project team: what lives where, in figures (reads only)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.models import Theme
from ontmoetingen.questions.models import Question, ThemeProposal, Vote
from ontmoetingen.regions.models import Province

TOP_THEMES_DAYS = 90
TOP_THEMES_LIMIT = 10
AGE_BUCKETS = ((7, "minder dan een week"), (30, "1 tot 4 weken"), (90, "1 tot 3 maanden"))
OLDEST_BUCKET = "langer dan 3 maanden"
NO_VALUE = "onbekend"


@dataclass(frozen=True)
class SignalFilters:
    months: int = 12
    theme: str = ""
    domain: str = ""
    province: str = ""


def _filtered(queryset, filters: SignalFilters):
    since = timezone.now() - timedelta(days=31 * filters.months)
    queryset = queryset.filter(created_at__gte=since)
    if filters.theme:
        queryset = queryset.filter(theme__slug=filters.theme)
    if filters.domain:
        queryset = queryset.filter(domain=filters.domain)
    if filters.province:
        queryset = queryset.filter(municipality__province__code=filters.province)
    return queryset


def _grouped(queryset, filters: SignalFilters):
    return (
        _filtered(queryset, filters)
        .order_by()
        .annotate(month=TruncMonth("created_at"))
        .values_list("month", "theme_id", "domain", "municipality__province_id")
        .annotate(n=Count("pk"))
    )


def signal_rows(filters: SignalFilters) -> list[dict]:
    """Questions and proposals counted by month, theme, domain and province (3 queries)."""
    themes = dict(Theme.objects.values_list("pk", "name"))
    provinces = dict(Province.objects.values_list("code", "name"))
    domains = dict(Domain.choices)
    table: dict[tuple, dict[str, int]] = defaultdict(lambda: {"questions": 0, "proposals": 0})
    for kind, model in (("questions", Question), ("proposals", ThemeProposal)):
        for month, theme_id, domain, province_id, n in _grouped(model.objects.all(), filters):
            month_value = month.date() if hasattr(month, "date") else month
            table[(month_value, theme_id, domain, province_id)][kind] += n
    rows = [
        {
            "month": month,
            "theme": themes.get(theme_id, NO_VALUE),
            "domain": domains.get(domain, NO_VALUE),
            "province": provinces.get(province_id, NO_VALUE),
            **counts,
        }
        for (month, theme_id, domain, province_id), counts in table.items()
    ]
    rows.sort(key=lambda r: (-r["month"].toordinal(), r["theme"], r["domain"], r["province"]))
    return rows


def top_themes(*, days: int = TOP_THEMES_DAYS, limit: int = TOP_THEMES_LIMIT) -> list[dict]:
    """Themes by questions, proposals and votes in the last ``days`` days (3 grouped queries)."""
    since = timezone.now() - timedelta(days=days)
    questions = dict(
        Question.objects.filter(created_at__gte=since, theme__isnull=False)
        .order_by()
        .values_list("theme")
        .annotate(n=Count("pk"))
    )
    proposals = dict(
        ThemeProposal.objects.filter(created_at__gte=since, theme__isnull=False)
        .order_by()
        .values_list("theme")
        .annotate(n=Count("pk"))
    )
    votes = dict(
        Vote.objects.filter(created_at__gte=since, proposal__theme__isnull=False)
        .order_by()
        .values_list("proposal__theme")
        .annotate(n=Count("pk"))
    )
    rows = []
    for theme in Theme.objects.filter(pk__in={*questions, *proposals, *votes}):
        row = {
            "theme": theme,
            "questions": questions.get(theme.pk, 0),
            "proposals": proposals.get(theme.pk, 0),
            "votes": votes.get(theme.pk, 0),
        }
        row["total"] = row["questions"] + row["proposals"] + row["votes"]
        rows.append(row)
    rows.sort(key=lambda r: (-r["total"], r["theme"].name))
    return rows[:limit]


def open_by_age(*, today: date | None = None) -> list[dict]:
    """Open questions (nieuw, in behandeling) by how long they have waited."""
    now = timezone.now()
    buckets = [{"label": label, "count": 0} for _, label in AGE_BUCKETS]
    buckets.append({"label": OLDEST_BUCKET, "count": 0})
    for created_at in Question.objects.open().values_list("created_at", flat=True):
        age = (now - created_at).days
        for index, (limit, _) in enumerate(AGE_BUCKETS):
            if age < limit:
                buckets[index]["count"] += 1
                break
        else:
            buckets[-1]["count"] += 1
    return buckets


def answer_times(*, months: int = 12) -> dict:
    """Median (and count) of days from receipt to answer for questions answered recently."""
    since = timezone.now() - timedelta(days=31 * months)
    pairs = Question.objects.filter(answered_at__gte=since).values_list("created_at", "answered_at")
    days = [(answered - created).total_seconds() / 86400 for created, answered in pairs]
    return {
        "count": len(days),
        "median": round(statistics.median(days), 1) if days else None,
    }
