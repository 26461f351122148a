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
        "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
    }


def find_personal_data(email: str, user) -> dict:
    """The account with this address, if any (an AVG request)."""
    return personal_data(user) if user is not None else {}


def erase_personal_data(email: str, user) -> dict:
    """Delete the account (runs last: the other areas erase what hangs on it first). What
    points at the account without being about the person (log entries, decisions of the team)
    loses the link."""
    if user is None:
        return {}
    user.delete()
    return {"accounts": 1}
