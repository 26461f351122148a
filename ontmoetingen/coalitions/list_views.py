"""The public coalition list: filters and results as cached HTML (core.fragments)."""

import functools

from django.template.loader import render_to_string

from ontmoetingen.coalitions import selectors
from ontmoetingen.coalitions.forms import CoalitionFilterForm
from ontmoetingen.coalitions.models import STATUS_EXPLANATION, CoalitionStatus
from ontmoetingen.core.fragments import DAY, list_page
from ontmoetingen.core.http import renamed_query
from ontmoetingen.core.paging import paginate
from ontmoetingen.regions.selectors import ggd_regions_active, provinces_active

STATUS_LEGEND = [
    {"value": value, "label": label, "explanation": STATUS_EXPLANATION[value]}
    for value, label in CoalitionStatus.choices
]


def filters_from_request(request) -> tuple[CoalitionFilterForm, selectors.CoalitionFilters]:
    data = renamed_query(request.GET, CoalitionFilterForm.OLD_NAMES)
    form = CoalitionFilterForm(
        data or None,
        province_choices=list(provinces_active().values_list("code", "name")),
        ggd_choices=list(ggd_regions_active().values_list("code", "name")),
    )
    filters = selectors.CoalitionFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.CoalitionFilters(
            text=data["q"],
            province=data["provincie"],
            ggd_region=data["ggd"],
            status=data["status"],
            birth_care=data["geboortezorg"],
            sort=data["sorteer"] or "naam",
            stale=data["bijgewerkt"] == "ouder",
        )
    return form, filters


# what the list shows: coalitions, municipalities, partners (directory), themes (core)
LIST_AREAS = ("coalitions", "regions", "directory", "core")


def coalition_list(request):
    """Filters and results are cached HTML (core.fragments) under the versions of the list's
    areas and the query string; only the layout around them renders per request."""
    parse = functools.cache(lambda: filters_from_request(request))

    def filtered(filters) -> bool:
        return any(v for k, v in vars(filters).items() if k != "sort")

    def results() -> str:
        _form, filters = parse()
        page_obj = paginate(request, selectors.coalitions_list(filters=filters))
        selectors.coalitions_with_domains(page_obj.object_list)
        context = {"page_obj": page_obj, "filtered": filtered(filters)}
        return render_to_string("coalitions/partials/_coalition_results.html", context, request)

    def filter_form() -> str:
        form, filters = parse()
        context = {"form": form, "filtered": filtered(filters), "statuses": STATUS_LEGEND}
        return render_to_string("coalitions/partials/_coalition_filters.html", context, request)

    # "bijgewerkt=ouder" (not updated for a year) moves with the date: a day at most
    return list_page(
        request,
        name="coalitions:list",
        areas=LIST_AREAS,
        filters=filter_form,
        results=results,
        template="coalitions/coalition_list.html",
        context={"active_nav": "coalities", "breadcrumbs": [{"label": "Coalities"}]},
        period=DAY,
    )
