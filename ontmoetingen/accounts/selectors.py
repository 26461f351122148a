from ontmoetingen.core import registry


def user_data_export(user) -> dict:
    """All personal data the platform holds on this user, per area."""
    return registry.personal_data(user)
