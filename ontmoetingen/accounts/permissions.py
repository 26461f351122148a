"""Plain yes/no rules about users, used by views, the API and templates alike."""

from ontmoetingen.accounts.roles import Role


def is_project_team(user) -> bool:
    """The project team (or a superuser) manages everything in the back-office."""
    return bool(user and user.is_authenticated and user.is_project_team)


def has_role(user, role: Role) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_role(role))
