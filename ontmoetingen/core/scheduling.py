"""Periodic work exactly once per period, however many schedulers run.

The scheduler enqueues each periodic task (AppConfig.periodic_tasks) once per period of
``SCHEDULER_INTERVAL_SECONDS``, counted from the Unix epoch so every scheduler agrees on the
periods. A :class:`~ontmoetingen.core.models.PeriodicRun` row with a unique (task, period) is
written in the same transaction as the task row: a second scheduler in the same period hits the
constraint and enqueues nothing. A worker claims each task row alone, so the task runs once; only
when that worker dies does the reaper run it again (core.workers), which the periodic tasks,
being idempotent, absorb.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from ontmoetingen.core import outbox, ratelimit, registry, workers
from ontmoetingen.core.models import MailDelivery, MailDeliveryStatus, PeriodicRun

logger = logging.getLogger(__name__)

RUNS_KEPT = timedelta(days=7)
DELIVERIES_KEPT = timedelta(days=30)


def period_start(now: datetime, interval: int) -> datetime:
    seconds = int(now.timestamp())
    return datetime.fromtimestamp(seconds - seconds % interval, tz=UTC)


def periodic_enqueue_once(task, *, interval: int, now: datetime | None = None) -> bool:
    """Enqueue ``task`` unless it was enqueued for this period already; True when enqueued."""
    start = period_start(now or timezone.now(), interval)
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(task_path=task.module_path, period_start=start)
            outbox.enqueue(task)
    except IntegrityError:
        return False
    return True


def schedule_round(*, interval: int, now: datetime | None = None) -> dict[str, bool]:
    """One scheduler round: reap tasks of dead workers, enqueue what is due this period."""
    now = now or timezone.now()
    try:
        workers.tasks_reap(now=now)
    except DatabaseError:
        logger.warning("Opruimen van taken van gestopte werkers mislukt", exc_info=True)
    enqueued = {}
    for periodic in registry.periodic_tasks():
        try:
            enqueued[periodic.module_path] = periodic_enqueue_once(
                periodic, interval=interval, now=now
            )
        except Exception:
            logger.exception("Kon periodieke taak %s niet inplannen", periodic.module_path)
    # delivered mail needs its row only while a retry or a re-run could still come
    MailDelivery.objects.filter(
        status=MailDeliveryStatus.SENT, sent_at__lt=now - DELIVERIES_KEPT
    ).delete()
    # abuse-limit counters whose window ended
    ratelimit.expired_remove(now)
    # forget periods that ended a while ago (never the current one, however long it is)
    PeriodicRun.objects.filter(
        period_start__lt=now - timedelta(seconds=interval) - RUNS_KEPT
    ).delete()
    return enqueued
