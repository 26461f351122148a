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
# Open questions by waiting time: (key in the triage link, from days, to days, label).
AGE_BUCKETS = (
    ("week", 0, 7, "minder dan een week"),
    ("weken", 7, 30, "1 tot 4 weken"),
    ("maanden", 30, 90, "1 tot 3 maanden"),
    ("ouder", 90, None, "langer dan 3 maanden"),
)
NO_VALUE = "onbekend"
NO_THEME = "geen"  # the triage filter value for questions without a theme


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
    slugs = dict(Theme.objects.values_list("pk", "slug"))
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
            # the triage list's filter values, so each figure links to its questions
            "link": {
                "month": month.strftime("%Y-%m"),
                "theme": slugs.get(theme_id, NO_THEME),
                "domain": domain or "",
                "province": province_id or NO_THEME,
            },
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
    buckets = [{"key": key, "label": label, "count": 0} for key, _, _, label in AGE_BUCKETS]
    for created_at in Question.objects.open().values_list("created_at", flat=True):
        age = (now - created_at).days
        for bucket, (_, start, end, _) in zip(buckets, AGE_BUCKETS, strict=True):
            if age >= start and (end is None or age < end):
                bucket["count"] += 1
                break
    return buckets


def month_range(months: int, *, today: date | None = None) -> list[date]:
    """The first days of the last ``months`` calendar months, oldest first, this month last."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    firsts = []
    for _ in range(months):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def theme_trends(filters: SignalFilters) -> dict:
    """Questions per theme per calendar month (the chart of themes over time): every theme
    with questions in the period, most first, and questions without a theme as "geen thema".
    One grouped query. Each series carries the triage filter value of its theme."""
    months = month_range(filters.months)
    rows = (
        _filtered(Question.objects.all(), filters)
        .filter(created_at__date__gte=months[0])
        .order_by()
        .annotate(month=TruncMonth("created_at"))
        .values_list("month", "theme_id")
        .annotate(n=Count("pk"))
    )
    index = {month: i for i, month in enumerate(months)}
    per_theme: dict[int | None, list[int]] = defaultdict(lambda: [0] * len(months))
    for month, theme_id, n in rows:
        month_value = month.date() if hasattr(month, "date") else month
        if month_value in index:
            per_theme[theme_id][index[month_value]] += n
    themes = {t.pk: t for t in Theme.objects.filter(pk__in=[k for k in per_theme if k])}
    series = [
        {"slug": themes[k].slug, "label": themes[k].name, "counts": per_theme[k]} for k in themes
    ]
    series.sort(key=lambda row: (-sum(row["counts"]), row["label"]))
    if None in per_theme:
        series.append({"slug": NO_THEME, "label": "geen thema", "counts": per_theme[None]})
    peak = max((n for row in series for n in row["counts"]), default=0)
    for row in series:
        row["total"] = sum(row["counts"])
        row["cells"] = [
            {"month": month, "count": n, "key": month.strftime("%Y-%m")}
            for month, n in zip(months, row["counts"], strict=True)
        ]
    return {"months": months, "series": series, "peak": peak}


def answer_times(*, months: int = 12) -> dict:
    """Median (and count) of days from receipt to answer for questions answered recently."""
    since = timezone.now() - timedelta(days=31 * months)
    pairs = Question.objects.filter(answered_at__gte=since).values_list("created_at", "answered_at")
    days = [(answered - created).total_seconds() / 86400 for created, answered in pairs]
    return {
        "count": len(days),
        "median": round(statistics.median(days), 1) if days else None,
    }
