"""Who may do what with the glossary: everyone reads it; the project team keeps it."""

from ontmoetingen.accounts.permissions import is_project_team


def can_edit_terms(user) -> bool:
    """Only the project team adds, edits and removes terms."""
    return is_project_team(user)
