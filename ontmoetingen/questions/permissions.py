"""Who may do what with questions and theme proposals."""

from ontmoetingen.accounts.permissions import has_role, is_project_team
from ontmoetingen.accounts.roles import Role

PARTICIPANT_ROLES = (Role.PROFESSIONAL, Role.COORDINATOR, Role.PARTNER, Role.PROJECT_TEAM)


def can_triage(user) -> bool:
    """Only the project team sees the questions as sent, their notes and the insight page."""
    return is_project_team(user)


def can_propose(user) -> bool:
    """Professionals (and coordinators, partners, the project team) propose themes."""
    return bool(user and user.is_authenticated) and (
        is_project_team(user) or any(has_role(user, role) for role in PARTICIPANT_ROLES)
    )


def can_vote(user) -> bool:
    """The same people who may propose may vote: one vote per person per proposal."""
    return can_propose(user)


def can_take_up(user) -> bool:
    """Only the project team closes the loop by marking a proposal as taken up."""
    return is_project_team(user)


def can_manage_themes(user) -> bool:
    """Only the project team adds, renames and deactivates themes."""
    return is_project_team(user)
