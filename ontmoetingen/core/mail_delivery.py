"""Idempotent delivery: one :class:`~ontmoetingen.core.models.MailDelivery` row per message.

Each message gets its Message-ID when it is queued, and a row with that id in the same
transaction. Delivery then runs in three committed steps:

1. ``delivery_claim``: the row becomes ``sending`` with a lease (committed before the SMTP
   conversation starts); a row already ``sent`` means "nothing to do", a live lease held by
   another attempt means "not now";
2. the SMTP conversation (``MAIL FROM``, ``RCPT``, ``DATA``);
3. ``delivery_sent`` right after the server's 250, before anything else (QUIT included).

A worker killed anywhere before the final dot of ``DATA`` leaves a message the server never
accepted: the re-run sends it (the same Message-ID). A worker killed after step 3 leaves a row
that says ``sent``: the re-run sends nothing. The window that remains is between the server's
250 and the commit of step 3 (docs/mail.md).

Message-IDs are random, except for mail composed inside a task: a task that is run again after
its worker died composes the same messages, so their ids are derived from the task's id, the
recipients, the subject and the position, and the second run queues nothing twice.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ontmoetingen.core.models import MailDelivery, MailDeliveryStatus

ERROR_LENGTH = 300


@dataclass
class _TaskFrame:
    task_id: str
    seen: Counter = field(default_factory=Counter)


_running_tasks: ContextVar[tuple[_TaskFrame, ...]] = ContextVar("mail_running_tasks", default=())


def task_started(sender, task_result, **kwargs) -> None:
    _running_tasks.set((*_running_tasks.get(), _TaskFrame(str(task_result.id))))


def task_finished(sender, task_result, **kwargs) -> None:
    frames = _running_tasks.get()
    if frames and frames[-1].task_id == str(task_result.id):
        _running_tasks.set(frames[:-1])


def message_id_domain() -> str:
    if settings.MAIL_MESSAGE_ID_DOMAIN:
        return settings.MAIL_MESSAGE_ID_DOMAIN
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
    return address.rsplit("@", 1)[-1] or "localhost"


def new_message_id(*, to: list[str], subject: str) -> str:
    """A Message-ID for a message being queued: stable across re-runs of the same task."""
    frames = _running_tasks.get()
    if not frames:
        return make_msgid(domain=message_id_domain())
    frame = frames[-1]
    key = "\n".join([*sorted(to), subject])
    position = frame.seen[key]
    frame.seen[key] += 1
    digest = hashlib.sha256(f"{frame.task_id}\n{key}\n{position}".encode()).hexdigest()[:40]
    return f"<{digest}@{message_id_domain()}>"


def delivery_register(*, message_id: str) -> bool:
    """Record a queued message; False when it is already known (a re-run composed it again)."""
    _, created = MailDelivery.objects.get_or_create(message_id=message_id)
    return created


@dataclass(frozen=True)
class Claim:
    outcome: str  # "send", "sent" (done before) or "busy" (another attempt holds it)
    attempts: int = 0
    lease_until: datetime | None = None


def delivery_claim(*, message_id: str) -> Claim:
    """Take the message for one attempt, committed before the SMTP conversation starts."""
    now = timezone.now()
    with transaction.atomic():
        delivery, _ = MailDelivery.objects.select_for_update().get_or_create(message_id=message_id)
        if delivery.status == MailDeliveryStatus.SENT:
            return Claim("sent", delivery.attempts)
        held = delivery.status == MailDeliveryStatus.SENDING and delivery.lease_until
        if held and delivery.lease_until > now:
            return Claim("busy", delivery.attempts, delivery.lease_until)
        delivery.status = MailDeliveryStatus.SENDING
        delivery.attempts += 1
        delivery.lease_until = now + timedelta(seconds=settings.MAIL_SENDING_LEASE_SECONDS)
        delivery.save(update_fields=["status", "attempts", "lease_until"])
    return Claim("send", delivery.attempts, delivery.lease_until)


def delivery_sent(*, message_id: str) -> None:
    MailDelivery.objects.filter(message_id=message_id).update(
        status=MailDeliveryStatus.SENT, sent_at=timezone.now(), lease_until=None, last_error=""
    )


def delivery_retry(*, message_id: str, error: str) -> None:
    """This attempt failed; another one is queued (in the caller's transaction)."""
    MailDelivery.objects.filter(message_id=message_id).exclude(
        status=MailDeliveryStatus.SENT
    ).update(status=MailDeliveryStatus.QUEUED, lease_until=None, last_error=error[:ERROR_LENGTH])


def delivery_failed(*, message_id: str, error: str) -> None:
    MailDelivery.objects.filter(message_id=message_id).exclude(
        status=MailDeliveryStatus.SENT
    ).update(status=MailDeliveryStatus.FAILED, lease_until=None, last_error=error[:ERROR_LENGTH])


def delivery_requeue(*, message_id: str) -> None:
    """The team sends a failed message again: a fresh series of attempts."""
    MailDelivery.objects.filter(message_id=message_id).exclude(
        status=MailDeliveryStatus.SENT
    ).update(status=MailDeliveryStatus.QUEUED, attempts=0, lease_until=None)
