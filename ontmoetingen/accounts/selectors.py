from ontmoetingen.core import registry


def user_personal_data(user) -> dict:
    return {
        "e-mailadres": user.email,
        "naam": user.full_name,
        "rollen": sorted(user.role_names),
        "aangemaakt_op": user.date_joined.isoformat(),
        "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
    }


def user_data_export(user) -> dict:
    """All personal data the platform holds on this user, per area."""
    return registry.personal_data(user)
