"""All mail leaves through the task queue, written in the same transaction as the change.

Code anywhere (services, Django's password reset, the admin) sends mail the ordinary Django way.
``QueuedEmailBackend`` turns each message into plain data and enqueues ``deliver_mail`` through
``core.outbox``: with the database task backend the task row is part of the current transaction
(a transactional outbox), so the change and its mail commit together or not at all; the worker
hands it to the real backend (``MAIL_DELIVERY_BACKEND``) and retries with back-off when delivery
fails. A rolled-back transaction therefore sends nothing, a crash after the commit loses no
mail, and a failing mail server never loses the registration or question that caused the mail.

Delivery is at-least-once with de-duplication per Message-ID (core.mail_delivery): each message
has a MailDelivery row, claimed and committed before the SMTP conversation and marked sent right
after the server's 250, so a retry or a task re-run after a killed worker sends nothing twice
except in the window between that 250 and our commit. ``EMAIL_TIMEOUT`` bounds every SMTP
operation; a 5xx answer fails at once. See docs/mail.md.
"""

from __future__ import annotations

import base64
import logging
import smtplib
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from ontmoetingen.core import mail_delivery, outbox

logger = logging.getLogger(__name__)


def message_to_data(message: EmailMultiAlternatives) -> dict:
    """A JSON-serialisable copy of a message (the task queue stores JSON)."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            content = attachment.get_payload(decode=True) or b""
            filename = attachment.get_filename() or "bijlage"
            mimetype = attachment.get_content_type()
        else:
            filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append(
            {
                "filename": filename,
                "content": base64.b64encode(content).decode(),
                "mimetype": mimetype,
            }
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(c), m] for c, m in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def data_to_message(data: dict, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=connection,
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in data["attachments"]:
        message.attach(
            attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
        )
    return message


class DeliveryFailed(Exception):
    """A message given up on: its reason is what the mail server (or the network) answered."""


def message_id(data: dict) -> str:
    """The message's Message-ID; data queued before ids existed gets one now."""
    headers = data.setdefault("headers", {})
    if not headers.get("Message-ID"):
        headers["Message-ID"] = mail_delivery.new_message_id(
            to=data.get("to", []), subject=data.get("subject", "")
        )
    return headers["Message-ID"]


def retry_delay(attempt: int) -> timedelta:
    seconds = settings.MAIL_RETRY_BASE_SECONDS * (2 ** (attempt - 1))
    return timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_SECONDS))


def describe(error: BaseException) -> str:
    """What the server answered, readable for the project team."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = [
            f"{code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply} ({to})"
            for to, (code, reply) in error.recipients.items()
        ]
        return "; ".join(answers) or str(error)
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        return f"{error.smtp_code} {text}"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def is_permanent(error: BaseException) -> bool:
    """A 5xx answer will not change by trying again (unknown mailbox, refused content)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _send(data: dict, message_id: str) -> None:
    """One SMTP conversation; the message counts as sent the moment the server accepted it."""
    connection = get_connection(settings.MAIL_DELIVERY_BACKEND, fail_silently=False)
    connection.open()
    try:
        if connection.send_messages([data_to_message(data, connection=connection)]) != 1:
            raise DeliveryFailed("de mailserver nam het bericht niet aan")
        mail_delivery.delivery_sent(message_id=message_id)
    finally:
        try:
            connection.close()  # QUIT: its failure does not undo an accepted message
        except Exception:
            logger.warning("Verbinding met de mailserver niet netjes gesloten", exc_info=True)


def _after_failure(data: dict, message_id: str, attempts: int, error: Exception) -> str:
    reason = describe(error)
    if is_permanent(error) or attempts >= settings.MAIL_MAX_ATTEMPTS:
        mail_delivery.delivery_failed(message_id=message_id, error=reason)
        logger.error("Mail %s aan %s definitief niet bezorgd: %s", message_id, data["to"], reason)
        plural = "" if attempts == 1 else "en"
        raise DeliveryFailed(f"{reason} (na {attempts} poging{plural})") from error
    delay = retry_delay(attempts)
    logger.warning(
        "Mail %s niet bezorgd (poging %s: %s), opnieuw over %s", message_id, attempts, reason, delay
    )
    # the next attempt and the note of this one commit together (transactional outbox)
    with transaction.atomic():
        mail_delivery.delivery_retry(message_id=message_id, error=reason)
        deliver_mail.using(run_after=timezone.now() + delay).enqueue(data, attempts + 1)
    return "retry"


@task()
def deliver_mail(data: dict, attempt: int = 1) -> str:
    """Deliver one message at most once per Message-ID; on failure queue a later attempt.

    ``attempt`` is informational (shown on the failed list); the count that decides is kept
    on the message's MailDelivery row, so attempts cut short by a killed worker count too.
    """
    message = message_id(data)
    claim = mail_delivery.delivery_claim(message_id=message)
    if claim.outcome == "sent":
        return "already sent"
    if claim.outcome == "busy":
        # another attempt holds the message (or its worker died): look again when its lease ends
        deliver_mail.using(run_after=claim.lease_until).enqueue(data, attempt)
        return "busy"
    try:
        _send(data, message)
    except Exception as error:
        return _after_failure(data, message, claim.attempts, error)
    return "sent"


class QueuedEmailBackend(BaseEmailBackend):
    """Puts messages on the task queue as part of the surrounding transaction, each under its
    own Message-ID with a MailDelivery row (written in the same transaction)."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            data = message_to_data(message)
            with transaction.atomic():
                if mail_delivery.delivery_register(message_id=message_id(data)):
                    outbox.enqueue(deliver_mail, data)
            count += 1
        return count


def send_templated_mail(
    *,
    to: list[str] | str,
    template: str,
    context: dict,
    attachments: list[tuple[str, bytes, str]] | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` and send.

    The HTML part extends ``mail/base.html``; both parts get ``site_url``.
    """
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[to] if isinstance(to, str) else list(to),
        reply_to=reply_to or [],
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
