"""Pieces of the people layer that other areas' pages include with ``{% load people %}``."""

from django import template

from ontmoetingen.coalitions.permissions import can_see_missing
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
