import logging

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ontmoetingen.core import ratelimit
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.fragments import cached_piece
from ontmoetingen.core.http import max_body
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.toolkit import selectors, services, uploads
from ontmoetingen.toolkit.forms import ProposalForm, RejectForm
from ontmoetingen.toolkit.models import Resource, Status
from ontmoetingen.toolkit.permissions import can_moderate, can_propose

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
TOOLKIT_CRUMB = {"label": "Toolkit", "url": "/toolkit/"}


# what the results show: resources with kinds, themes (core), region of origin
LIST_AREAS = ("toolkit", "core", "regions")
FACET_LABELS = {
    "soort": "Soort",
    "domein": "Domein",
    "thema": "Thema",
    "fase": "Fase",
    "provincie": "Provincie van herkomst",
}


def resource_list(request):
    """Facets and results are cached HTML (core.fragments) under the versions of the toolkit's
    areas and the query string; the search box and the layout render per request."""
    text = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]

    def results() -> str:
        filters = selectors.Filters.from_querydict(request.GET)
        result = selectors.resources_search(text=text, filters=filters)
        page = paginate(request, result.resources)
        context = {
            "page_obj": page,
            "resources": page.object_list,
            "facets": result.facets,
            "facet_labels": FACET_LABELS,
            "q": text,
            "filtered": bool(text or filters),
        }
        return render_to_string("toolkit/partials/_results.html", context, request)

    html = cached_piece(
        "results",
        areas=LIST_AREAS,
        vary=("toolkit:list", request.GET.urlencode()),
        render=results,
    )
    if request.htmx:
        return HttpResponse(html)
    context = {
        "results_html": html,
        "q": text,
        "can_propose": can_propose(request.user),
        "active_nav": "toolkit",
        "breadcrumbs": [{"label": "Toolkit"}],
    }
    return render(request, "toolkit/resource_list.html", context)


def _get_resource(request, slug: str) -> Resource:
    try:
        return selectors.resource_for_user(slug, request.user)
    except Resource.DoesNotExist as exc:
        raise Http404("Onbekend toolkit-item") from exc


def resource_detail(request, slug: str):
    resource = _get_resource(request, slug)
    context = {
        "resource": resource,
        "active_nav": "toolkit",
        "breadcrumbs": [TOOLKIT_CRUMB, {"label": resource.title}],
    }
    return render(request, "toolkit/resource_detail.html", context)


def resource_side_by_side(request, slug: str):
    resource = _get_resource(request, slug)
    mirror = resource.mirror
    if mirror is None or mirror.status != Status.PUBLISHED:
        raise Http404("Dit item heeft geen gespiegelde tool")
    mirror = selectors.resource_for_user(mirror.slug, request.user)
    context = {
        "resource": resource,
        "mirror": mirror,
        "active_nav": "toolkit",
        "breadcrumbs": [
            TOOLKIT_CRUMB,
            {"label": resource.title, "url": resource.get_absolute_url()},
            {"label": "Naast elkaar"},
        ],
    }
    return render(request, "toolkit/side_by_side.html", context)


def resource_download(request, slug: str):
    resource = _get_resource(request, slug)
    if not resource.file_path:
        raise Http404("Dit item heeft geen bestand")
    storage = uploads.private_storage()
    try:
        handle = storage.open(resource.file_path, "rb")
    except FileNotFoundError as exc:
        logger.error("Bestand van toolkit-item %s ontbreekt: %s", resource.pk, resource.file_path)
        raise Http404("Het bestand is niet gevonden") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=resource.file_name or f"bestand.{resource.file_type}",
        content_type=uploads.MIME_TYPES.get(resource.file_type, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    if resource.status != Status.PUBLISHED:
        response["Cache-Control"] = "private, no-store"
    return response


@max_body(uploads.MAX_UPLOAD_BYTES + 256 * 1024)
@require_http_methods(["GET", "POST"])
@allowed_if(can_propose)
def proposal_create(request):
    form = ProposalForm(
        request.POST or None,
        request.FILES or None,
        initial=selectors.proposer_defaults(request.user),
    )
    if request.method == "POST" and form.is_valid():
        account = ratelimit.account(request)
        ratelimit.enforce(("toolkit_proposal_hour", account), ("toolkit_proposal_day", account))
        data = dict(form.cleaned_data)
        themes = data.pop("themes", [])
        upload = data.pop("file", None)
        try:
            resource = services.resource_propose(
                user=request.user, data=data, themes=themes, upload=upload or None
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(
                request,
                "Bedankt! Uw voorstel is ontvangen. Het projectteam bekijkt het en laat u "
                "per e-mail weten of het geplaatst wordt.",
            )
            return redirect(resource.get_absolute_url())
    context = {
        "form": form,
        "active_nav": "toolkit",
        "breadcrumbs": [TOOLKIT_CRUMB, {"label": "Iets voorstellen"}],
    }
    return render(
        request, "toolkit/proposal_form.html", context, status=400 if form.errors else 200
    )


@allowed_if(can_moderate)
def moderation_list(request):
    page = paginate(request, selectors.proposals_pending())
    context = {
        "page_obj": page,
        "active_nav": "toolkit",
        "breadcrumbs": [
            {"label": "Beheer", "url": reverse("core:backoffice")},
            {"label": "Voorstellen voor de toolkit"},
        ],
    }
    return render(request, "toolkit/moderation_list.html", context)


def _moderation_context(resource: Resource, reject_form) -> dict:
    return {
        "resource": resource,
        "reject_form": reject_form,
        "active_nav": "toolkit",
        "breadcrumbs": [
            {"label": "Beheer", "url": reverse("core:backoffice")},
            {"label": "Voorstellen", "url": reverse("toolkit:moderation")},
            {"label": resource.title},
        ],
    }


@require_http_methods(["GET", "POST"])
@allowed_if(can_moderate)
def moderation_detail(request, pk: int):
    """Publish a proposal at once; rejecting asks first: the reason is shown once more with
    what will be mailed, and only the confirmed form ("reject_confirmed") rejects."""
    resource = get_object_or_404(selectors.proposals_pending().prefetch_related("themes"), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    rejecting = action in ("reject", "reject_confirmed")
    reject_form = RejectForm(request.POST if rejecting else None)
    context = _moderation_context(resource, reject_form)
    try:
        if action == "approve":
            services.resource_approve(resource=resource, actor=request.user)
            messages.success(request, f"“{resource.title}” staat nu in de toolkit.")
            return redirect("toolkit:moderation")
        if action == "reject" and reject_form.is_valid():
            return render(request, "toolkit/moderation_confirm_reject.html", context)
        if action == "reject_confirmed" and reject_form.is_valid():
            services.resource_reject(
                resource=resource, actor=request.user, reason=reject_form.cleaned_data["reason"]
            )
            messages.success(
                request, f"“{resource.title}” is afgewezen; de indiener krijgt een e-mail."
            )
            return redirect("toolkit:moderation")
    except ServiceError as error:
        error.add_to_form(reject_form)
    return render(
        request,
        "toolkit/moderation_detail.html",
        context,
        status=400 if reject_form.errors else 200,
    )
