from urllib.parse import urlencode

from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from ontmoetingen.core import fragments
from ontmoetingen.core.exports import wants_codes
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.monitor import outreach as outreach_selectors
from ontmoetingen.monitor import selectors
from ontmoetingen.monitor.charts import series_table_rows, status_line_chart
from ontmoetingen.monitor.exports import EXPORT_TABLE, csv_response, export_rows, xlsx_response
from ontmoetingen.monitor.forms import AsOfForm, MunicipalityFilterForm, OutreachFilterForm
from ontmoetingen.monitor.maps import status_map_shapes
from ontmoetingen.monitor.permissions import can_view_outreach
from ontmoetingen.monitor.snapshot import monitor_snapshot, status_legend
from ontmoetingen.regions.selectors import VIEWBOX, name_matches, search_key

TABLE_PAGE_SIZE = 50
BREADCRUMB = {"label": "Monitor", "url": "/monitor/"}


def _as_of(request) -> tuple[AsOfForm, str]:
    """The as-of form bound to the query string, and the query string that carries a valid
    date along to other links ("" for today)."""
    form = AsOfForm(request.GET if "peildatum" in request.GET else None)
    on = form.as_of()
    return form, urlencode({"peildatum": on.isoformat()}) if on else ""


def _index_content(request, form: AsOfForm, as_of_query: str, *, outreach: bool) -> str:
    overview = selectors.monitor_overview(on=form.as_of())
    context = {
        "form": form,
        "as_of_query": as_of_query,
        "overview": overview,
        "snapshot": overview.snapshot,
        "chart": status_line_chart(overview.series),
        "series_rows": series_table_rows(overview.series),
        "legend": status_legend(),
        "viewbox": VIEWBOX,
        "map_shapes": status_map_shapes(overview.snapshot.rows, prefix="st", links=True),
        "can_view_outreach": outreach,
    }
    return render_to_string("monitor/partials/_index.html", context, request)


@require_GET
def index(request):
    """The map, figures, chart and tables are one fragment per data version, as-of date and
    role (whether the outreach link shows); the base layout around it is per request."""
    form, as_of_query = _as_of(request)
    outreach = can_view_outreach(request.user)
    content = fragments.cached_html(
        request,
        render=lambda: _index_content(request, form, as_of_query, outreach=outreach),
        vary=(request.GET.get("peildatum"), outreach),
    )
    context = {
        "form": form,
        "content": content,
        "active_nav": "monitor",
        "breadcrumbs": [{"label": "Monitor"}],
    }
    return render(request, "monitor/index.html", context)


def _filter_rows(rows, filters: dict):
    needle = search_key(filters.get("text", ""))
    return [
        row
        for row in rows
        if (not filters.get("province") or row.province_code == filters["province"])
        and (not filters.get("ggd_region") or row.ggd_code == filters["ggd_region"])
        and (not filters.get("status") or row.status == filters["status"])
        and (not needle or name_matches(row.name, row.code, needle))
    ]


@require_GET
def municipality_table(request):
    """The map as a table: every municipality with its coalition and status, filterable."""
    form, as_of_query = _as_of(request)
    filters_form = MunicipalityFilterForm(request.GET)
    snapshot = monitor_snapshot(on=form.as_of())
    rows = _filter_rows(snapshot.rows, filters_form.filters())
    context = {
        "form": form,
        "filters_form": filters_form,
        "as_of_query": as_of_query,
        "snapshot": snapshot,
        "page_obj": paginate(request, rows, per_page=TABLE_PAGE_SIZE),
        "count": len(rows),
        "active_nav": "monitor",
        "breadcrumbs": [BREADCRUMB, {"label": "Tabel per gemeente"}],
    }
    return render(request, "monitor/table.html", context)


def _export(request, kind: str):
    form = AsOfForm(request.GET if "peildatum" in request.GET else None)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(
            "Ongeldige peildatum: gebruik JJJJ-MM-DD, niet in de toekomst.",
            content_type="text/plain; charset=utf-8",
        )
    snapshot = monitor_snapshot(on=form.as_of())
    rows = export_rows(snapshot)
    filename = f"kansrijke-start-monitor-{snapshot.on.isoformat()}.{kind}"
    codes = wants_codes(request)
    if kind == "csv":
        return csv_response(rows, EXPORT_TABLE, filename, codes=codes)
    return xlsx_response(rows, EXPORT_TABLE, filename, title="Monitor", codes=codes)


@require_GET
def export_csv(request):
    return _export(request, "csv")


@require_GET
def export_xlsx(request):
    return _export(request, "xlsx")


def _outreach_items(request) -> tuple[OutreachFilterForm, list]:
    form = OutreachFilterForm(request.GET)
    return form, outreach_selectors.outreach_list(**form.filters())


@allowed_if(can_view_outreach)
@require_GET
def outreach(request):
    """The project team's list: coalitions without birth care at the table and the
    birth-care organisations working in their municipalities."""
    form, items = _outreach_items(request)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "filters_form": form,
        "page_obj": paginate(request, items),
        "count": len(items),
        "export_query": params.urlencode(),
        "active_nav": "monitor",
        "breadcrumbs": [BREADCRUMB, {"label": "Outreachlijst geboortezorg"}],
    }
    return render(request, "monitor/outreach.html", context)


@allowed_if(can_view_outreach)
@require_GET
def outreach_csv(request):
    _form, items = _outreach_items(request)
    return csv_response(
        outreach_selectors.outreach_export_rows(items),
        outreach_selectors.OUTREACH_TABLE,
        "outreach-geboortezorg.csv",
        codes=wants_codes(request),
    )
