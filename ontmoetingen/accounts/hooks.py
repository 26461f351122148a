"""What accounts contributes to shared pages (see core/registry.py)."""

from ontmoetingen.accounts.services import account_erase


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


def find_personal_data(email: str, user) -> dict:
    """The account with this address, if any (an AVG request)."""
    return personal_data(user) if user is not None else {}


def erase_personal_data(email: str, user) -> dict:
    """Erase the account (runs last: the other areas erase what hangs on it first) the way
    account deletion does: the row stays under a pseudonym so the log still reads."""
    if user is None:
        return {}
    account_erase(user=user, with_other_areas=False)
    return {"accounts": 1}
