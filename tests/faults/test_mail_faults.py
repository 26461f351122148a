"""Issue 15 §1: every mail arrives exactly once, or is listed as failed with its reason, while
the mail server misbehaves and workers are killed with kill -9 at random moments.

Registrations go through the real service (``events.services.registration_create``); real
``ontmoetingen db_worker`` processes compose and deliver the mails to a fake SMTP server
(tests/faults/smtp.py) that answers 421/451/550, hangs and drops connections. A killer thread
kills a random worker every 0.4 to 1.6 s and starts a new one. Runs on SQLite (file database) and
on PostgreSQL (DATABASE_URL). Prints the figures: expected / delivered / duplicated / failed.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import Counter

import pytest
from django.db import connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ontmoetingen.core import mail_failures
from ontmoetingen.core.models import MailDelivery, WorkerHeartbeat
from ontmoetingen.events import services
from ontmoetingen.events.tests.factories import EventFactory
from tests.faults import smtp

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

REGISTRATIONS = 110
UNREACHABLE = 4  # of which this many have an address the server refuses with 550
WORKERS = 2
KILLS = 10
MIN_KILLS = 3
SETTLE_SECONDS = 240  # about 45 s on a quiet machine
# a duplicate is the documented window (server's 250 → our commit) only if a worker was killed
# right after the first copy was accepted
WINDOW_SECONDS = 1.0


class Killer(threading.Thread):
    def __init__(self, pool, *, kills: int, seed: int = 14):
        super().__init__(daemon=True)
        self.pool, self.kills = pool, kills
        self.rng = random.Random(seed)
        self.kill_times: list[float] = []
        self.stopped = threading.Event()

    def working(self) -> list:
        """Workers that got going (wrote a heartbeat): killing one still starting up tests
        nothing, and on a busy machine start-up takes seconds."""
        pids = set(WorkerHeartbeat.objects.values_list("pid", flat=True))
        return [process for process in self.pool.alive() if process.pid in pids]

    def run(self) -> None:
        try:
            while len(self.kill_times) < self.kills and not self.stopped.wait(
                self.rng.uniform(0.4, 1.6)
            ):
                working = self.working()
                if working:
                    self.kill_times.append(time.monotonic())
                    self.pool.kill(self.rng.choice(working))
                    self.pool.start()
        finally:
            connection.close()


def _email(i: int) -> str:
    return f"onbereikbaar{i}@voorbeeld.nl" if i < UNREACHABLE else f"deelnemer{i}@voorbeeld.nl"


def _register_all(event) -> list[str]:
    emails = []
    for i in range(REGISTRATIONS):
        data = services.RegistrationInput(name=f"Deelnemer {i}", email=_email(i), domain="jgz")
        services.registration_create(event_id=event.pk, data=data)
        emails.append(_email(i))
        time.sleep(0.02)
    return emails


def _settled(expected: int) -> bool:
    pending = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).exists()
    deliveries = MailDelivery.objects.exclude(status__in=["sent", "failed"]).exists()
    return not pending and not deliveries and MailDelivery.objects.count() >= expected


def _wait_until_settled(expected: int) -> bool:
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline:
        if _settled(expected):
            return True
        time.sleep(0.5)
    return False


@pytest.fixture(autouse=True)
def _quiet_smtp_log():
    logger = logging.getLogger("mail.log")
    level = logger.level
    logger.setLevel(logging.WARNING)
    yield
    logger.setLevel(level)


def test_every_mail_arrives_once_or_is_listed_as_failed(workers):
    handler = smtp.FaultyHandler()
    server = smtp.start(handler)
    workers.env["EMAIL_URL"] = f"smtp://127.0.0.1:{server.port}"
    try:
        for _ in range(WORKERS):
            workers.start()
        killer = Killer(workers, kills=KILLS)
        killer.start()
        event = EventFactory(capacity=None)
        began = time.monotonic()
        emails = _register_all(event)
        registered = time.monotonic()
        # the killer keeps going while the queue works; what it broke must settle too
        settled = _wait_until_settled(len(emails))
        killer.stopped.set()
        killer.join(timeout=30)
        settled = settled and _wait_until_settled(len(emails))
        print(
            f"\nregistered in {registered - began:.1f}s, settled after {time.monotonic() - began:.1f}s"
        )
    finally:
        workers.stop()
        stopping = time.monotonic()
        server.stop()
        print(f"server stopped in {time.monotonic() - stopping:.1f}s")

    accepted = Counter()
    first_at: dict[str, float] = {}
    copies = Counter()
    for received in handler.received:
        copies[received.message_id] += 1
        first_at.setdefault(received.message_id, received.at)
        for to in received.to:
            accepted[to] += 1
    failed = {to: mail.reason for mail in mail_failures.mails_failed() for to in mail.to}
    duplicated = {mid: n for mid, n in copies.items() if n > 1}
    in_window = {
        mid
        for mid in duplicated
        if any(0 <= kill - first_at[mid] <= WINDOW_SECONDS for kill in killer.kill_times)
    }
    delivered_once = sum(1 for to in emails if accepted[to] == 1)
    print(
        f"\n[faults/{connection.vendor}] expected {len(emails)} mails; delivered exactly once "
        f"{delivered_once}; duplicated {len(duplicated)} (in the documented window "
        f"{len(in_window)}); listed as failed {len(failed)}; lost "
        f"{sum(1 for to in emails if not accepted[to] and to not in failed)}; workers killed "
        f"{len(killer.kill_times)} (started {workers.started}); server faults "
        f"{dict(handler.faults)}"
    )

    assert settled, "the queue did not settle: tasks left READY/RUNNING or mails in flight"
    # on a quiet machine all KILLS land while mail is in flight; a loaded one restarts
    # workers slowly and may finish the queue first
    assert len(killer.kill_times) >= MIN_KILLS
    lost = [to for to in emails if not accepted[to] and to not in failed]
    assert lost == []
    assert set(duplicated) - in_window == set()
    for i in range(UNREACHABLE):
        assert "550" in failed[_email(i)] and accepted[_email(i)] == 0
    # every mail is either delivered or listed, never both
    assert [to for to in emails if accepted[to] and to in failed] == []
