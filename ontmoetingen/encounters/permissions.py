"""Plain yes/no rules about profiles, introductions and invitations (views, templates alike)."""

from __future__ import annotations

from ontmoetingen.accounts.permissions import can_invite, is_coordinator, is_project_team
from ontmoetingen.accounts.roles import Role
from ontmoetingen.core.permissions import is_logged_in

__all__ = ["can_invite", "is_logged_in"]


def can_see_profiles(user) -> bool:
    """Published profiles are for logged-in people only (never anonymous, never indexed)."""
    return is_logged_in(user)


def can_manage_people(user) -> bool:
    """The people overview and abuse reports: the project team."""
    return is_project_team(user)


def invitable_roles(user) -> list[Role]:
    """The team invites with any role; a coordinator invites members (professionals) of their
    own coalition — coordinator and partner roles are granted by the team only."""
    if is_project_team(user):
        return [Role.COORDINATOR, Role.PARTNER, Role.PROJECT_TEAM, Role.PROFESSIONAL]
    if is_coordinator(user):
        return [Role.PROFESSIONAL]
    return []


def can_withdraw_invitation(user, invitation) -> bool:
    """The team, or the person who sent it."""
    return is_project_team(user) or (is_logged_in(user) and invitation.invited_by_id == user.pk)


def can_request_introduction(user, profile) -> bool:
    return is_logged_in(user) and profile.user_id != user.pk
