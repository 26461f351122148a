"""Write transactions that hold the event lock, with a bounded wait (STYLE.md: pretix lesson).

On PostgreSQL the event (and session) rows are locked with SELECT ... FOR UPDATE and the wait
for a lock is bounded with ``SET LOCAL lock_timeout``. SQLite ignores row locks: the project
opens write transactions as ``BEGIN IMMEDIATE`` (settings.SQLITE_OPTIONS), which takes the
database's write lock up front, and the wait is bounded with ``PRAGMA busy_timeout``. Either
way a lock held too long surfaces as ``BusyError`` and so as the friendly 503 page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import QuerySet

from ontmoetingen.core import statements
from ontmoetingen.core.errors import BusyError, is_lock_error

logger = logging.getLogger(__name__)

DEFAULT_LOCK_WAIT_SECONDS = 10.0


def lock_wait_seconds() -> float:
    return float(getattr(settings, "EVENTS_LOCK_WAIT_SECONDS", DEFAULT_LOCK_WAIT_SECONDS))


def for_update(queryset: QuerySet) -> QuerySet:
    """``queryset`` with its rows locked when it is evaluated (``SELECT ... FOR UPDATE``).

    Every row lock of the events area is taken through this one function, which is also what
    the concurrency control tests replace to show the race that appears without it.
    """
    return queryset.select_for_update()


@contextmanager
def locked_transaction() -> Iterator[None]:
    """``transaction.atomic()`` whose lock waits end after ``EVENTS_LOCK_WAIT_SECONDS``."""
    connection = transaction.get_connection()
    seconds = lock_wait_seconds()
    try:
        with statements.sqlite_lock_wait(seconds), transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL lock_timeout = {int(seconds * 1000)}")
            yield
    except OperationalError as exc:
        if is_lock_error(exc):
            logger.warning("Bijeenkomst vergrendeld, aanvraag afgebroken: %s", exc)
            raise BusyError() from exc
        raise
