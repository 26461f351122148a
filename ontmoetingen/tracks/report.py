"""The progress report for funder and national partners: every figure read from the same
selectors as the platform's own pages (monitor, reach, regiotour, toolkit, questions), so the
report and the pages agree for the same period."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from ontmoetingen.core.domain import Domain
from ontmoetingen.events.models import EventKind
from ontmoetingen.monitor.figures import (
    CoalitionFigures,
    StatusCount,
    coalition_figures,
    status_counts,
)
from ontmoetingen.monitor.snapshot import monitor_snapshot
from ontmoetingen.questions.models import Question
from ontmoetingen.toolkit.models import Kind, Resource
from ontmoetingen.tracks.models import FollowUpAction, Recording, Visit, VisitStatus
from ontmoetingen.tracks.reach import Reach, ReachFilters, events_in, reach_overview

TOP = 10


@dataclass
class StatusChange:
    label: str
    start: int
    end: int

    @property
    def change(self) -> str:
        diff = self.end - self.start
        return f"+{diff}" if diff > 0 else str(diff)


@dataclass
class Bar:
    label: str
    count: int
    width: int  # share of the largest bar, rounded to tens (a CSS class w-<width>)


def bars(items: list[tuple[str, int]]) -> list[Bar]:
    largest = max((n for _, n in items), default=0)
    return [Bar(label, n, round(10 * n / largest) * 10 if largest else 0) for label, n in items]


@dataclass
class ProgressReport:
    start: date
    end: date
    statuses: list[StatusChange]
    coalitions_start: CoalitionFigures
    coalitions_end: CoalitionFigures
    reach: Reach
    events_by_kind: list[tuple[str, int, int]]  # (kind label, meetings, attendees)
    visits_by_status: list[tuple[str, int]]
    visits: list[Visit]
    open_actions: int
    overdue_actions: int
    actions_by_status: list[tuple[str, int]]
    toolkit_added: list[tuple[str, int]]
    toolkit_added_total: int
    toolkit_most_used: list[tuple[str, int]]
    questions_total: int
    questions_by_theme: list[Bar]
    questions_by_domain: list[Bar]
    domain_bars: list[Bar]

    @property
    def birth_care_change(self) -> str:
        return StatusChange(
            "", self.coalitions_start.birth_care, self.coalitions_end.birth_care
        ).change


def _statuses(start_counts: list[StatusCount], end_counts: list[StatusCount]):
    return [
        StatusChange(label=a.label, start=a.count, end=b.count)
        for a, b in zip(start_counts, end_counts, strict=True)
    ]


def _events_by_kind(filters: ReachFilters) -> list[tuple[str, int, int]]:
    rows = (
        events_in(filters)
        .order_by()
        .values("kind")
        .annotate(
            meetings=Count("pk", distinct=True),
            came=Count(
                "registrations",
                filter=Q(
                    registrations__status="confirmed", registrations__checked_in_at__isnull=False
                ),
            ),
        )
    )
    found = {r["kind"]: (r["meetings"], r["came"]) for r in rows}
    return [(k.label, *found[k.value]) for k in EventKind if k.value in found]


def _visits(start: date, end: date) -> list[Visit]:
    return list(
        Visit.objects.filter(date__gte=start, date__lte=end)
        .select_related("province", "ggd_region")
        .prefetch_related("hosts")
        .order_by("date", "pk")
    )


def _actions() -> tuple[int, int, list[tuple[str, int]]]:
    counts = dict(FollowUpAction.objects.order_by().values_list("status").annotate(n=Count("pk")))
    labels = dict(FollowUpAction._meta.get_field("status").choices)
    return (
        FollowUpAction.objects.open().count(),
        FollowUpAction.objects.overdue().count(),
        [(labels[s], counts.get(s, 0)) for s in labels],
    )


def _toolkit(start: date, end: date):
    added = dict(
        Resource.objects.published()
        .filter(published_at__date__gte=start, published_at__date__lte=end)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    by_kind = [(k.label, added[k.value]) for k in Kind if added.get(k.value)]
    used: Counter = Counter()
    for title in Visit.objects.filter(date__gte=start, date__lte=end).values_list(
        "resources__title", flat=True
    ):
        if title:
            used[title] += 1
    for title in Recording.objects.filter(
        event__starts_at__date__gte=start, event__starts_at__date__lte=end
    ).values_list("resource__title", flat=True):
        used[title] += 1
    most = sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    return by_kind, sum(added.values()), most


def _questions(start: date, end: date):
    questions = Question.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    by_theme = (
        questions.exclude(theme__isnull=True)
        .order_by()
        .values_list("theme__name")
        .annotate(n=Count("pk"))
    )
    by_domain = dict(questions.order_by().values_list("domain").annotate(n=Count("pk")))
    return (
        questions.count(),
        bars(sorted(by_theme, key=lambda kv: (-kv[1], kv[0]))[:TOP]),
        bars([(d.label, by_domain.get(d.value, 0)) for d in Domain]),
    )


def progress_report(*, start: date, end: date, with_shapes: bool = False) -> ProgressReport:
    """Everything the report shows for the period; the reach and monitor parts are the very
    figures /monitor/bereik/ and /monitor/?peildatum=… show for the same dates."""
    before = monitor_snapshot(on=start)
    after = monitor_snapshot(on=end)
    reach = reach_overview(ReachFilters(start=start, end=end), with_shapes=with_shapes)
    visits = _visits(start, end)
    visit_counts = Counter(v.status for v in visits)
    open_actions, overdue, actions_by_status = _actions()
    toolkit_added, toolkit_total, most_used = _toolkit(start, end)
    questions_total, by_theme, by_domain = _questions(start, end)
    return ProgressReport(
        start=start,
        end=end,
        statuses=_statuses(status_counts(before.rows), status_counts(after.rows)),
        coalitions_start=coalition_figures(before.rows),
        coalitions_end=coalition_figures(after.rows),
        reach=reach,
        events_by_kind=_events_by_kind(ReachFilters(start=start, end=end)),
        visits_by_status=[(s.label, visit_counts.get(s.value, 0)) for s in VisitStatus],
        visits=visits,
        open_actions=open_actions,
        overdue_actions=overdue,
        actions_by_status=actions_by_status,
        toolkit_added=toolkit_added,
        toolkit_added_total=toolkit_total,
        toolkit_most_used=most_used,
        questions_total=questions_total,
        questions_by_theme=by_theme,
        questions_by_domain=by_domain,
        domain_bars=bars([(d.label, d.count) for d in reach.domains]),
    )


def report_sheets(report: ProgressReport) -> list[tuple[str, list[str], list[list]]]:
    """The report's tables for the XLSX: (sheet title, header, rows)."""
    c0, c1 = report.coalitions_start, report.coalitions_end
    return [
        (
            "Monitor",
            ["status", f"gemeenten {report.start}", f"gemeenten {report.end}", "verschil"],
            [[s.label, s.start, s.end, s.change] for s in report.statuses]
            + [
                ["coalities", c0.coalitions, c1.coalitions, c1.coalitions - c0.coalitions],
                [
                    "geboortezorg aan tafel",
                    c0.birth_care,
                    c1.birth_care,
                    c1.birth_care - c0.birth_care,
                ],
            ],
        ),
        (
            "Bijeenkomsten",
            ["soort", "bijeenkomsten", "aanwezig"],
            [list(row) for row in report.events_by_kind],
        ),
        (
            "Bereik",
            ["cijfer", "waarde"],
            [
                ["bijeenkomsten", report.reach.events],
                ["aanwezig", report.reach.attended],
                ["aangemeld", report.reach.registered],
                ["gemeenten bereikt", report.reach.municipalities_reached],
                ["coalities bereikt", report.reach.coalitions_reached],
                ["organisaties bereikt", report.reach.organisations_reached],
                ["witte vlekken", len(report.reach.white_spots)],
            ]
            + [[f"aanwezig {d.label}", d.count] for d in report.reach.domains],
        ),
        (
            "Regiotour",
            ["bezoek", "datum", "status"],
            [[v.title, v.date, v.get_status_display()] for v in report.visits],
        ),
        ("Vervolgacties", ["status", "aantal"], [list(r) for r in report.actions_by_status]),
        (
            "Toolkit",
            ["soort of item", "aantal"],
            [[f"nieuw: {k}", n] for k, n in report.toolkit_added]
            + [[f"ingezet: {t}", n] for t, n in report.toolkit_most_used],
        ),
        (
            "Vragen",
            ["thema of domein", "vragen"],
            [[b.label, b.count] for b in report.questions_by_theme]
            + [[f"domein: {b.label}", b.count] for b in report.questions_by_domain],
        ),
    ]
