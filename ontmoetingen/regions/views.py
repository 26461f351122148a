from django.http import Http404
from django.shortcuts import render

from ontmoetingen.core import registry
from ontmoetingen.regions import selectors
from ontmoetingen.regions.models import Municipality


def municipality_list(request):
    text = request.GET.get("q", "")[:100]
    groups = selectors.municipalities_by_province(text=text)
    context = {
        "groups": groups,
        "q": text,
        "count": sum(len(items) for _, items in groups),
        "active_nav": "gemeenten",
        "breadcrumbs": [{"label": "Gemeenten"}],
    }
    if request.htmx:
        return render(request, "regions/partials/_municipality_results.html", context)
    return render(request, "regions/municipality_list.html", context)


def municipality_detail(request, code: str):
    try:
        municipality = selectors.municipality_get(code)
    except Municipality.DoesNotExist as exc:
        raise Http404("Onbekende gemeente") from exc
    context = {
        "municipality": municipality,
        "country": selectors.country_map(highlight=[municipality]),
        "zoom": selectors.zoom_map(municipality),
        "sections": registry.sections("municipality_sections", request, municipality),
        "active_nav": "gemeenten",
        "breadcrumbs": [{"label": "Gemeenten", "url": "/gemeenten/"}, {"label": municipality.name}],
    }
    return render(request, "regions/municipality_detail.html", context)
