"""The project team's back office for the regiotour: visits, reports, actions, recordings."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ontmoetingen.core.audit import audit_entries
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.tracks import selectors, services
from ontmoetingen.tracks.forms import ActionForm, RecordingForm, VisitForm, VisitReportForm
from ontmoetingen.tracks.models import FollowUpAction, Recording, Visit, VisitReport
from ontmoetingen.tracks.permissions import can_manage_tour

BACKOFFICE = {"label": "Beheer", "url": "/beheer/"}
VISITS = {"label": "Regiotour", "url": "/beheer/regiotour/"}


@allowed_if(can_manage_tour)
def visit_list(request):
    visits = selectors.visits_itinerary(public=False)
    for visit in visits:
        visit.region_label = selectors.visit_region_label(visit)
    context = {
        "visits": visits,
        "actions": paginate(request, selectors.actions_list(status=request.GET.get("status", ""))),
        "overdue": selectors.actions_list(overdue=True).count(),
        "breadcrumbs": [BACKOFFICE, {"label": "Regiotour"}],
    }
    return render(request, "tracks/manage/visit_list.html", context)


def _form_page(request, template: str, form, *, title: str, crumbs, **extra):
    context = {"form": form, "title": title, "breadcrumbs": [BACKOFFICE, VISITS, *crumbs], **extra}
    return render(request, template, context)


@allowed_if(can_manage_tour)
@require_http_methods(["GET", "POST"])
def visit_edit(request, pk: int | None = None):
    visit = get_object_or_404(Visit, pk=pk) if pk else None
    form = VisitForm(request.POST or None, instance=visit)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_save(visit=visit, data=form.cleaned_data, actor=request.user)
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, "Het bezoek is opgeslagen.")
            return redirect("tracks:visit", pk=visit.pk)
    title = f"{visit.title} bewerken" if visit else "Nieuw bezoek"
    log = list(audit_entries(obj=visit)[:20]) if visit else []
    return _form_page(
        request, "tracks/manage/form.html", form, title=title, crumbs=[{"label": title}], log=log
    )


@allowed_if(can_manage_tour)
@require_http_methods(["GET", "POST"])
def report_edit(request, pk: int):
    visit = get_object_or_404(Visit, pk=pk)
    report = VisitReport.objects.filter(visit=visit).first()
    form = VisitReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        services.visit_report_save(visit=visit, data=form.cleaned_data, actor=request.user)
        messages.success(request, "Het verslag is opgeslagen.")
        return redirect("tracks:visit", pk=visit.pk)
    title = f"Verslag: {visit.title}"
    return _form_page(
        request,
        "tracks/manage/form.html",
        form,
        title=title,
        crumbs=[{"label": visit.title, "url": visit.get_absolute_url()}, {"label": "Verslag"}],
        attendance=selectors.visit_attendance(visit),
    )


@allowed_if(can_manage_tour)
@require_http_methods(["GET", "POST"])
def action_edit(request, pk: int | None = None, visit_pk: int | None = None):
    action = (
        get_object_or_404(FollowUpAction.objects.select_related("visit"), pk=pk) if pk else None
    )
    visit = action.visit if action else get_object_or_404(Visit, pk=visit_pk)
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_save(
                action=action, visit=visit, data=form.cleaned_data, actor=request.user
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, "De vervolgactie is opgeslagen.")
            return redirect("tracks:visit", pk=visit.pk)
    title = "Vervolgactie bewerken" if action else "Nieuwe vervolgactie"
    return _form_page(
        request,
        "tracks/manage/form.html",
        form,
        title=title,
        crumbs=[{"label": visit.title, "url": visit.get_absolute_url()}, {"label": title}],
    )


@allowed_if(can_manage_tour)
@require_http_methods(["GET", "POST"])
def recordings(request):
    form = RecordingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recording_add(
                event=form.cleaned_data["event"],
                resource=form.cleaned_data["resource"],
                kind=form.cleaned_data["kind"],
                actor=request.user,
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, "De opname is aan de bijeenkomst gekoppeld.")
            return redirect("tracks:recordings")
    items = Recording.objects.select_related("event", "resource").order_by("-event__starts_at")
    return _form_page(
        request,
        "tracks/manage/recordings.html",
        form,
        title="Opnames en presentaties",
        crumbs=[{"label": "Opnames"}],
        recordings=items,
    )


@allowed_if(can_manage_tour)
@require_POST
def recording_remove(request, pk: int):
    recording = get_object_or_404(Recording.objects.select_related("resource"), pk=pk)
    services.recording_remove(recording=recording, actor=request.user)
    messages.success(request, "De koppeling is verwijderd.")
    return redirect("tracks:recordings")
