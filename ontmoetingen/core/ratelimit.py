"""Abuse limits: count attempts per subject (an e-mail address, an account, a client address)
in fixed time windows in the shared cache, and refuse with a friendly 429 page when a count
goes over its limit.

The counters are shared by every app server: rows of ``core.RateCounter`` (all counters of one
attempt counted up by a single upsert statement), or Redis when ``REDIS_URL`` is set. Client
addresses come from ``core.http.client_ip``, so the limits see the real visitor behind
``TRUSTED_PROXY_COUNT`` proxies, not the proxy.

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
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connections
from django.utils import timezone

from ontmoetingen.core import statements
from ontmoetingen.core.errors import is_lock_error
from ontmoetingen.core.http import client_ip
from ontmoetingen.core.models import RateCounter

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


def _on_database() -> bool:
    """Counters live in the ``RateCounter`` table unless the cache is Redis (``REDIS_URL``)."""
    return not settings.REDIS_URL


def _count_many(keys: dict[str, int]) -> dict[str, int]:
    """Add one to each counter (``key: seconds it lives``); their new values.

    On the database this is one statement for all of them, an upsert that every process can
    run at once without losing a count (the row is locked by the statement itself); Redis
    increments atomically by itself."""
    if not keys:
        return {}
    if not _on_database():
        counts = {}
        for key, timeout in keys.items():
            cache.add(key, 0, timeout=timeout)
            try:
                counts[key] = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=timeout)
                counts[key] = 1
        return counts
    connection = connections["default"]
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    key_column, count_column, expires_column = (
        connection.ops.quote_name(name) for name in ("key", "count", "expires")
    )
    now = timezone.now()
    params: list = []
    for key, timeout in keys.items():
        expires = now + timedelta(seconds=timeout)
        params += [key, connection.ops.adapt_datetimefield_value(expires)]
    rows = ", ".join(["(%s, 1, %s)"] * len(keys))
    sql = (
        f"INSERT INTO {table} ({key_column}, {count_column}, {expires_column}) "  # noqa: S608
        f"VALUES {rows} ON CONFLICT ({key_column}) DO UPDATE "
        f"SET {count_column} = {table}.{count_column} + 1 RETURNING {key_column}, {count_column}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def hit(name: str, subject: str) -> tuple[bool, int]:
    """Count one attempt by ``subject`` under limit ``name``: (still allowed, seconds to wait)."""
    refused = _count([(name, subject)])
    if refused:
        return False, refused[0][1]
    return True, _window(rule(name), time.time())[1]


def _current_key(name: str, subject: str) -> str:
    """The counter of ``subject`` under limit ``name`` in the window running now."""
    rule_ = rule(name)
    return _cache_key(rule_, str(subject), _window(rule_, time.time())[0])


def counted(name: str, subject: str) -> int:
    """How often ``subject`` was counted under limit ``name`` in the current window."""
    key = _current_key(name, subject)
    if not _on_database():
        return cache.get(key) or 0
    connection = connections["default"]
    table, key_column, count_column = (
        connection.ops.quote_name(name) for name in (RateCounter._meta.db_table, "key", "count")
    )
    with connection.cursor() as cursor:  # read on every registration: no ORM on the hot path
        cursor.execute(f"SELECT {count_column} FROM {table} WHERE {key_column} = %s", [key])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def forget_all() -> None:
    """Every counter back to zero (tests; an operator after a false alarm)."""
    if _on_database():
        RateCounter.objects.all().delete()
    else:
        cache.clear()  # Redis: the counters cannot be told apart from the rest cheaply


def expired_remove(now=None) -> int:
    """Remove the counters whose window ended (the scheduler, every round)."""
    if not _on_database():
        return 0  # Redis expires them itself
    deleted, _ = RateCounter.objects.filter(expires__lt=now or timezone.now()).delete()
    return deleted


def _minutes(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return "een minuut" if minutes == 1 else f"{minutes} minuten"


@contextmanager
def _bounded_lock_wait():
    """Counting must not queue behind a long write: on SQLite (one writer at a time) the wait
    for the database lock is cut to RATE_LIMIT_LOCK_WAIT_SECONDS while counting (PostgreSQL
    waits for a counter's row only as long as another statement holds it: one upsert)."""
    if not _on_database() or connections["default"].in_atomic_block:
        yield
        return
    with statements.sqlite_lock_wait(settings.RATE_LIMIT_LOCK_WAIT_SECONDS):
        yield


def _count(checks) -> list[tuple[str, int]]:
    """Count one attempt under each (limit name, subject); the refused ones with their wait."""
    now = time.time()
    keys: dict[str, tuple[str, int, int]] = {}
    for name, subject in checks:
        if not subject:
            continue
        rule_ = rule(name)
        window, remaining = _window(rule_, now)
        keys[_cache_key(rule_, str(subject), window)] = (name, rule_.limit, remaining)
    with _bounded_lock_wait():
        counts = _count_many({key: rule(name).seconds + 60 for key, (name, *_) in keys.items()})
    return [
        (name, remaining) for key, (name, limit, remaining) in keys.items() if counts[key] > limit
    ]


def attempt(name: str, subject: str) -> bool:
    """Count one attempt under limit ``name``; whether it is still within the limit. Like
    ``enforce`` it passes (uncounted) when the database is too busy to count."""
    refused, _ = _count_or_pass([(name, subject)])
    return not refused


def _count_or_pass(checks) -> tuple[list[tuple[str, int]], bool]:
    """(the refused limits with their wait, whether the attempt was counted at all). When the
    counters cannot be written in time (the database is busy with a long write) the attempt
    passes uncounted: the action itself then meets the same busy database and answers with the
    "even druk" page, and a busy moment never turns into a refusal."""
    try:
        return _count(checks), True
    except OperationalError as exc:
        if not is_lock_error(exc):
            raise
        logger.warning("Limiet niet geteld, database bezet: %s", exc)
        return [], False


def _refuse(refused: list[tuple[str, int]], message: str | None) -> None:
    name, wait = max(refused, key=lambda item: item[1])
    text = message or MESSAGES.get(name, DEFAULT_MESSAGE)
    raise RateLimited(text.format(minutes=_minutes(wait)), retry_after=wait, rule=name)


def enforce(*checks: tuple[str, str], message: str | None = None) -> None:
    """Count an attempt under every (limit name, subject) pair; raise ``RateLimited`` when one
    is over its limit. Empty subjects are skipped. The message (``message``, else the limit's
    own from MESSAGES) may use ``{minutes}``. A busy database lets the attempt pass uncounted
    (``_count_or_pass``)."""
    refused, _ = _count_or_pass(checks)
    if refused:
        _refuse(refused, message)


def refuse_if_spent(name: str, subject: str, *, message: str | None = None) -> None:
    """Raise ``RateLimited`` when ``subject`` already used up limit ``name``, without counting
    this attempt: for limits on what actually happened (count those with ``attempt`` after
    the fact), so a refused or duplicate attempt uses up nothing, and attempts in flight at
    the same moment (a double click, twenty tabs) never refuse each other."""
    if not subject:
        return
    rule_ = rule(name)
    if counted(name, subject) >= rule_.limit:
        _refuse([(name, _window(rule_, time.time())[1])], message)


def address(request) -> str:
    """The subject for per-address limits: the real client address."""
    return client_ip(request)


def account(request) -> str:
    """The subject for per-account limits ('' for anonymous visitors)."""
    user = getattr(request, "user", None)
    return f"user:{user.pk}" if user is not None and user.is_authenticated else ""
