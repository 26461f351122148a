"""The progress report (/beheer/rapportage/): printable page, PDF (WeasyPrint) and XLSX."""

from __future__ import annotations

import io

from django.contrib.staticfiles import finders
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from ontmoetingen.core.exports import safe_cell as safe_text
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.regions.geometry import VIEWBOX
from ontmoetingen.tracks.forms import PeriodForm
from ontmoetingen.tracks.maps import reach_legend, reach_picture_shapes
from ontmoetingen.tracks.permissions import can_view_report
from ontmoetingen.tracks.report import progress_report, report_sheets

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_STYLESHEETS = ("core/css/site.css", "monitor/monitor.css", "tracks/tracks.css")


def _report_context(request, *, with_shapes: bool = True):
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    report = progress_report(start=start, end=end, with_shapes=with_shapes)
    context = {
        "form": form,
        "report": report,
        "reach": report.reach,
        "query": request.GET.urlencode(),
        "breadcrumbs": [{"label": "Beheer", "url": "/beheer/"}, {"label": "Voortgangsrapportage"}],
    }
    if with_shapes:
        context.update(
            viewbox=VIEWBOX,
            map_shapes=reach_picture_shapes(report.reach.rows),
            legend=reach_legend(report.reach.rows, "aanwezig"),
            layer_label="aanwezig",
        )
    return form, context


@allowed_if(can_view_report)
@require_GET
def report(request):
    _form, context = _report_context(request)
    return render(request, "tracks/report.html", context)


def _stylesheets() -> str:
    parts = []
    for name in PDF_STYLESHEETS:
        path = finders.find(name)
        if path:
            with open(path, encoding="utf-8") as handle:
                parts.append(handle.read())
    return "\n".join(parts)


@allowed_if(can_view_report)
@require_GET
def report_pdf(request):
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    form, context = _report_context(request)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(
            "Ongeldige periode.", content_type="text/plain; charset=utf-8"
        )
    context["stylesheet"] = mark_safe(_stylesheets())
    html = render_to_string("tracks/report_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    report_ = context["report"]
    response["Content-Disposition"] = (
        f'attachment; filename="voortgangsrapportage-{report_.start}-{report_.end}.pdf"'
    )
    return response


@allowed_if(can_view_report)
@require_GET
def report_xlsx(request):
    _form, context = _report_context(request, with_shapes=False)
    workbook = Workbook(write_only=True)
    for title, header, rows in report_sheets(context["report"]):
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([safe_text(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    report_ = context["report"]
    response["Content-Disposition"] = (
        f'attachment; filename="voortgangsrapportage-{report_.start}-{report_.end}.xlsx"'
    )
    return response
