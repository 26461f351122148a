"""Plain yes/no rules for the events area."""

from ontmoetingen.accounts.permissions import is_project_team


def can_manage_events(user) -> bool:
    """Only the project team creates, edits and cancels events and sees registrations."""
    return is_project_team(user)


def can_check_in(user) -> bool:
    """Checking people in at the door is project-team work too."""
    return is_project_team(user)
