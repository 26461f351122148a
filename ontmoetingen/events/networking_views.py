"""Networking rounds: the team's page (settings, pair rules, plan, figures, printouts) and the
person's opt-out through the signed link."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.events import networking_selectors, networking_services
from ontmoetingen.events.models import Event, NetworkingPlan, RegistrationStatus
from ontmoetingen.events.permissions import can_manage_events
from ontmoetingen.events.programme_forms import NetworkingPlanForm, PairRuleForm
from ontmoetingen.events.programme_views import crumbs
from ontmoetingen.events.views import LINK_CHANGE, _link_refused, _registration_from_token


@require_POST
def opt_out(request, token: str):
    try:
        registration = _registration_from_token(token, LINK_CHANGE)
    except ServiceError as error:
        return _link_refused(request, error)
    joining = request.POST.get("meedoen") == "1"
    try:
        networking_services.networking_opt_out(registration=registration, opt_out=not joining)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            "U doet weer mee aan de netwerkronde."
            if joining
            else "U doet niet mee aan de netwerkronde; uw naam staat op geen enkele tafel.",
        )
    return redirect("events:registration", token=token)


def _people(event: Event):
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("name")


@allowed_if(can_manage_events)
@require_http_methods(["GET", "POST"])
def manage_networking(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    plan = networking_selectors.plan_of(event)
    form = NetworkingPlanForm(request.POST or None, instance=plan or NetworkingPlan(event=event))
    if request.method == "POST" and form.is_valid():
        try:
            networking_services.networking_plan_save(
                event=event, values=form.cleaned_data, actor=request.user
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, "De instellingen van de netwerkronde zijn opgeslagen.")
            return redirect("events:manage_networking", pk=event.pk)
    overview = networking_selectors.networking_overview(event, plan) if plan else None
    return render(
        request,
        "events/networking/manage.html",
        {
            "event": event,
            "plan": plan,
            "form": form,
            "pair_form": PairRuleForm(people=_people(event)) if plan else None,
            "overview": overview,
            "breadcrumbs": crumbs(event, "Netwerkronde"),
        },
    )


@allowed_if(can_manage_events)
@require_POST
def manage_networking_generate(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    held = request.POST.get("rounds_held", "")
    try:
        networking_services.networking_generate(
            event=event,
            actor=request.user,
            rounds_held=int(held) if held.isdigit() else None,
            notify=request.POST.get("mailen") == "1",
        )
    except NetworkingPlan.DoesNotExist:
        messages.error(request, "Sla eerst de instellingen van de netwerkronde op.")
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "De tafelindeling is gemaakt voor iedereen die is ingecheckt.")
    return redirect("events:manage_networking", pk=event.pk)


@allowed_if(can_manage_events)
@require_POST
def manage_networking_pair(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    plan = get_object_or_404(NetworkingPlan, event=event)
    form = PairRuleForm(request.POST, people=_people(event))
    if form.is_valid():
        try:
            networking_services.networking_pair_add(
                plan=plan,
                rule=form.cleaned_data["rule"],
                first_id=int(form.cleaned_data["first"]),
                second_id=int(form.cleaned_data["second"]),
                actor=request.user,
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "De regel is toegevoegd. Deel de tafels opnieuw in.")
    else:
        messages.error(request, "Kies een regel en twee personen.")
    return redirect("events:manage_networking", pk=event.pk)


@allowed_if(can_manage_events)
def manage_networking_tables(request, pk: int):
    """Per table a list with names, organisations and domains, printable on A4."""
    event = get_object_or_404(Event, pk=pk)
    plan = get_object_or_404(NetworkingPlan, event=event)
    return render(
        request,
        "events/networking/tables.html",
        {
            "event": event,
            "plan": plan,
            "overview": networking_selectors.networking_overview(event, plan),
            "breadcrumbs": crumbs(event, "Tafellijsten"),
        },
    )


@allowed_if(can_manage_events)
def manage_networking_cards(request, pk: int):
    """Per person a card ("Ronde 1: tafel 7 · Ronde 2: tafel 3"), printable on A6 or A4."""
    event = get_object_or_404(Event, pk=pk)
    plan = get_object_or_404(NetworkingPlan, event=event)
    size = "a4" if request.GET.get("formaat") == "a4" else "a6"
    return render(
        request,
        "events/networking/cards.html",
        {
            "event": event,
            "plan": plan,
            "cards": networking_selectors.cards(plan),
            "size": size,
            "breadcrumbs": crumbs(event, "Tafelkaarten"),
        },
    )
