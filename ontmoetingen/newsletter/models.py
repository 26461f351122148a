"""Newsletter subscribers (double opt-in, topics) and the digests sent to them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q


def new_token() -> str:
    return secrets.token_urlsafe(32)


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the people a digest goes to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscriber(models.Model):
    """One address on the newsletter. ``token`` is the secret in its confirmation and
    unsubscribe links: only the holder of the mail can use them."""

    email = models.EmailField("e-mailadres", unique=True)
    name = models.CharField("naam", max_length=150, blank=True)
    themes = models.ManyToManyField(
        "core.Theme", blank=True, related_name="+", verbose_name="thema's"
    )
    province = models.ForeignKey(
        "regions.Province",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="provincie",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField("ingeschreven op", auto_now_add=True)
    confirmed_at = models.DateTimeField("bevestigd op", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("afgemeld op", null=True, blank=True)
    is_demo = models.BooleanField("voorbeeld", default=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = "abonnee"
        verbose_name_plural = "abonnees"

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return bool(self.confirmed_at and not self.unsubscribed_at)


class DigestStatus(models.TextChoices):
    DRAFT = "concept", "concept"
    SENDING = "verzenden", "wordt verzonden"
    SENT = "verzonden", "verzonden"


class Digest(models.Model):
    """A monthly digest: what was new in the period, per subscriber's topics."""

    subject = models.CharField("onderwerp", max_length=200)
    intro = models.TextField("inleiding", blank=True)
    period_start = models.DateField("periode van")
    period_end = models.DateField("periode tot en met")
    status = models.CharField(
        "status", max_length=12, choices=DigestStatus.choices, default=DigestStatus.DRAFT
    )
    total = models.PositiveIntegerField("aantal ontvangers", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="aangemaakt door",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField("verzenden gestart", null=True, blank=True)
    finished_at = models.DateTimeField("verzonden op", null=True, blank=True)
    is_demo = models.BooleanField("voorbeeld", default=False)

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = "digest"
        verbose_name_plural = "digests"
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="digest_period_order"
            )
        ]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One digest mailed to one subscriber; unique, so a repeated batch never mails twice."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "verzending"
        verbose_name_plural = "verzendingen"
        constraints = [
            models.UniqueConstraint(fields=["digest", "subscriber"], name="delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.digest_id} → {self.subscriber_id}"
