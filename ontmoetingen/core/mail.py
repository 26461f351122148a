"""All mail leaves through the task queue, written in the same transaction as the change.

Code anywhere (services, Django's password reset, the admin) sends mail the ordinary Django way.
``QueuedEmailBackend`` turns each message into plain data and enqueues ``deliver_mail`` through
``core.outbox``: with the database task backend the task row is part of the current transaction
(a transactional outbox), so the change and its mail commit together or not at all; the worker
hands it to the real backend (``MAIL_DELIVERY_BACKEND``) and retries with back-off when delivery
fails. A rolled-back transaction therefore sends nothing, a crash after the commit loses no
mail, and a failing mail server never loses the registration or question that caused the mail.
"""

from __future__ import annotations

import base64
import logging
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from ontmoetingen.core import outbox

logger = logging.getLogger(__name__)

RETRY_BASE_DELAY = timedelta(seconds=30)


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


@task()
def deliver_mail(data: dict, attempt: int = 1) -> str:
    """Deliver one message with the real backend; on failure enqueue a later attempt."""
    connection = get_connection(settings.MAIL_DELIVERY_BACKEND)
    try:
        data_to_message(data, connection=connection).send()
    except Exception:
        if attempt >= settings.MAIL_MAX_ATTEMPTS:
            logger.exception("Mail %r aan %s definitief niet bezorgd", data["subject"], data["to"])
            raise
        delay = RETRY_BASE_DELAY * (2 ** (attempt - 1))
        logger.warning(
            "Mail %r niet bezorgd (poging %s), opnieuw over %s", data["subject"], attempt, delay
        )
        deliver_mail.using(run_after=timezone.now() + delay).enqueue(data, attempt + 1)
        return "retry"
    return "sent"


class QueuedEmailBackend(BaseEmailBackend):
    """Puts messages on the task queue as part of the surrounding transaction."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            data = message_to_data(message)
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
