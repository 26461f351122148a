"""Plain yes/no rules about coalitions, used by views, the API and templates alike."""

from ontmoetingen.accounts.permissions import is_coordinator, is_project_team


def can_edit_coalition(user, coalition) -> bool:
    """The project team edits every coalition; a coordinator only the coalitions they coordinate."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if is_project_team(user):
        return True
    if not is_coordinator(user):  # the role is checked on every request, as the listing is
        return False
    # through .all(): the coalition page has its coordinators prefetched already
    return any(coordinator.pk == user.pk for coordinator in coalition.coordinators.all())


def can_see_missing(user, coalition) -> bool:
    """ "Wie ontbreekt aan tafel" is a working list for the coalition's coordinators and the
    project team, not a public judgement on organisations."""
    return can_edit_coalition(user, coalition)


def can_manage_coalitions(user) -> bool:
    """Creating coalitions, setting municipalities and coordinators: the project team only."""
    return is_project_team(user)
