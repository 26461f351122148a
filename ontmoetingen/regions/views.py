from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from ontmoetingen.core import fragments, pagecache, registry
from ontmoetingen.regions import selectors
from ontmoetingen.regions.models import Municipality


def _list_content(request, text: str, template: str) -> str:
    groups = selectors.municipalities_by_province(text=text)
    context = {"groups": groups, "q": text, "count": sum(len(items) for _, items in groups)}
    return render_to_string(template, context, request)


def municipality_list(request):
    """The province map and the results are one fragment per data version and search text
    (the htmx answer, the results alone, another)."""
    text = request.GET.get("q", "")[:100]
    template = "regions/partials/_list.html"
    if request.htmx:
        template = "regions/partials/_municipality_results.html"
    content = fragments.cached_html(
        request, render=lambda: _list_content(request, text, template), vary=(text, template)
    )
    if request.htmx:
        return HttpResponse(content)
    context = {
        "content": content,
        "active_nav": "gemeenten",
        "breadcrumbs": [{"label": "Gemeenten"}],
    }
    return render(request, "regions/municipality_list.html", context)


def _names(request) -> dict[str, str]:
    """Every municipality's name by code, kept under the same versions as the page's fragment
    (so one cache read serves both)."""
    return fragments.cached_value(
        request,
        "regions:names",
        areas=pagecache.areas_of("regions:detail"),
        compute=selectors.municipality_names,
        size=32_000,
    )


def _detail_content(request, municipality: Municipality) -> str:
    context = {
        "municipality": municipality,
        "country": selectors.country_map(highlight=[municipality]),
        "zoom": selectors.zoom_map(municipality),
        "sections": registry.sections("municipality_sections", request, municipality),
    }
    return render_to_string("regions/partials/_detail.html", context, request)


def municipality_detail(request, code: str):
    """Maps, neighbours and the other areas' sections are one fragment per data version (they
    read every area); the base layout around it is per request."""
    code = code.upper()
    name = _names(request).get(code)
    if name is None:
        raise Http404("Onbekende gemeente")
    content = fragments.cached_html(
        request,
        render=lambda: _detail_content(request, selectors.municipality_get(code)),
        vary=(code,),
    )
    context = {
        "municipality": {"code": code, "name": name},
        "content": content,
        "active_nav": "gemeenten",
        "breadcrumbs": [{"label": "Gemeenten", "url": "/gemeenten/"}, {"label": name}],
    }
    return render(request, "regions/municipality_detail.html", context)
