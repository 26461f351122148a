from ontmoetingen.accounts.permissions import is_project_team


def can_manage_newsletter(user) -> bool:
    """The project team writes, previews and sends the digest."""
    return is_project_team(user)
