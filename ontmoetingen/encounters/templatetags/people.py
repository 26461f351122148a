"""Pieces of the people layer that other areas' pages include with ``{% load people %}``."""

from django import template

from ontmoetingen.coalitions.permissions import can_see_missing
from ontmoetingen.core.permissions import is_logged_in
from ontmoetingen.encounters import tieins

register = template.Library()


@register.inclusion_tag("encounters/partials/_missing_professionals.html", takes_context=True)
def professionals_at_table(context, coalition) -> dict:
    """On a coalition page: professionals of missing domains working in its municipalities,
    for the coordinators and the project team, each with "uitnodigen"."""
    user = context["request"].user
    if not can_see_missing(user, coalition):
        return {"show": False}
    return {"show": True, "groups": tieins.professionals_missing_at_table(coalition)}


@register.inclusion_tag("encounters/partials/_organisation_professionals.html", takes_context=True)
def organisation_professionals(context, organisation) -> dict:
    """On an organisation page: its published professionals (names for logged-in users only)."""
    user = context["request"].user
    professionals = tieins.organisation_professionals(organisation)
    return {
        "professionals": professionals,
        "logged_in": is_logged_in(user),
        "login_next": context["request"].get_full_path(),
    }


@register.inclusion_tag("encounters/partials/_event_attendees.html", takes_context=True)
def event_attendees(context, event) -> dict:
    """On an event page: the opt-in attendee list, for logged-in confirmed registrants."""
    request = context["request"]
    mine = tieins.own_registration(event, request.user)
    if mine is None:
        return {"show": False}
    return {
        "show": True,
        "event": event,
        "mine": mine,
        "attendees": tieins.event_attendees(event, mine),
        "csrf_token": context.get("csrf_token"),
    }
