"""Partials other pages include by name (no import between the apps): the reach block on an
event's back-office page, "bereikt door" and the regiotour actions on a coalition page, and the
recordings of a past event."""

from django import template

from ontmoetingen.tracks import selectors
from ontmoetingen.tracks.models import ActionStatus
from ontmoetingen.tracks.permissions import can_update_action, can_view_reach

register = template.Library()


@register.inclusion_tag("tracks/partials/_event_reach.html", takes_context=True)
def event_reach(context, event) -> dict:
    user = context["request"].user
    if not can_view_reach(user):
        return {"visible": False}
    return {"visible": True, "event": event, "reach": selectors.event_reach(event)}


@register.inclusion_tag("tracks/partials/_coalition_tracks.html", takes_context=True)
def coalition_tracks(context, coalition) -> dict:
    request = context["request"]
    actions = selectors.actions_of_coalitions([coalition.pk])
    editable = bool(actions) and can_update_action(request.user, actions[0])
    return {
        "coalition": coalition,
        "reached_by": selectors.coalition_reached_by(coalition),
        "actions": actions if editable else [],
        "statuses": ActionStatus.choices,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("tracks/partials/_event_recordings.html")
def event_recordings(event) -> dict:
    return {
        "event": event,
        "recordings": selectors.recordings_of_event(event) if event.is_past else [],
    }


@register.inclusion_tag("tracks/partials/_resource_recordings.html")
def resource_recordings(resource) -> dict:
    return {"recordings": selectors.recordings_of_resource(resource)}
