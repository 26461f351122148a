"""Signed links: a registrant manages or cancels a registration without logging in; staff open
a person's check-in from the QR code in the confirmation mail."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing

from ontmoetingen.core.errors import ServiceError

REGISTRATION_SALT = "events.registration"
CHECKIN_SALT = "events.checkin"
DEFAULT_LINK_MAX_AGE = timedelta(days=400)


def registration_token(registration_id: int) -> str:
    return signing.dumps(registration_id, salt=REGISTRATION_SALT, compress=True)


def registration_id_from_token(token: str) -> int:
    """The registration a link belongs to; a tampered or expired link is refused."""
    max_age = getattr(settings, "EVENTS_LINK_MAX_AGE", DEFAULT_LINK_MAX_AGE)
    try:
        return int(signing.loads(token, salt=REGISTRATION_SALT, max_age=max_age))
    except signing.SignatureExpired as exc:
        raise ServiceError(
            "Deze link is verlopen. Neem contact op met het projectteam als u uw aanmelding wilt wijzigen.",
            code="expired",
        ) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise ServiceError(
            "Deze link klopt niet. Gebruik de link uit uw e-mail precies zoals hij is.",
            code="tampered",
        ) from exc


def checkin_token(registration_id: int) -> str:
    return signing.dumps(registration_id, salt=CHECKIN_SALT, compress=True)


def registration_id_from_checkin_token(token: str) -> int:
    try:
        return int(signing.loads(token, salt=CHECKIN_SALT))
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise ServiceError("Deze QR-code hoort niet bij een aanmelding.", code="tampered") from exc
