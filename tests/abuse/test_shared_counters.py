"""Case 2 (across app servers): the rate-limit counters live in the shared database (or Redis)
and are counted up by one atomic statement, so concurrent requests on several processes cannot
lose a count."""

import threading

import pytest
from django.db import connection

from ontmoetingen.core import ratelimit


@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_are_not_lost(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "test_counter": (10_000, 10**9)}  # one window
    ratelimit.forget_all()
    threads, per_thread = 4, 15
    errors = []

    def work():
        try:
            for _ in range(per_thread):
                ratelimit.hit("test_counter", "203.0.113.10")
        except Exception as exc:  # pragma: no cover - shown in the assertion below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    allowed, _ = ratelimit.hit("test_counter", "203.0.113.10")
    assert allowed
    assert ratelimit.counted("test_counter", "203.0.113.10") == threads * per_thread + 1
    ratelimit.forget_all()
