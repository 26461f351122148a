"""Plain yes/no rules about organisations, used by views and templates alike."""

from ontmoetingen.accounts.permissions import is_project_team


def can_manage_organisations(user) -> bool:
    """Adding, changing and importing organisations is the project team's work."""
    return is_project_team(user)
