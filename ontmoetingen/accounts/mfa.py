"""Two-step verification (TOTP with recovery codes, on django-otp) for the project team.

The team and superusers must verify a code after their password before they reach any page
(``accounts.middleware.MfaRequiredMiddleware``). A person has at most one TOTP device (the app on
their phone) and one static device holding ten single-use recovery codes. Recovery codes are
stored as django-otp keeps them and shown only once, right after they are made.
"""

from __future__ import annotations

import re

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ontmoetingen.accounts.models import User
from ontmoetingen.core.audit import record
from ontmoetingen.core.errors import ServiceError

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "app"
RECOVERY_NAME = "herstelcodes"
WRONG_CODE = "Deze code klopt niet. Controleer de code in uw app (hij verandert elke 30 seconden)."


def mfa_required(user) -> bool:
    """The project team and superusers must use two-step verification."""
    return bool(user.is_authenticated and user.is_project_team)


def mfa_device(user: User) -> TOTPDevice | None:
    """The confirmed authenticator app of this person, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise_code(code: str) -> str:
    """Codes as people type them: spaces and dashes do not matter, nor capitals."""
    return re.sub(r"[\s-]", "", code or "").lower()


def display_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def mfa_setup_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device a person is setting up (one, kept across page reloads)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The set-up link as an inline SVG QR code (drawn on the server, no script)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2
    )
    return image.to_string(encoding="unicode")


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [display_code(code) for code in codes]


@transaction.atomic
def mfa_setup_confirm(*, request, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the app with a code it shows; returns the ten new recovery codes and marks this
    session as verified. A wrong code changes nothing."""
    user = request.user
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(normalise_code(code)):
        raise ServiceError(WRONG_CODE, code="wrong", field="code")
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    record(user, "tweestapsverificatie ingesteld", actor=user)
    otp_login(request, device)
    return codes


def mfa_verify(*, request, code: str) -> bool:
    """Check a code from the app, or one recovery code (which is then used up); on success the
    session counts as verified. Returns whether a recovery code was used.

    Not one transaction for both devices on purpose: a failed attempt must be counted by
    django-otp's throttling (it raises the wait after each wrong code)."""
    user = request.user
    token = normalise_code(code)
    totp = mfa_device(user)
    if totp is not None and token.isdigit():
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=totp.pk)
            if device.verify_token(token):
                otp_login(request, device)
                return False
        raise ServiceError(WRONG_CODE, code="wrong", field="code")
    with transaction.atomic():
        device = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if totp is not None and device is not None and device.verify_token(token):
            otp_login(request, device)
            record(user, "herstelcode gebruikt", actor=user)
            return True
    raise ServiceError(
        "Deze code klopt niet. Gebruik de code uit uw app of een herstelcode die u nog niet "
        "gebruikte.",
        code="wrong",
        field="code",
    )


@transaction.atomic
def mfa_recovery_codes_regenerate(*, user: User) -> list[str]:
    """Ten new recovery codes; the old ones stop working at once."""
    if mfa_device(user) is None:
        raise ServiceError("Stel eerst tweestapsverificatie in.", code="no_device")
    codes = _new_recovery_codes(user)
    record(user, "nieuwe herstelcodes gemaakt", actor=user)
    return codes


@transaction.atomic
def mfa_reset(*, user: User, actor) -> None:
    """The team removes someone's app and codes (lost phone); they set it up again at their next
    request. Sessions verified with the old device stop counting as verified."""
    had_device = TOTPDevice.objects.filter(user=user).exists()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    if had_device:
        record(
            user,
            "tweestapsverificatie gewist",
            actor=actor,
            changes={"tweestapsverificatie": ["ingesteld", "niet ingesteld"]},
        )
