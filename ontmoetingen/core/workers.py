"""Task workers that die are noticed: a heartbeat per worker and a reaper for their tasks.

django-tasks-db marks a task ``RUNNING`` when a worker claims it and only the same worker ever
finishes it; a worker killed (kill -9, out of memory, a lost machine) leaves the task
``RUNNING`` for good. Every worker (``ontmoetingen db_worker``) therefore writes a heartbeat
every quarter of ``TASK_WORKER_LEASE_SECONDS`` from a background thread, which keeps beating
while a long task runs. :func:`tasks_reap`, run by every worker's heartbeat and by the
scheduler, puts a ``RUNNING`` task back in the queue when its worker has not been seen for a
whole lease (default 60 s), and marks it failed after ``TASK_MAX_CLAIMS`` workers died on it.

A task may therefore run more than once (at-least-once); tasks are written to be idempotent,
and mail delivery is de-duplicated per Message-ID (core.mail_delivery).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ontmoetingen.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEATS_KEPT = timedelta(days=1)


class WorkerLost(Exception):
    """The worker running a task stopped (killed, crashed) too often."""


def lease() -> timedelta:
    return timedelta(seconds=settings.TASK_WORKER_LEASE_SECONDS)


def heartbeat(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "seen_at": timezone.now(),
            "pid": os.getpid(),
            "host": socket.gethostname()[:100],
        },
    )


def _owner_is_dead(row: DBTaskResult, seen: dict[str, datetime], cutoff: datetime) -> bool:
    owner = row.worker_ids[-1] if row.worker_ids else None
    if owner in seen:
        return seen[owner] < cutoff
    # a worker without heartbeats (started before they existed): judge by the task's age
    return row.started_at is None or row.started_at < cutoff


def _requeue(row: DBTaskResult, now: datetime) -> str:
    # conditional on the claim we looked at, so a concurrent reaper or re-claim wins cleanly
    same_claim = DBTaskResult.objects.filter(
        pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
    )
    claims = len(row.worker_ids)
    if claims >= settings.TASK_MAX_CLAIMS:
        reason = f"de werker viel {claims} keer weg tijdens deze taak"
        done = same_claim.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}: {reason}",
        )
        return "failed" if done else ""
    return "requeued" if same_claim.update(status=TaskResultStatus.READY) else ""


def tasks_reap(*, now: datetime | None = None) -> dict[str, int]:
    """Put tasks of dead workers back in the queue; returns how many were requeued/failed."""
    now = now or timezone.now()
    cutoff = now - lease()
    seen = dict(WorkerHeartbeat.objects.values_list("worker_id", "seen_at"))
    counts = {"requeued": 0, "failed": 0}
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for row in running.only("id", "worker_ids", "started_at", "task_path"):
        if not _owner_is_dead(row, seen, cutoff):
            continue
        outcome = _requeue(row, now)
        if outcome:
            counts[outcome] += 1
            logger.warning(
                "Taak %s (%s) van een gestopte werker: %s", row.pk, row.task_path, outcome
            )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - HEARTBEATS_KEPT).delete()
    return counts


def tasks_release_own(*, worker_id: str) -> int:
    """At start-up: tasks still RUNNING under this worker id belong to an earlier process with
    the same id (a worker restarted with a fixed ``--worker-id``); none of them is running."""
    now = timezone.now()
    released = 0
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for row in running.only("id", "worker_ids", "started_at", "task_path"):
        if row.worker_ids and row.worker_ids[-1] == worker_id and _requeue(row, now):
            released += 1
    return released


class Heartbeat(threading.Thread):
    """Beats (and reaps) every quarter lease until stopped; never lets an error end it."""

    def __init__(self, *, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id[:8]}", daemon=True)
        self.worker_id = worker_id
        self.interval = settings.TASK_WORKER_LEASE_SECONDS / 4
        self.stopped = threading.Event()

    def beat(self) -> None:
        try:
            heartbeat(worker_id=self.worker_id)
            tasks_reap()
        except DatabaseError:
            logger.warning("Hartslag van werker %s niet geschreven", self.worker_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection; a fresh one next time

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.beat()

    def stop(self) -> None:
        self.stopped.set()
