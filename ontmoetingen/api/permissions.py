"""Plain yes/no rules for the API and its back-office page, on the user a token acts for.

A token carries its user's roles as they are at the moment of the request, so a withdrawn role
or a deactivated account takes effect at once.
"""

from ontmoetingen.accounts.permissions import has_role, is_project_team
from ontmoetingen.accounts.roles import Role
from ontmoetingen.api.models import SubmittedEvent
from ontmoetingen.events.permissions import can_manage_events


def can_manage_tokens(user) -> bool:
    """Only the project team issues and revokes API tokens."""
    return is_project_team(user)


def can_submit_events(user) -> bool:
    """The project team and the partners (Pharos, NCJ) may put events in through the API."""
    return can_manage_events(user) or has_role(user, Role.PARTNER)


def can_publish_event(user, event) -> bool:
    """The project team publishes any event; a partner only the events it submitted itself."""
    if can_manage_events(user):
        return True
    return (
        has_role(user, Role.PARTNER)
        and SubmittedEvent.objects.filter(event=event, user=user).exists()
    )
