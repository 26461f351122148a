"""Who may see which part of the monitor. The national picture is public; the outreach list
names organisations to approach and is the project team's own working list."""

from ontmoetingen.accounts.permissions import is_project_team


def can_view_outreach(user) -> bool:
    """Only the project team sees (and exports) the outreach list."""
    return is_project_team(user)
