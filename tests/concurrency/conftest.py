"""Fixtures for the rush tests: real clients against pytest-django's threaded live server."""

import pytest
from django.db import connection


@pytest.fixture
def rush_settings(settings):
    # bounded waits so a stuck lock cannot stall the suite
    settings.EVENTS_LOCK_WAIT_SECONDS = 10
    settings.EVENTS_REGISTRATION_LOCKING = True
    settings.EVENTS_UNLOCKED_PAUSE_SECONDS = 0
    return settings


@pytest.fixture
def sqlite_deferred():
    """SQLite only: open write transactions as plain (DEFERRED) BEGIN for one test, so the
    control can run without the database-wide write lock that IMMEDIATE takes."""
    options = connection.settings_dict["OPTIONS"]
    before = options.get("transaction_mode")
    options["transaction_mode"] = None
    yield
    options["transaction_mode"] = before
