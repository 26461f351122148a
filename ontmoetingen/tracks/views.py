"""Reach pages, the public regiotour and the coordinators' action updates."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.exports import wants_codes
from ontmoetingen.core.permissions import allowed_if, is_logged_in
from ontmoetingen.monitor.exports import csv_response, xlsx_response
from ontmoetingen.regions.geometry import VIEWBOX
from ontmoetingen.tracks import reach, selectors, services
from ontmoetingen.tracks.forms import ActionStatusForm, ReachFilterForm
from ontmoetingen.tracks.maps import reach_legend, reach_map_shapes
from ontmoetingen.tracks.models import Visit
from ontmoetingen.tracks.permissions import can_manage_tour, can_view_reach
from ontmoetingen.tracks.tour_map import tour_map

MONITOR_CRUMB = {"label": "Monitor", "url": "/monitor/"}
TOUR_CRUMB = {"label": "Regiotour", "url": "/regiotour/"}


@allowed_if(can_view_reach)
@require_GET
def reach_index(request):
    form = ReachFilterForm(request.GET or None)
    filters = form.filters()
    layer = form.layer()
    overview = reach.reach_overview(filters, with_shapes=True)
    query = request.GET.urlencode()
    context = {
        "form": form,
        "reach": overview,
        "layer": layer,
        "layer_label": "aanwezig" if layer == reach.ATTENDED else "aangemeld",
        "legend": reach_legend(overview.rows, layer),
        "viewbox": VIEWBOX,
        "map_shapes": reach_map_shapes(overview.rows, layer=layer),
        "reached_rows": sorted(
            (r for r in overview.rows if r.attended or r.registered),
            key=lambda r: (-r.attended, -r.registered, r.name),
        ),
        "export_query": query,
        "active_nav": "monitor",
        "breadcrumbs": [MONITOR_CRUMB, {"label": "Bereik van bijeenkomsten"}],
    }
    return render(request, "tracks/reach.html", context)


def _reach_export(request, kind: str):
    form = ReachFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(
            "Ongeldige periode of filter.", content_type="text/plain; charset=utf-8"
        )
    filters = form.filters()
    rows = reach.export_rows(reach.reach_overview(filters))
    filename = f"bereik-{filters.start.isoformat()}-{filters.end.isoformat()}.{kind}"
    codes = wants_codes(request)
    if kind == "csv":
        return csv_response(rows, reach.REACH_TABLE, filename, codes=codes)
    return xlsx_response(rows, reach.REACH_TABLE, filename, title="Bereik", codes=codes)


@allowed_if(can_view_reach)
@require_GET
def reach_csv(request):
    return _reach_export(request, "csv")


@allowed_if(can_view_reach)
@require_GET
def reach_xlsx(request):
    return _reach_export(request, "xlsx")


# --- the public regiotour -----------------------------------------------------------------


@require_GET
def tour(request):
    team = can_manage_tour(request.user)
    visits = selectors.visits_itinerary(public=not team)
    for number, visit in enumerate(visits, start=1):
        visit.number = number
        visit.region_label = selectors.visit_region_label(visit)
    context = {
        "visits": visits,
        "map": tour_map(visits),
        "team": team,
        "active_nav": "agenda",
        "breadcrumbs": [{"label": "Regiotour"}],
    }
    return render(request, "tracks/tour.html", context)


@require_GET
def visit_detail(request, pk: int):
    team = can_manage_tour(request.user)
    try:
        visit = selectors.visit_get(pk, public=not team)
    except Visit.DoesNotExist as exc:
        raise Http404("Onbekend bezoek") from exc
    context = {
        "visit": visit,
        "region_label": selectors.visit_region_label(visit),
        "team": team,
        "active_nav": "agenda",
        "breadcrumbs": [TOUR_CRUMB, {"label": visit.title}],
    }
    if team:
        context["report"] = selectors.visit_report(visit)
        context["attendance"] = selectors.visit_attendance(visit)
        context["actions"] = list(visit.actions.all())
    return render(request, "tracks/visit_detail.html", context)


@allowed_if(is_logged_in)
@require_POST
def action_status(request, pk: int):
    """A coordinator (or the team) sets the status of an action their coalition owns."""
    action = get_object_or_404(selectors.actions_updatable_by(request.user), pk=pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.action_set_status(
                action=action, status=form.cleaned_data["status"], actor=request.user
            )
            messages.success(request, "De status van de actie is bijgewerkt.")
        except ServiceError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, "Kies een geldige status.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "accounts:mine"
    return redirect(target)
