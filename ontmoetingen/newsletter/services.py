"""Every write of the newsletter: subscribe (double opt-in), confirm, unsubscribe, digests."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.core.audit import record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.newsletter import selectors
from ontmoetingen.newsletter.models import (
    Delivery,
    Digest,
    DigestStatus,
    Subscriber,
    new_token,
)

BATCH_SIZE = 100


def _link(name: str, token: str) -> str:
    return settings.SITE_URL + reverse(name, args=[token])


def subscriber_subscribe(*, email: str, name: str = "", themes=(), province=None) -> Subscriber:
    """Ask for a subscription; the address gets a confirmation link (double opt-in).

    Nothing about an existing subscription is changed or revealed here: an address that is
    already confirmed only gets a notice; an unconfirmed or unsubscribed one starts over with
    the new topics and a new link (the old link stops working).
    """
    email = email.strip().lower()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is not None and subscriber.is_active:
            send_templated_mail(
                to=email,
                template="newsletter/mail/already",
                context={"unsubscribe_url": _link("newsletter:unsubscribe", subscriber.token)},
            )
            return subscriber
        subscriber = subscriber or Subscriber(email=email)
        subscriber.name = name
        subscriber.province = province
        subscriber.token = new_token()
        subscriber.confirmed_at = None
        subscriber.unsubscribed_at = None
        subscriber.save()
        subscriber.themes.set(themes)
        send_templated_mail(
            to=email,
            template="newsletter/mail/confirm",
            context={
                "subscriber": subscriber,
                "confirm_url": _link("newsletter:confirm", subscriber.token),
            },
        )
    return subscriber


def subscriber_confirm(*, subscriber: Subscriber) -> Subscriber:
    with transaction.atomic():
        if subscriber.confirmed_at is None and subscriber.unsubscribed_at is None:
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["confirmed_at"])
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Stop all mail to this address at once; idempotent."""
    with transaction.atomic():
        if subscriber.unsubscribed_at is None:
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["unsubscribed_at"])
    return subscriber


def digest_create(*, subject: str, intro: str, period_start, period_end, actor) -> Digest:
    with transaction.atomic():
        digest = Digest(
            subject=subject,
            intro=intro,
            period_start=period_start,
            period_end=period_end,
            created_by=actor,
        )
        digest.full_clean()
        digest.save()
        record(digest, "aangemaakt", actor, {"periode": f"{period_start} – {period_end}"})  # noqa: RUF001
    return digest


def digest_send_start(*, digest: Digest, actor) -> Digest:
    """Freeze the recipients' count and hand the sending to the task queue (in batches)."""
    from ontmoetingen.newsletter.tasks import send_digest_batch

    with transaction.atomic():
        digest = Digest.objects.select_for_update().get(pk=digest.pk)
        if digest.status != DigestStatus.DRAFT:
            raise ServiceError("Deze digest is al verzonden of wordt verzonden.", code="sent")
        digest.status = DigestStatus.SENDING
        digest.started_at = timezone.now()
        digest.total = Subscriber.objects.active().count()
        digest.save(update_fields=["status", "started_at", "total"])
        record(digest, "verzenden gestart", actor, {"ontvangers": digest.total})
        transaction.on_commit(lambda: send_digest_batch.enqueue(digest.pk))
    return digest


def digest_message(digest: Digest, subscriber: Subscriber, content) -> EmailMultiAlternatives:
    """The digest mail for one subscriber, with one-click unsubscribe (RFC 8058)."""
    unsubscribe_url = _link("newsletter:unsubscribe", subscriber.token)
    context = {
        "digest": digest,
        "subscriber": subscriber,
        "content": content,
        "unsubscribe_url": unsubscribe_url,
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=digest.subject,
        body=render_to_string("newsletter/mail/digest.txt", context),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("newsletter/mail/digest.html", context), "text/html"
    )
    return message


def digest_send_batch(*, digest_id: int, batch_size: int = BATCH_SIZE) -> int:
    """Mail the next ``batch_size`` subscribers who have not had the digest; returns how many
    are still waiting (0 marks the digest sent). A delivery row is written with each mail, in
    one transaction, so a repeated or parallel batch never mails anyone twice."""
    digest = Digest.objects.get(pk=digest_id)
    if digest.status != DigestStatus.SENDING:
        return 0
    candidates = selectors.digest_candidates(digest)
    for subscriber in selectors.subscribers_pending(digest, limit=batch_size):
        content = selectors.content_for(
            candidates,
            theme_ids={t.pk for t in subscriber.themes.all()},
            province=subscriber.province_id,
        )
        try:
            with transaction.atomic():
                Delivery.objects.create(digest=digest, subscriber=subscriber)
                digest_message(digest, subscriber, content).send()
        except IntegrityError:
            continue  # another worker mailed this one
    remaining = selectors.subscribers_pending_count(digest)
    if not remaining:
        Digest.objects.filter(pk=digest.pk, status=DigestStatus.SENDING).update(
            status=DigestStatus.SENT, finished_at=timezone.now()
        )
    return remaining
