"""The progress report (/beheer/rapportage/): printable page, PDF and XLSX."""

from django.http import HttpResponse

from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.tracks.permissions import can_view_report


@allowed_if(can_view_report)
def report(request):
    return HttpResponse("todo")


report_pdf = report
report_xlsx = report
