"""The project team's pages for the toolkit: list, add, edit (with mirror, file or link),
publish or take offline, remove after a confirmation."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.http import max_body
from ontmoetingen.core.models import Theme
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.toolkit import selectors, services, uploads
from ontmoetingen.toolkit.forms import ResourceForm
from ontmoetingen.toolkit.models import Kind, Resource, Status
from ontmoetingen.toolkit.permissions import can_moderate

MAX_QUERY_LENGTH = 100
BACKOFFICE_CRUMB = {"label": "Beheer", "url": "/beheer/"}
MANAGE_CRUMB = {"label": "Toolkit beheren", "url": "/beheer/toolkit/"}


# a file of at most 20 MB plus the other fields; more is refused before the body is read
UPLOAD_BODY_LIMIT = uploads.MAX_UPLOAD_BYTES + 256 * 1024


@allowed_if(can_moderate)
def resource_manage_list(request):
    filters = {
        "q": request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH],
        "status": request.GET.get("status", ""),
        "soort": request.GET.get("soort", ""),
        "thema": request.GET.get("thema", "")[:120],
    }
    resources = selectors.resources_for_backoffice(
        text=filters["q"], status=filters["status"], kind=filters["soort"], theme=filters["thema"]
    )
    context = {
        "page_obj": paginate(request, resources),
        "filters": filters,
        "filtered": any(filters.values()),
        "statuses": Status.choices,
        "kinds": Kind.choices,
        "themes": Theme.objects.active(),
        "breadcrumbs": [BACKOFFICE_CRUMB, {"label": "Toolkit beheren"}],
    }
    return render(request, "toolkit/beheer/resource_list.html", context)


def _save(request, resource: Resource | None):
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.resource_save(
                resource=form.save(),
                themes=form.cleaned_data["themes"],
                mirror=form.cleaned_data.get("mirror"),
                upload=form.cleaned_data.get("upload") or None,
                actor=request.user,
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, f"“{saved.title}” is opgeslagen.")
            return redirect("toolkit:manage")
    title = f"{resource.title} bewerken" if resource else "Nieuw toolkit-item"
    context = {
        "form": form,
        "resource": resource,
        "title": title,
        "breadcrumbs": [BACKOFFICE_CRUMB, MANAGE_CRUMB, {"label": title}],
    }
    status = 400 if form.errors else 200
    return render(request, "toolkit/beheer/resource_form.html", context, status=status)


@max_body(UPLOAD_BODY_LIMIT)
@require_http_methods(["GET", "POST"])
@allowed_if(can_moderate)
def resource_create(request):
    return _save(request, None)


@max_body(UPLOAD_BODY_LIMIT)
@require_http_methods(["GET", "POST"])
@allowed_if(can_moderate)
def resource_edit(request, pk: int):
    return _save(request, get_object_or_404(Resource.objects.select_related("origin"), pk=pk))


@require_POST
@allowed_if(can_moderate)
def resource_publish(request, pk: int):
    resource = get_object_or_404(Resource, pk=pk)
    publish = request.POST.get("publish") == "1"
    try:
        services.resource_publish(resource=resource, publish=publish, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        done = "staat nu in de toolkit" if publish else "is offline gehaald (concept)"
        messages.success(request, f"“{resource.title}” {done}.")
    if request.POST.get("terug") == "bewerken":
        return redirect(reverse("toolkit:manage_edit", args=[pk]))
    return redirect("toolkit:manage")


@require_http_methods(["GET", "POST"])
@allowed_if(can_moderate)
def resource_remove(request, pk: int):
    resource = get_object_or_404(Resource.objects.select_related("mirror"), pk=pk)
    if request.method == "POST":
        title = resource.title
        services.resource_delete(resource=resource, actor=request.user)
        messages.success(request, f"“{title}” is verwijderd.")
        return redirect("toolkit:manage")
    context = {
        "resource": resource,
        "breadcrumbs": [BACKOFFICE_CRUMB, MANAGE_CRUMB, {"label": f"{resource.title} verwijderen"}],
    }
    return render(request, "toolkit/beheer/resource_confirm_delete.html", context)
