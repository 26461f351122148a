"""Mail that exhausted its retries: listed for the project team, with the reason, and sent
again on request (issue 15 §1). Reads the task queue's own result rows; writes through
:func:`mail_resend` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ontmoetingen.core import mail_delivery, outbox
from ontmoetingen.core.audit import record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.mail import deliver_mail, message_id

REASON_LENGTH = 300


@dataclass(frozen=True)
class FailedMail:
    id: str
    to: list[str]
    subject: str
    reason: str
    failed_at: datetime | None
    attempts: int


def _failed_rows():
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, task_path=deliver_mail.module_path
    )


def _reason(row: DBTaskResult) -> str:
    """The last line of the traceback says what the mail server answered."""
    lines = [line.strip() for line in (row.traceback or "").splitlines() if line.strip()]
    reason = lines[-1] if lines else row.exception_class_path
    return reason[:REASON_LENGTH]


def mails_failed_count() -> int:
    return _failed_rows().count()


def mails_failed(*, limit: int = 200) -> list[FailedMail]:
    """Failed mails, newest first: recipient, subject, the server's last answer."""
    rows = _failed_rows().order_by("-finished_at")[:limit]
    failed = []
    for row in rows:
        args = row.args_kwargs.get("args") or [{}]
        data = args[0] if args else {}
        attempt = args[1] if len(args) > 1 else row.args_kwargs.get("kwargs", {}).get("attempt", 1)
        failed.append(
            FailedMail(
                id=str(row.pk),
                to=list(data.get("to", [])),
                subject=str(data.get("subject", "")),
                reason=_reason(row),
                failed_at=row.finished_at,
                attempts=int(attempt or 1),
            )
        )
    return failed


def mail_resend(*, result_id: str, actor) -> None:
    """Put a failed mail back on the queue (a fresh series of attempts) and take it off the
    failed list, in one transaction; the team's action is kept in the audit log."""
    with transaction.atomic():
        row = _failed_rows().select_for_update().filter(pk=result_id).first()
        if row is None:
            raise ServiceError("Deze mail staat niet (meer) bij de mislukte mails.", code="gone")
        data = (row.args_kwargs.get("args") or [None])[0]
        if not isinstance(data, dict):
            raise ServiceError("Deze mail kan niet opnieuw worden verstuurd.", code="unreadable")
        record(
            row,
            "mail opnieuw in de wachtrij gezet",
            actor,
            {"aan": ", ".join(data.get("to", [])), "onderwerp": str(data.get("subject", ""))},
        )
        row.delete()
        mail_delivery.delivery_requeue(message_id=message_id(data))
        # Through the outbox: with the database queue the task row is part of this transaction,
        # so the mail is back on the queue exactly when it left the failed list.
        outbox.enqueue(deliver_mail, data)
