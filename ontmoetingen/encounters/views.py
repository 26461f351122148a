"""Pages of the people layer for logged-in users: profiles, the directory, introductions and
suggestions. Every page here is for logged-in users only and carries ``noindex``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if, is_logged_in
from ontmoetingen.encounters import selectors, services
from ontmoetingen.encounters.forms import (
    AbuseReportForm,
    DirectoryFilterForm,
    IntroductionForm,
    ProfileForm,
    PublishForm,
)
from ontmoetingen.encounters.models import Introduction, Professional
from ontmoetingen.encounters.permissions import can_request_introduction, can_see_profiles
from ontmoetingen.encounters.suggestions import suggestions_for
from ontmoetingen.encounters.tieins import own_registration
from ontmoetingen.events.models import Event
from ontmoetingen.regions.selectors import municipality_choices

DIRECTORY_CRUMB = {"label": "Professionals", "url": "/professionals/"}
MINE_CRUMB = {"label": "Mijn pagina", "url": "/mijn/"}


def _private(response):
    """Profiles are for logged-in people: search engines must not index or cache them."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _filters(request) -> tuple[DirectoryFilterForm, selectors.ProfileFilters]:
    form = DirectoryFilterForm(request.GET or None, municipality_choices=municipality_choices())
    filters = selectors.ProfileFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ProfileFilters(
            text=data["q"],
            domain=data["domain"],
            municipality=data["municipality"],
            province=data["province"],
            ggd_region=data["ggd_region"],
            theme=data["theme"],
        )
    return form, filters


@allowed_if(can_see_profiles)
def directory(request):
    form, filters = _filters(request)
    page_obj = paginate(request, selectors.profiles_directory(filters=filters))
    page_obj.object_list = selectors.with_area_names(page_obj.object_list)
    context = {
        "form": form,
        "page_obj": page_obj,
        "filtered": filters.any,
        "own_profile": selectors.profile_of(request.user),
        "breadcrumbs": [{"label": "Professionals"}],
    }
    template = "encounters/directory.html"
    if request.htmx:
        template = "encounters/partials/_directory_results.html"
    return _private(render(request, template, context))


@allowed_if(can_see_profiles)
def profile_detail(request, pk: int):
    try:
        profile = selectors.profile_visible(pk, request.user)
    except Professional.DoesNotExist as exc:
        raise Http404("Dit profiel bestaat niet of is niet zichtbaar.") from exc
    own = profile.user_id == request.user.pk
    context = {
        "profile": profile,
        "own": own,
        "area": selectors.profile_area(profile),
        "relation": None if own else selectors.relation_between(request.user, profile.user),
        "breadcrumbs": [DIRECTORY_CRUMB, {"label": profile.user.full_name}],
    }
    return _private(render(request, "encounters/profile_detail.html", context))


@allowed_if(is_logged_in)
def profile_edit(request):
    profile = selectors.profile_of(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                profile = services.profile_save(
                    user=request.user,
                    values=form.values(),
                    area_codes=form.area(),
                    themes=form.cleaned_data["themes"],
                )
            except ServiceError as error:
                error.add_to_form(form)
            else:
                messages.success(request, "Uw profiel is opgeslagen.")
                if profile.published:
                    return redirect(profile.get_absolute_url())
                return redirect("encounters:profile_publish")
    else:
        form = ProfileForm(initial=_initial(profile))
    context = {
        "form": form,
        "profile": profile,
        "area": selectors.profile_area(profile) if profile else [],
        "breadcrumbs": [MINE_CRUMB, {"label": "Mijn profiel"}],
    }
    return _private(render(request, "encounters/profile_edit.html", context))


def _initial(profile: Professional | None) -> dict:
    if profile is None:
        return {}
    initial = {
        name: getattr(profile, name)
        for name in (
            "domain",
            "profession",
            "profession_other",
            "organisation",
            "offer",
            "offer_tags",
            "ask",
            "ask_tags",
            "intro",
            "phone",
        )
    }
    initial["working_area"] = list(profile.working_area.values_list("code", flat=True))
    initial["themes"] = list(profile.themes.all())
    return initial


def _own_profile(request) -> Professional:
    profile = selectors.profile_of(request.user)
    if profile is None:
        raise Http404("U heeft nog geen profiel.")
    return profile


@allowed_if(is_logged_in)
def profile_publish(request):
    profile = selectors.profile_of(request.user)
    if profile is None:
        return redirect("encounters:profile_edit")
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_publish(profile=profile)
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, "Uw profiel is gepubliceerd voor ingelogde gebruikers.")
            return redirect(profile.get_absolute_url())
    context = {
        "form": form,
        "profile": profile,
        "breadcrumbs": [MINE_CRUMB, {"label": "Profiel publiceren"}],
    }
    return _private(render(request, "encounters/profile_publish.html", context))


@require_POST
@allowed_if(is_logged_in)
def profile_unpublish(request):
    services.profile_unpublish(profile=_own_profile(request))
    messages.success(request, "Uw profiel is verborgen. Niemand anders ziet het nu nog.")
    return redirect("encounters:profile_edit")


@allowed_if(is_logged_in)
def profile_delete(request):
    profile = _own_profile(request)
    if request.method == "POST":
        services.profile_delete(profile=profile)
        messages.success(request, "Uw profiel is verwijderd.")
        return redirect("accounts:mine")
    return _private(
        render(
            request,
            "encounters/profile_delete.html",
            {"profile": profile, "breadcrumbs": [MINE_CRUMB, {"label": "Profiel verwijderen"}]},
        )
    )


def _published_profile(pk: int) -> Professional:
    return get_object_or_404(Professional.objects.published().select_related("user"), pk=pk)


@allowed_if(is_logged_in)
def introduction_new(request, pk: int):
    profile = _published_profile(pk)
    if not can_request_introduction(request.user, profile):
        return redirect(profile.get_absolute_url())
    form = IntroductionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.introduction_request(
                requester=request.user,
                recipient=profile.user,
                message=form.cleaned_data["message"],
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(
                request,
                f"Uw verzoek is verstuurd naar {profile.user.full_name}. U ziet het antwoord bij uw kennismakingen.",
            )
            return redirect("encounters:introductions")
    context = {
        "form": form,
        "profile": profile,
        "breadcrumbs": [
            DIRECTORY_CRUMB,
            {"label": profile.user.full_name, "url": profile.get_absolute_url()},
            {"label": "Kennismaken"},
        ],
    }
    return _private(render(request, "encounters/introduction_new.html", context))


@require_POST
@allowed_if(is_logged_in)
def block(request, pk: int):
    profile = get_object_or_404(Professional.objects.select_related("user"), pk=pk)
    try:
        if request.POST.get("undo"):
            services.block_remove(blocker=request.user, blocked=profile.user)
            messages.success(request, f"U heeft {profile.user.full_name} gedeblokkeerd.")
        else:
            services.block_create(blocker=request.user, blocked=profile.user)
            messages.success(
                request,
                f"U heeft {profile.user.full_name} geblokkeerd. U ziet elkaar niet meer in suggesties en kunt elkaar geen verzoek sturen.",
            )
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("encounters:directory")


@allowed_if(is_logged_in)
def report(request, pk: int):
    profile = get_object_or_404(Professional.objects.select_related("user"), pk=pk)
    form = AbuseReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.abuse_report_create(
                reporter=request.user, reported=profile.user, text=form.cleaned_data["text"]
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, "Dank u. Het projectteam bekijkt uw melding.")
            return redirect("encounters:directory")
    context = {
        "form": form,
        "profile": profile,
        "breadcrumbs": [DIRECTORY_CRUMB, {"label": "Melden"}],
    }
    return _private(render(request, "encounters/report.html", context))


@allowed_if(is_logged_in)
def introductions(request):
    context = {
        "groups": selectors.introductions_for(request.user),
        "breadcrumbs": [MINE_CRUMB, {"label": "Kennismakingen"}],
    }
    return _private(render(request, "encounters/introductions.html", context))


@require_POST
@allowed_if(is_logged_in)
def introduction_answer(request, pk: int, answer: str):
    introduction = get_object_or_404(Introduction, pk=pk, recipient=request.user)
    try:
        if answer == "accepteren":
            services.introduction_accept(introduction=introduction, recipient=request.user)
            messages.success(
                request, "U heeft het verzoek geaccepteerd. U krijgt allebei elkaars gegevens."
            )
        elif answer == "afwijzen":
            services.introduction_decline(introduction=introduction, recipient=request.user)
            messages.success(
                request, "U heeft het verzoek afgewezen. De ander krijgt geen bericht."
            )
        else:
            raise Http404
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("encounters:introductions")


@allowed_if(is_logged_in)
def suggestions(request):
    profile = selectors.profile_of(request.user)
    found = suggestions_for(request.user) if profile else []
    if found:
        with_names = selectors.with_area_names([s.profile for s in found])
        for suggestion, annotated in zip(found, with_names, strict=True):
            suggestion.profile = annotated
    context = {
        "profile": profile,
        "suggestions": found,
        "breadcrumbs": [MINE_CRUMB, {"label": "Suggesties"}],
    }
    return _private(render(request, "encounters/suggestions.html", context))


@require_POST
@allowed_if(is_logged_in)
def attendee_list(request, slug: str):
    """Opt in or out of an event's attendee list (only one's own confirmed registration)."""
    event = get_object_or_404(Event, slug=slug)
    registration = own_registration(event, request.user)
    if registration is None:
        raise Http404("U bent niet aangemeld voor deze bijeenkomst.")
    show = bool(request.POST.get("show"))
    services.attendee_list_set(registration=registration, show=show)
    messages.success(
        request,
        "U staat nu in de deelnemerslijst." if show else "U staat niet meer in de deelnemerslijst.",
    )
    return redirect(event.get_absolute_url())
