"""Plain yes/no rules about users, used by views, the API and templates alike."""

from ontmoetingen.accounts.roles import Role


def is_project_team(user) -> bool:
    """The project team (or a superuser) manages everything in the back-office."""
    return bool(user and user.is_authenticated and user.is_project_team)


def has_role(user, role: Role) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_role(role))


def can_manage_people(user) -> bool:
    """The people overview (search, deactivate, roles, resend invitations): project team only."""
    return is_project_team(user)


def is_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR)


def can_invite(user) -> bool:
    """The project team invites anyone; a coordinator invites members of their own coalition."""
    return is_project_team(user) or is_coordinator(user)
