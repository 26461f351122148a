"""The project team's pages: triage of questions, taking up proposals, signals from the field."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from ontmoetingen.core import exports
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.http import renamed_query
from ontmoetingen.core.models import Theme
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.questions import insight, permissions, selectors, services
from ontmoetingen.questions.forms import (
    AnswerForm,
    AssignForm,
    NoteForm,
    PublishForm,
    StatusForm,
    TakeUpForm,
)
from ontmoetingen.questions.models import Question, ThemeProposal
from ontmoetingen.regions.selectors import provinces_active

BACKOFFICE_CRUMB = {"label": "Beheer", "url": "/beheer/"}
TRIAGE_CRUMB = {"label": "Vragen uit het veld", "url": "/beheer/vragen/"}
SIGNAL_MONTHS = (3, 6, 12, 24)


def _triage_filters(request) -> dict:
    old_names = {key: param for key, param in selectors.TRIAGE_PARAMS.items() if key != param}
    query = renamed_query(request.GET, old_names)
    return {key: query.get(param, "")[:60] for key, param in selectors.TRIAGE_PARAMS.items()}


def _options(choices, counts: dict) -> list[dict]:
    return [
        {"value": str(v), "label": label, "count": counts.get(str(v), 0)} for v, label in choices
    ]


def _without_period(request) -> str:
    params = request.GET.copy()
    for key in (*selectors.PERIOD_FILTERS, "page"):
        params.pop(key, None)
        params.pop(selectors.TRIAGE_PARAMS.get(key, key), None)
    return params.urlencode()


@allowed_if(permissions.can_triage)
def triage_list(request):
    filters = _triage_filters(request)
    counts = selectors.triage_counts(filters=filters)
    team = list(selectors.team_members())
    facets = [
        ("status", "Status", _options(Question.Status.choices, counts["status"])),
        ("kind", "Soort", _options(Question.Kind.choices, counts["kind"])),
        (
            "theme",
            "Thema",
            _options(
                [
                    *Theme.objects.active().values_list("slug", "name"),
                    (selectors.NONE, "geen thema"),
                ],
                counts["theme"],
            ),
        ),
        ("domain", "Domein", _options(Domain.choices, counts["domain"])),
        (
            "province",
            "Provincie",
            _options(
                [*provinces_active().values_list("code", "name"), (selectors.NONE, "onbekend")],
                counts["province"],
            ),
        ),
        (
            "assigned",
            "Toegewezen aan",
            _options(
                [(selectors.UNASSIGNED, "niemand"), *[(u.pk, str(u)) for u in team]],
                counts["assigned"],
            ),
        ),
    ]
    facets = [
        (selectors.TRIAGE_PARAMS[key], label, options, filters.get(key, ""))
        for key, label, options in facets
    ]
    context = {
        "page_obj": paginate(request, selectors.questions_triage(filters=filters)),
        "filters": filters,
        "facets": facets,
        "status_totals": _options(Question.Status.choices, counts["status"]),
        "period_labels": selectors.period_filter_labels(filters),
        "period_filters": [
            (selectors.TRIAGE_PARAMS[key], filters[key])
            for key in selectors.PERIOD_FILTERS
            if filters.get(key)
        ],
        "without_period": _without_period(request),
        "breadcrumbs": [BACKOFFICE_CRUMB, {"label": "Vragen uit het veld"}],
    }
    if request.htmx:
        return render(request, "questions/partials/_triage_results.html", context)
    return render(request, "questions/triage_list.html", context)


ACTIONS = {
    "status": StatusForm,
    "assign": AssignForm,
    "note": NoteForm,
    "answer": AnswerForm,
    "publish": PublishForm,
}


def _forms(question: Question, team, bound_action: str | None = None, data=None) -> dict:
    initial = {
        "status": {"status": question.status},
        "assign": {"assigned_to": question.assigned_to_id},
        "note": {},
        "answer": {"answer": question.answer},
        "publish": {
            "faq_question": question.faq_question or question.text,
            "faq_answer": question.faq_answer or question.answer,
            "theme": question.theme.slug if question.theme else None,
        },
    }
    forms = {}
    for action, form_class in ACTIONS.items():
        kwargs = {"prefix": action, "initial": initial[action]}
        if form_class is AssignForm:
            kwargs["team"] = team
        if form_class is StatusForm:
            kwargs["current"] = question.status
            kwargs["allowed"] = services.TRANSITIONS.get(question.status, ())
        forms[action] = form_class(data if action == bound_action else None, **kwargs)
    return forms


def _run(action: str, form, question: Question, user) -> str:
    data = form.cleaned_data
    if action == "status":
        services.question_set_status(question=question, status=data["status"], actor=user)
        return "De status is gewijzigd."
    if action == "assign":
        services.question_assign(question=question, assignee=data["assigned_to"], actor=user)
        return "De toewijzing is opgeslagen."
    if action == "note":
        services.question_add_note(question=question, text=data["text"], actor=user)
        return "De notitie is opgeslagen."
    if action == "answer":
        services.question_answer(question=question, answer=data["answer"], actor=user)
        return "Het antwoord is opgeslagen en naar de vraagsteller gemaild."
    services.question_publish(
        question=question,
        faq_question=data["faq_question"],
        faq_answer=data["faq_answer"],
        theme=data["theme"],
        actor=user,
    )
    return "De vraag staat nu geanonimiseerd bij de veelgestelde vragen."


@allowed_if(permissions.can_triage)
def triage_detail(request, pk: int):
    try:
        question = selectors.question_for_triage(pk)
    except Question.DoesNotExist as exc:
        raise Http404 from exc
    team = selectors.team_members()
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "unpublish":
        services.question_unpublish(question=question, actor=request.user)
        messages.success(request, "De vraag is niet meer openbaar.")
        return redirect(question.get_absolute_url())
    forms = _forms(question, team, action, request.POST if action in ACTIONS else None)
    status = 200
    if action in ACTIONS:
        form = forms[action]
        if form.is_valid():
            try:
                notice = _run(action, form, question, request.user)
            except ServiceError as error:
                error.add_to_form(form)
            else:
                messages.success(request, notice)
                return redirect(question.get_absolute_url())
        status = 400
    context = {
        "question": question,
        "notes": question.notes.select_related("author"),
        "forms": forms,
        "page_has_errors": status == 400,
        "breadcrumbs": [BACKOFFICE_CRUMB, TRIAGE_CRUMB, {"label": f"Vraag {question.pk}"}],
    }
    return render(request, "questions/triage_detail.html", context, status=status)


@allowed_if(permissions.can_take_up)
def proposal_take_up(request, pk: int):
    try:
        proposal = selectors.proposal_with_votes(pk)
    except ThemeProposal.DoesNotExist as exc:
        raise Http404 from exc
    form = TakeUpForm(request.POST or None, link_groups=selectors.answer_link_choices())
    if request.method == "POST" and proposal.is_open and form.is_valid():
        try:
            services.proposal_take_up(
                proposal=proposal,
                url=form.cleaned_data["url"],
                title=form.cleaned_data["title"],
                actor=request.user,
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(
                request, "Het voorstel is opgepakt; indiener en stemmers krijgen een e-mail."
            )
            return redirect(f"{reverse('questions:proposals')}#voorstel-{proposal.pk}")
    return render(
        request,
        "questions/proposal_take_up.html",
        {
            "proposal": proposal,
            "form": form,
            "breadcrumbs": [{"label": "Thema's", "url": "/themas/"}, {"label": "Opgepakt"}],
        },
    )


def _signal_filters(request) -> insight.SignalFilters:
    months = request.GET.get("maanden", "12")
    months = int(months) if months.isdigit() and int(months) in SIGNAL_MONTHS else 12
    theme = request.GET.get("thema", "")[:120]
    domain = request.GET.get("domein", "")
    province = request.GET.get("provincie", "")[:8]
    return insight.SignalFilters(
        months=months,
        theme=theme,
        domain=domain if domain in Domain.values else "",
        province=province,
    )


CHART_STEP = 10  # SVG units per month
CHART_BAR = 8
CHART_HEIGHT = 40


def _chart(trends: dict) -> dict:
    """Bar geometry for the small multiples (one row of bars per theme, same scale)."""
    peak = trends["peak"] or 1
    for row in trends["series"]:
        for i, cell in enumerate(row["cells"]):
            # whole SVG units: a localised "12,5" would not be a number in an attribute
            height = (
                max(1, round(cell["count"] / peak * (CHART_HEIGHT - 2))) if cell["count"] else 0
            )
            cell.update(x=i * CHART_STEP + 1, height=height, y=CHART_HEIGHT - height)
    trends["width"] = CHART_STEP * len(trends["months"])
    trends["height"] = CHART_HEIGHT
    trends["bar"] = CHART_BAR
    return trends


def _triage_query(filters: insight.SignalFilters) -> str:
    """The signals page's own filters as triage filters, for every link to the questions."""
    params = {"domein": filters.domain, "provincie": filters.province}
    return urlencode({k: v for k, v in params.items() if v})


@allowed_if(permissions.can_triage)
def signal_overview(request):
    filters = _signal_filters(request)
    context = {
        "trends": _chart(insight.theme_trends(filters)),
        "triage_query": _triage_query(filters),
        "top_days": insight.TOP_THEMES_DAYS,
        "answered_days": filters.months * 31,
        "filters": filters,
        "page_obj": paginate(request, insight.signal_rows(filters)),
        "top_themes": insight.top_themes(),
        "open_by_age": insight.open_by_age(),
        "answer_times": insight.answer_times(months=filters.months),
        "month_options": SIGNAL_MONTHS,
        "themes": Theme.objects.active(),
        "domains": Domain.choices,
        "provinces": provinces_active().only("code", "name"),
        "csv_query": request.GET.urlencode(),
        "active_nav": "monitor",
        "breadcrumbs": [BACKOFFICE_CRUMB, {"label": "Signalen uit het veld"}],
    }
    return render(request, "questions/signals.html", context)


SIGNAL_TABLE = (
    exports.Column("month", "Maand"),
    exports.Column("theme", "Thema"),
    exports.Column("domain", "Domein"),
    exports.Column("province", "Provincie"),
    exports.Column("questions", "Vragen"),
    exports.Column("proposals", "Themavoorstellen"),
)


@allowed_if(permissions.can_triage)
def signal_export(request):
    rows = (
        {**row, "month": row["month"].strftime("%Y-%m")}
        for row in insight.signal_rows(_signal_filters(request))
    )
    return exports.table_csv(
        SIGNAL_TABLE, rows, "signalen-uit-het-veld.csv", codes=exports.wants_codes(request)
    )
