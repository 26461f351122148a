"""Abuse limits: count attempts per subject (an e-mail address, an account, a client address)
in fixed time windows in the shared cache, and refuse with a friendly 429 page when a count
goes over its limit.

The counters live in the default cache: the database cache (``core.cache``, atomic increments,
shared by every app server) or Redis. Client addresses come from ``core.http.client_ip``, so
the limits see the real visitor behind ``TRUSTED_PROXY_COUNT`` proxies, not the proxy.

Limits are named in ``settings.RATE_LIMITS`` as ``name: (count, seconds)``; a deployment may
tune them. A view calls ``enforce(("name", subject), ...)``; ``RateLimited`` reaches
``RateLimitMiddleware``, which answers with the 429 page (a view may also catch it and show the
message in place).
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connections, transaction

from ontmoetingen.core.errors import is_lock_error
from ontmoetingen.core.http import client_ip

logger = logging.getLogger(__name__)

DEFAULT_MESSAGE = (
    "Dit is de afgelopen tijd erg vaak gedaan vanaf dit adres of voor dit account. Om misbruik "
    "te voorkomen nemen we het even niet aan. Probeer het over {minutes} opnieuw."
)

# What the visitor reads when a limit is reached, per limit (falls back to DEFAULT_MESSAGE).
MESSAGES = {
    "registration_email": (
        "Met dit e-mailadres zijn de afgelopen tijd al veel aanmeldingen gedaan. Om misbruik te "
        "voorkomen nemen we er even geen meer aan. Probeer het over {minutes} opnieuw."
    ),
    "registration_event_address": (
        "Vanaf dit adres zijn in korte tijd heel veel aanmeldingen voor deze bijeenkomst gedaan. "
        "Probeer het over {minutes} opnieuw, of vraag het projectteam om u aan te melden."
    ),
    "registration_address": (
        "Vanaf dit adres zijn in korte tijd heel veel aanmeldingen gedaan. Probeer het over "
        "{minutes} opnieuw, of vraag het projectteam om u aan te melden."
    ),
    "password_reset_address": (
        "Vanaf dit adres is de afgelopen tijd heel vaak een nieuw wachtwoord aangevraagd. "
        "Probeer het over {minutes} opnieuw."
    ),
    "theme_proposal_hour": (
        "U heeft de afgelopen tijd al veel thema's voorgesteld. Dank voor uw inzet! Probeer het "
        "over {minutes} opnieuw."
    ),
    "toolkit_proposal_hour": (
        "U heeft de afgelopen tijd al veel voorstellen voor de toolkit gedaan. Dank voor uw "
        "inzet! Probeer het over {minutes} opnieuw."
    ),
}
MESSAGES["theme_proposal_day"] = MESSAGES["theme_proposal_hour"]
MESSAGES["toolkit_proposal_day"] = MESSAGES["toolkit_proposal_hour"]


class RateLimited(Exception):
    """A limit was reached. ``message`` is Dutch and fit for the visitor."""

    def __init__(self, message: str, *, retry_after: int, rule: str):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
        self.rule = rule


@dataclass(frozen=True)
class Rule:
    name: str
    limit: int
    seconds: int


def rule(name: str) -> Rule:
    limit, seconds = settings.RATE_LIMITS[name]
    return Rule(name=name, limit=int(limit), seconds=int(seconds))


def _window(rule_: Rule, now: float) -> tuple[int, int]:
    """The current window's number and the seconds until it ends."""
    number = int(now // rule_.seconds)
    return number, int((number + 1) * rule_.seconds - now) + 1


def _cache_key(rule_: Rule, subject: str, window: int) -> str:
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()[:40]
    return f"rl:{rule_.name}:{window}:{digest}"


def hit(name: str, subject: str) -> tuple[bool, int]:
    """Count one attempt by ``subject`` under limit ``name``: (still allowed, seconds to wait)."""
    rule_ = rule(name)
    window, remaining = _window(rule_, time.time())
    key = _cache_key(rule_, subject, window)
    timeout = rule_.seconds + 60
    if hasattr(cache, "count"):  # core.cache.AtomicDatabaseCache: one short transaction
        count = cache.count(key, timeout=timeout)
    else:  # Redis (atomic INCR) or the local memory cache
        cache.add(key, 0, timeout=timeout)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=timeout)
            count = 1
    return count <= rule_.limit, remaining


def refuse_if_spent(name: str, subject: str, *, message: str | None = None) -> None:
    """Raise ``RateLimited`` when ``subject`` already used up limit ``name``, without counting
    this attempt: for limits on what actually happened (count those with ``hit`` afterwards),
    so a refused or duplicate attempt uses up nothing."""
    if not subject:
        return
    rule_ = rule(name)
    window, remaining = _window(rule_, time.time())
    if (cache.get(_cache_key(rule_, subject, window)) or 0) >= rule_.limit:
        text = message or MESSAGES.get(name, DEFAULT_MESSAGE)
        raise RateLimited(
            text.format(minutes=_minutes(remaining)), retry_after=remaining, rule=name
        )


def _minutes(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return "een minuut" if minutes == 1 else f"{minutes} minuten"


@contextmanager
def _bounded_lock_wait():
    """Counting must not queue behind a long write: on SQLite (one writer at a time) the wait
    for the database lock is cut to RATE_LIMIT_LOCK_WAIT_SECONDS while counting (PostgreSQL:
    see core.cache)."""
    connection = connections["default"]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        previous = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
        wait_ms = int(settings.RATE_LIMIT_LOCK_WAIT_SECONDS * 1000)
        cursor.execute(f"PRAGMA busy_timeout = {wait_ms}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")


def _count(checks) -> list[tuple[str, int]]:
    refused: list[tuple[str, int]] = []
    checks = [(name, str(subject)) for name, subject in checks if subject]
    # SQLite: several counters in one transaction, so one turn at the database's write lock
    # instead of one per counter (a rush makes everyone queue for it). PostgreSQL locks rows
    # and would only gain savepoints.
    together = (
        len(checks) > 1 and hasattr(cache, "count") and connections["default"].vendor == "sqlite"
    )
    with _bounded_lock_wait(), transaction.atomic() if together else nullcontext():
        for name, subject in checks:
            allowed, remaining = hit(name, subject)
            if not allowed:
                refused.append((name, remaining))
    return refused


def attempt(name: str, subject: str) -> bool:
    """Count one attempt under limit ``name``; whether it is still within the limit. Like
    ``enforce`` it passes (uncounted) when the database is too busy to count."""
    try:
        return not _count([(name, subject)])
    except OperationalError as exc:
        if not is_lock_error(exc):
            raise
        logger.warning("Limiet niet geteld, database bezet: %s", exc)
        return True


def enforce(*checks: tuple[str, str], message: str | None = None) -> None:
    """Count an attempt under every (limit name, subject) pair; raise ``RateLimited`` when one
    is over its limit. Empty subjects are skipped. The message (``message``, else the limit's
    own from MESSAGES) may use ``{minutes}``.

    When the counters cannot be written in time (the database is busy with a long write) the
    attempt passes uncounted: the action itself then meets the same busy database and answers
    with the "even druk" page, and a busy moment never turns into a refusal."""
    try:
        refused = _count(checks)
    except OperationalError as exc:
        if not is_lock_error(exc):
            raise
        logger.warning("Limiet niet geteld, database bezet: %s", exc)
        return
    if refused:
        name, wait = max(refused, key=lambda item: item[1])
        text = message or MESSAGES.get(name, DEFAULT_MESSAGE)
        raise RateLimited(text.format(minutes=_minutes(wait)), retry_after=wait, rule=name)


def address(request) -> str:
    """The subject for per-address limits: the real client address."""
    return client_ip(request)


def account(request) -> str:
    """The subject for per-account limits ('' for anonymous visitors)."""
    user = getattr(request, "user", None)
    return f"user:{user.pk}" if user is not None and user.is_authenticated else ""
