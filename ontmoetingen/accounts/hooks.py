"""What accounts contributes to shared pages (see core/registry.py)."""


def personal_data(user) -> dict:
    """The account itself, for /mijn/gegevens.json."""
    return {
        "e-mailadres": user.email,
        "naam": user.full_name,
        "rollen": sorted(user.role_names),
        "aangemaakt_op": user.date_joined.isoformat(),
        "e-mailadres_bevestigd_op": (
            user.email_verified_at.isoformat() if user.email_verified_at else None
        ),
        "verwijdering_aangevraagd_op": (
            user.deletion_requested_at.isoformat() if user.deletion_requested_at else None
        ),
        "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
    }
