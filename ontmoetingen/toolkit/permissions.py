"""Plain yes/no rules for the toolkit, used by views, templates and hooks alike."""

from ontmoetingen.accounts.permissions import has_role, is_project_team
from ontmoetingen.accounts.roles import Role
from ontmoetingen.toolkit.models import Resource, Status

PROPOSER_ROLES = (Role.PROFESSIONAL, Role.COORDINATOR, Role.PARTNER)


def can_propose(user) -> bool:
    """Professionals (and coordinators, partners, the project team) may propose resources."""
    return is_project_team(user) or any(has_role(user, role) for role in PROPOSER_ROLES)


def can_moderate(user) -> bool:
    """Only the project team publishes or rejects proposals."""
    return is_project_team(user)


def can_view(user, resource: Resource) -> bool:
    """Published resources are public; a proposal only for its proposer and the project team."""
    if resource.status == Status.PUBLISHED:
        return True
    if can_moderate(user):
        return True
    return bool(
        user
        and user.is_authenticated
        and resource.proposed_by_id is not None
        and resource.proposed_by_id == user.pk
    )
