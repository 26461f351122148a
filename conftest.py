"""Fixtures for every test: mail goes through the real queue path, tasks run at once."""

import pytest


@pytest.fixture(autouse=True)
def _mail_through_queue(settings):
    # pytest-django swaps EMAIL_BACKEND for locmem; put the project's queued backend back so
    # tests see the real path: mail leaves only on commit, through the deliver_mail task.
    settings.EMAIL_BACKEND = "ontmoetingen.core.mail.QueuedEmailBackend"
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def outbox(mailoutbox):
    """Messages delivered so far (the locmem outbox the worker hands mail to)."""
    return mailoutbox


@pytest.fixture
def regions(db):
    """The shipped 2026 classification (342 municipalities), loaded once per test database
    state: a transactional test flushes tables, so the check runs each time."""
    from ontmoetingen.regions.models import Municipality
    from ontmoetingen.regions.services import regions_load

    if not Municipality.objects.exists():
        regions_load()


@pytest.fixture(autouse=True)
def _fresh_local_memos():
    # what a process keeps of cached pages and fragments is keyed by data versions, which the
    # test's rollback resets in the database cache: each test starts without the last one's
    from ontmoetingen.core import fragments, pagecache

    fragments.memo.clear()
    pagecache.memo.clear()
