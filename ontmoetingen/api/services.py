"""Every write of the API app: tokens, and events that come in through the API.

Events are written by the events app's services; ``_event_save`` is the one place that calls
them, so a change in their signature is a one-line fix here.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

from django.db import OperationalError, transaction
from django.utils import timezone

from ontmoetingen.api.models import ApiToken, SubmittedEvent
from ontmoetingen.core.audit import record
from ontmoetingen.core.errors import ServiceError, is_lock_error
from ontmoetingen.events import services as event_services
from ontmoetingen.events.models import Event

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "ko"  # noqa: S105 - a label in front of the secret, not a secret
# last_used_at is a hint for the team, not an access log: write it at most once a minute
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_key(raw: str) -> str:
    """The stored form of a token. The secret has 256 random bits, so a plain SHA-256 (no
    salt, no slow hash) cannot be reversed, and lookups stay one indexed query."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def token_create(*, name: str, user, actor) -> tuple[ApiToken, str]:
    """Issue a token acting for ``user``. Returns the token and its secret, which is shown
    this once and never stored."""
    name = name.strip()
    if not name:
        raise ServiceError("Geef het token een naam.", field="name")
    if not user.is_active:
        raise ServiceError("Dit account is niet actief.", field="user")
    with transaction.atomic():
        prefix = secrets.token_hex(4)
        while ApiToken.objects.filter(prefix=prefix).exists():
            prefix = secrets.token_hex(4)
        raw = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
        token = ApiToken.objects.create(
            name=name, user=user, prefix=prefix, key_hash=hash_key(raw), created_by=actor
        )
        record(
            token,
            "API-token aangemaakt",
            actor=actor,
            changes={"naam": name, "werkt namens": str(user)},
        )
    return token, raw


def token_revoke(*, token: ApiToken, actor) -> ApiToken:
    """Revoke a token; from then on every request with it gets 401."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            raise ServiceError("Dit token was al ingetrokken.", code="revoked")
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        record(token, "API-token ingetrokken", actor=actor)
    return token


def token_mark_used(*, token: ApiToken, now=None) -> None:
    """Note that the token was used (at most one write per token per minute)."""
    now = now or timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    try:
        ApiToken.objects.filter(pk=token.pk).exclude(
            last_used_at__gt=now - LAST_USED_RESOLUTION
        ).update(last_used_at=now)
    except OperationalError as exc:
        # a busy database must not fail a read over a hint; the next request notes it
        if not is_lock_error(exc):
            raise
        logger.info("API token %s: last use not noted (database busy)", token.prefix)
        return
    token.last_used_at = now


def _event_save(*, event: Event, actor, m2m: dict) -> Event:
    # The one call into the events app's write path (its signature may change).
    return event_services.event_save(event=event, actor=actor, m2m=m2m)


def event_submit(*, event: Event, m2m: dict, token: ApiToken) -> Event:
    """Create a (draft) event through the events service and note which token brought it in."""
    with transaction.atomic():
        event = _event_save(event=event, actor=token.user, m2m=m2m)
        SubmittedEvent.objects.create(event=event, token=token, user=token.user)
        record(
            event,
            "bijeenkomst aangemaakt via de API",
            actor=token.user,
            changes={"token": token.name},
        )
    return event


def event_publish(*, event: Event, token: ApiToken) -> Event:
    """Publish an event through the events service."""
    return event_services.event_publish(event=event, actor=token.user)
