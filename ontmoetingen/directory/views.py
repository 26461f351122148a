import functools

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from ontmoetingen.core import registry
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.fragments import list_page
from ontmoetingen.core.http import max_body, renamed_query
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.directory import selectors, services
from ontmoetingen.directory.forms import (
    MAX_UPLOAD_BYTES,
    ImportForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from ontmoetingen.directory.models import Organisation
from ontmoetingen.directory.permissions import can_manage_organisations
from ontmoetingen.regions.selectors import country_map, municipality_choices, provinces_active

LIST_CRUMB = {"label": "Organisaties", "url": "/organisaties/"}


def _filters(request) -> tuple[OrganisationFilterForm, selectors.OrganisationFilters]:
    data = renamed_query(request.GET, OrganisationFilterForm.OLD_NAMES)
    form = OrganisationFilterForm(
        data or None,
        municipality_choices=municipality_choices(),
        province_choices=list(provinces_active().values_list("code", "name")),
    )
    filters = selectors.OrganisationFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.OrganisationFilters(
            text=data["q"],
            domain=data["domein"],
            type=data["soort"],
            municipality=data["gemeente"],
            province=data["provincie"],
        )
    return form, filters


# what the list shows: organisations, their location and working area, filter choices
LIST_AREAS = ("directory", "regions", "coalitions", "core")


def organisation_list(request):
    """Filters and results are cached HTML (core.fragments) under the versions of the list's
    areas and the query string; only the layout around them renders per request."""
    parse = functools.cache(lambda: _filters(request))

    def filtered() -> bool:
        return any(v for v in vars(parse()[1]).values())

    def results() -> str:
        page_obj = paginate(request, selectors.organisations_list(filters=parse()[1]))
        page_obj.object_list = selectors.with_area_sizes(page_obj.object_list)
        context = {"page_obj": page_obj, "filtered": filtered()}
        return render_to_string("directory/partials/_organisation_results.html", context, request)

    def filter_form() -> str:
        context = {"form": parse()[0], "filtered": filtered()}
        return render_to_string("directory/partials/_organisation_filters.html", context, request)

    return list_page(
        request,
        name="directory:list",
        areas=LIST_AREAS,
        filters=filter_form,
        results=results,
        template="directory/organisation_list.html",
        context={"active_nav": "organisaties", "breadcrumbs": [{"label": "Organisaties"}]},
    )


def organisation_detail(request, pk: int):
    try:
        organisation = selectors.organisation_get(pk)
    except Organisation.DoesNotExist as exc:
        raise Http404("Onbekende organisatie") from exc
    area = selectors.organisation_service_area(organisation)
    context = {
        "organisation": organisation,
        "area_map": country_map(highlight=area),
        "area_groups": selectors.area_summary(area),
        "sections": registry.sections("organisation_sections", request, organisation),
        "can_edit": can_manage_organisations(request.user),
        "active_nav": "organisaties",
        "breadcrumbs": [LIST_CRUMB, {"label": organisation.name}],
    }
    return render(request, "directory/organisation_detail.html", context)


@allowed_if(can_manage_organisations)
def organisation_manage(request):
    text = request.GET.get("q", "")[:100]
    queryset = selectors.organisations_list(
        filters=selectors.OrganisationFilters(text=text, include_inactive=True)
    )
    page_obj = paginate(request, queryset)
    page_obj.object_list = selectors.with_area_sizes(page_obj.object_list)
    context = {
        "page_obj": page_obj,
        "q": text,
        "breadcrumbs": [{"label": "Beheer", "url": "/beheer/"}, {"label": "Organisaties"}],
    }
    return render(request, "directory/manage_list.html", context)


def _form_initial(organisation: Organisation) -> dict:
    return {
        "name": organisation.name,
        "type": organisation.type,
        "location": organisation.location_id,
        "website": organisation.website,
        "contact_email": organisation.contact_email,
        "active": organisation.active,
        "service_area": list(organisation.service_area.values_list("code", flat=True)),
    }


def _expanded(form: OrganisationForm) -> OrganisationForm:
    """The same form with the chosen provinces/GGD regions folded into the municipality list,
    so the user can adjust before saving (works without JavaScript)."""
    data = form.data.copy()
    data.setlist("service_area", sorted(form.area_codes()))
    data.setlist("add_provinces", [])
    data.setlist("add_ggd_regions", [])
    return OrganisationForm(data)


@allowed_if(can_manage_organisations)
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk: int | None = None):
    organisation = None if pk is None else get_object_or_404(Organisation, pk=pk)
    if request.method == "POST":
        form = OrganisationForm(request.POST)
        if form.is_valid() and "expand" in request.POST:
            form = _expanded(form)
            form.is_valid()
            messages.info(request, "Het werkgebied is aangevuld. Pas het zo nodig aan en sla op.")
        elif form.is_valid():
            data = form.cleaned_data
            values = {
                k: data[k]
                for k in ("name", "type", "location", "website", "contact_email", "active")
            }
            try:
                if organisation is None:
                    organisation = services.organisation_create(
                        actor=request.user, service_area=form.area_codes(), **values
                    )
                    messages.success(request, f"{organisation.name} is toegevoegd.")
                else:
                    services.organisation_update(
                        organisation=organisation,
                        actor=request.user,
                        service_area=form.area_codes(),
                        **values,
                    )
                    messages.success(request, f"{organisation.name} is opgeslagen.")
                return redirect(organisation.get_absolute_url())
            except ServiceError as error:
                error.add_to_form(form)
    else:
        form = OrganisationForm(initial=_form_initial(organisation) if organisation else None)
    title = f"{organisation.name} bewerken" if organisation else "Organisatie toevoegen"
    context = {
        "form": form,
        "organisation": organisation,
        "title": title,
        "breadcrumbs": [
            {"label": "Beheer", "url": "/beheer/"},
            {"label": "Organisaties", "url": "/beheer/organisaties/"},
            {"label": title},
        ],
    }
    return render(request, "directory/organisation_form.html", context)


@max_body(MAX_UPLOAD_BYTES + 256 * 1024)
@allowed_if(can_manage_organisations)
@require_http_methods(["GET", "POST"])
def organisation_import(request):
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.organisations_import(
                    file=upload,
                    filename=upload.name,
                    dry_run=form.cleaned_data["dry_run"],
                    actor=request.user,
                )
            except ServiceError as error:
                error.add_to_form(form)
    else:
        form = ImportForm()
    context = {
        "form": form,
        "report": report,
        "breadcrumbs": [
            {"label": "Beheer", "url": "/beheer/"},
            {"label": "Organisaties importeren"},
        ],
    }
    return render(request, "directory/import.html", context)
