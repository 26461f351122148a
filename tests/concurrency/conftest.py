"""Fixtures for the rush tests: real clients against pytest-django's threaded live server."""

import time

import pytest
from django.db import connection

from ontmoetingen.events import capacity, locking


@pytest.fixture
def rush_settings(settings):
    # bounded waits so a stuck lock cannot stall the suite
    settings.EVENTS_LOCK_WAIT_SECONDS = 10
    return settings


@pytest.fixture
def without_row_lock(monkeypatch):
    """Control: take the row lock away and widen the gap between counting and writing.

    ``locking.for_update`` becomes a plain read (no ``SELECT ... FOR UPDATE``), and every
    decision on a seat sleeps ``pause`` seconds after counting, so on a busy machine the
    requests still overlap. The live server runs in this process, so the patch reaches it.
    """

    def remove(pause: float) -> None:
        decide = capacity.decide

        def slow_decide(*args, **kwargs):
            outcome = decide(*args, **kwargs)
            time.sleep(pause)
            return outcome

        monkeypatch.setattr(locking, "for_update", lambda queryset: queryset)
        monkeypatch.setattr(capacity, "decide", slow_decide)

    return remove


@pytest.fixture
def sqlite_deferred():
    """SQLite only: open write transactions as plain (DEFERRED) BEGIN for one test, so the
    control can run without the database-wide write lock that IMMEDIATE takes."""
    options = connection.settings_dict["OPTIONS"]
    before = options.get("transaction_mode")
    options["transaction_mode"] = None
    yield
    options["transaction_mode"] = before
