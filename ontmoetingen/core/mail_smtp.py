"""Django's SMTP backend with a separate envelope sender for bounces and complaints.

The header ``From`` stays the message's own sender; the SMTP ``MAIL FROM`` (which the receiving
server keeps as ``Return-Path``) becomes ``MAIL_BOUNCE_ADDRESS`` when it is set, so undeliverable
mail and complaints reach a mailbox someone reads instead of ``noreply@``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail.backends import smtp
from django.core.mail.message import sanitize_address


def envelope_sender(email_message) -> str:
    encoding = email_message.encoding or settings.DEFAULT_CHARSET
    return sanitize_address(settings.MAIL_BOUNCE_ADDRESS or email_message.from_email, encoding)


class EmailBackend(smtp.EmailBackend):
    def _send(self, email_message):
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        recipients = [sanitize_address(addr, encoding) for addr in email_message.recipients()]
        message = email_message.message().as_bytes(linesep="\r\n")
        try:
            self.connection.sendmail(envelope_sender(email_message), recipients, message)
        except smtp.smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True
