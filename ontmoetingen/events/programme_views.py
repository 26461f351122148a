"""Workshops by preference: the person's choices through the signed link, and the team's
programme pages (mode, draft, publish, per-workshop lists)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ontmoetingen.core.avg import export_logged
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.exports import wants_codes
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.events import allocation_services, programme_exports, programme_selectors
from ontmoetingen.events.models import Event, Session, WorkshopPreference
from ontmoetingen.events.permissions import can_manage_events
from ontmoetingen.events.programme_forms import PreferenceChangeForm, ProgrammeForm
from ontmoetingen.events.views import (
    AGENDA_CRUMB,
    LINK_CHANGE,
    _link_refused,
    _registration_from_token,
)

BACKOFFICE_CRUMB = {"label": "Beheer", "url": "/beheer/"}
EVENTS_CRUMB = {"label": "Bijeenkomsten", "url": "/beheer/agenda/"}


def crumbs(event: Event, label: str) -> list[dict]:
    return [
        BACKOFFICE_CRUMB,
        EVENTS_CRUMB,
        {"label": event.title, "url": reverse("events:manage_registrations", args=[event.pk])},
        {"label": label},
    ]


@require_http_methods(["GET", "POST"])
def preferences_edit(request, token: str):
    """The person changes their 1st/2nd/3rd choices until the allocation deadline."""
    try:
        registration = _registration_from_token(token, LINK_CHANGE)
    except ServiceError as error:
        return _link_refused(request, error)
    event = registration.event
    programme = programme_selectors.programme_of(event)
    if not programme.by_preference:
        raise Http404("Bij deze bijeenkomst kiest u geen voorkeuren.")
    chosen: dict = {}
    for preference in WorkshopPreference.objects.filter(registration=registration):
        chosen.setdefault(preference.slot, []).append(preference.session_id)
    form = PreferenceChangeForm(
        request.POST or None,
        sessions=list(event.sessions.order_by("starts_at", "title")),
        initial_choices={slot: ids for slot, ids in chosen.items()},
    )
    is_open = programme.preferences_open()
    if request.method == "POST" and is_open and form.is_valid():
        try:
            allocation_services.preferences_change(
                registration=registration, choices=form.preferences
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, "Uw keuzes zijn opgeslagen.")
            return redirect("events:registration", token=token)
    return render(
        request,
        "events/programme/preferences_edit.html",
        {
            "registration": registration,
            "event": event,
            "form": form,
            "programme": programme,
            "is_open": is_open,
            "token": token,
            "active_nav": "agenda",
            "breadcrumbs": [
                AGENDA_CRUMB,
                {"label": "Uw aanmelding", "url": reverse("events:registration", args=[token])},
                {"label": "Workshopkeuzes"},
            ],
        },
    )


@allowed_if(can_manage_events)
@require_http_methods(["GET", "POST"])
def manage_programme(request, pk: int):
    """Mode and deadline, the draft with its figures, and publishing."""
    event = get_object_or_404(Event, pk=pk)
    programme = programme_selectors.programme_of(event)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            allocation_services.programme_save(
                event=event,
                mode=form.cleaned_data["mode"],
                allocation_deadline=form.cleaned_data["allocation_deadline"],
                workshop_domain_max_share=form.cleaned_data["workshop_domain_max_share"],
                actor=request.user,
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, "De instellingen van het programma zijn opgeslagen.")
            return redirect("events:manage_programme", pk=event.pk)
    overview = None
    if programme.pk and programme.by_preference:
        overview = programme_selectors.allocation_overview(event, programme)
    return render(
        request,
        "events/programme/manage_programme.html",
        {
            "event": event,
            "programme": programme,
            "form": form,
            "overview": overview,
            "breadcrumbs": crumbs(event, "Workshopverdeling"),
        },
    )


@allowed_if(can_manage_events)
@require_POST
def manage_programme_run(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    try:
        allocation_services.allocation_run(event=event, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, "De conceptverdeling is berekend. Nog niemand heeft iets gemerkt."
        )
    return redirect("events:manage_programme", pk=event.pk)


@allowed_if(can_manage_events)
@require_POST
def manage_programme_publish(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    try:
        mailed = allocation_services.allocation_publish(event=event, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"De verdeling is gepubliceerd; {len(mailed)} mensen krijgen een e-mail."
        )
    return redirect("events:manage_programme", pk=event.pk)


@allowed_if(can_manage_events)
def manage_workshop_export(request, pk: int, session_pk: int, fmt: str):
    session = get_object_or_404(Session.objects.select_related("event"), pk=session_pk, event=pk)
    if fmt in ("csv", "xlsx"):
        export_logged(request, session, f"deelnemers workshop ({fmt.upper()})")
    if fmt == "csv":
        return programme_exports.attendance_csv(session, codes=wants_codes(request))
    if fmt == "xlsx":
        return programme_exports.attendance_xlsx(session, codes=wants_codes(request))
    raise Http404("Onbekend formaat")


@allowed_if(can_manage_events)
def manage_workshop_list(request, pk: int, session_pk: int):
    """A printable attendance list of one workshop."""
    session = get_object_or_404(Session.objects.select_related("event"), pk=session_pk, event=pk)
    return render(
        request,
        "events/programme/workshop_list.html",
        {
            "event": session.event,
            "session": session,
            "people": programme_exports.attendance_people(session),
            "breadcrumbs": crumbs(session.event, session.title),
        },
    )


@require_POST
def workshop_switch(request, token: str):
    """After publication: ask for another workshop (moved at once, or swapped)."""
    try:
        registration = _registration_from_token(token, LINK_CHANGE)
    except ServiceError as error:
        return _link_refused(request, error)
    session_id = request.POST.get("session", "")
    try:
        outcome = allocation_services.workshop_switch(
            registration=registration, session_id=int(session_id) if session_id.isdigit() else 0
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            "U bent overgezet naar de workshop van uw keuze."
            if outcome == "moved"
            else "Geruild: u heeft de plaats van iemand die liever uw workshop wilde.",
        )
    return redirect("events:registration", token=token)
