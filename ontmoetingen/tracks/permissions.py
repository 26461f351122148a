"""Who may see and change what in the tracks: plain yes/no rules."""

from ontmoetingen.accounts.permissions import has_role, is_project_team
from ontmoetingen.accounts.roles import Role


def can_view_reach(user) -> bool:
    """Reach names where people came from: the project team and the national partners."""
    return is_project_team(user) or has_role(user, Role.PARTNER)


def can_manage_tour(user) -> bool:
    """Visits, reports and actions are planned and recorded by the project team."""
    return is_project_team(user)


def can_view_report(user) -> bool:
    """The progress report is the project team's document for funder and partners."""
    return is_project_team(user)


def can_update_action(user, action) -> bool:
    """The team updates every action; a coordinator the actions their coalition owns."""
    if is_project_team(user):
        return True
    if not (user and user.is_authenticated and user.is_active) or not action.owner_coalition_id:
        return False
    return action.owner_coalition.coordinators.filter(pk=user.pk).exists()
