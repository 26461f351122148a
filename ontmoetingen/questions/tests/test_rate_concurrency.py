"""The hourly limit holds when a sender's requests arrive at the same moment (both databases)."""

import threading
import time

import pytest
from django.db import connection

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.questions import services
from ontmoetingen.questions.models import Question

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

SENDERS = 10


def _slow_check(original):
    # widen the window between counting and inserting, so a missing lock shows up reliably
    def check(**kwargs):
        original(**kwargs)
        time.sleep(0.2)

    return check


def _rush() -> list[str]:
    barrier = threading.Barrier(SENDERS)
    outcomes = []

    def send(n: int):
        try:
            barrier.wait()
            services.question_create(
                kind="question",
                domain="jgz",
                text=f"Gelijktijdige vraag {n}",
                name="Snelle Zender",
                email="snel@voorbeeld.example",
                ip_address=f"198.51.100.{n}",
            )
            outcomes.append("ok")
        except ServiceError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_simultaneous_submissions_never_pass_the_limit(monkeypatch):
    monkeypatch.setattr(services, "_check_rate", _slow_check(services._check_rate))
    outcomes = _rush()
    assert outcomes.count("ok") == services.RATE_LIMIT
    assert outcomes.count("rate_limited") == SENDERS - services.RATE_LIMIT
    assert Question.objects.count() == services.RATE_LIMIT


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's IMMEDIATE transactions always serialise"
)
def test_control_without_the_lock_the_race_appears(monkeypatch):
    monkeypatch.setattr(services, "_check_rate", _slow_check(services._check_rate))
    monkeypatch.setattr(services, "_serialise", lambda keys: None)
    _rush()
    assert Question.objects.count() > services.RATE_LIMIT
