from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models


class ThemeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Theme(models.Model):
    """A theme of the first 1000 days; one taxonomy used by toolkit, events, coalitions and
    questions. The project team manages it in the back-office."""

    name = models.CharField("naam", max_length=120, unique=True)
    slug = models.SlugField("slug", max_length=120, unique=True)
    description = models.TextField("omschrijving", blank=True)
    active = models.BooleanField("actief", default=True)
    order = models.PositiveSmallIntegerField("volgorde", default=0)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "thema"
        verbose_name_plural = "thema's"

    def __str__(self) -> str:
        return self.name


class AuditLogQuerySet(models.QuerySet):
    def for_object(self, obj):
        """Entries about one object (any model)."""
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )

    def for_model(self, model):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(model))


class AuditLog(models.Model):
    """Who changed what and when, for any object (kept for accountability).

    One table for every area, pointing at its object through a generic relation, as pretix's
    ``LogEntry`` does. Services write it through :func:`ontmoetingen.core.audit.record`.
    ``object_repr`` keeps the object's name so an entry still reads well after it is deleted.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="door",
    )
    at = models.DateTimeField("op", auto_now_add=True, db_index=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+", verbose_name="soort"
    )
    object_id = models.CharField("id", max_length=40)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField("omschrijving", max_length=200)
    action = models.CharField("wat", max_length=200)
    changes = models.JSONField("wijzigingen", default=dict, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "wijziging"
        verbose_name_plural = "wijzigingenlog"
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.object_repr}: {self.action}"


class MailDeliveryStatus(models.TextChoices):
    QUEUED = "queued", "in de wachtrij"
    SENDING = "sending", "wordt verstuurd"
    SENT = "sent", "verstuurd"
    FAILED = "failed", "mislukt"


class MailDelivery(models.Model):
    """One outgoing message, by its Message-ID: the record that makes delivery idempotent.

    Written with the message's task (same transaction). Before the SMTP conversation the worker
    marks it ``sending`` (committed, with a lease), after the server's 250 ``sent``; a retry or a
    re-run after a crash finds ``sent`` and sends nothing (see docs/mail.md for the window that
    remains). Holds no address or content: those live in the task row only.
    """

    message_id = models.CharField("Message-ID", max_length=255, unique=True)
    status = models.CharField(
        "status", max_length=10, choices=MailDeliveryStatus.choices, default="queued"
    )
    attempts = models.PositiveSmallIntegerField("pogingen", default=0)
    lease_until = models.DateTimeField("bezig tot", null=True, blank=True)
    last_error = models.CharField("laatste fout", max_length=300, blank=True)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField("verstuurd op", null=True, blank=True)

    class Meta:
        verbose_name = "mailbezorging"
        verbose_name_plural = "mailbezorgingen"

    def __str__(self) -> str:
        return f"{self.message_id} ({self.status})"


class WorkerHeartbeat(models.Model):
    """A task worker's sign of life; a RUNNING task whose worker stopped beating is re-queued
    (core.workers.tasks_reap)."""

    worker_id = models.CharField("werker", max_length=64, unique=True)
    seen_at = models.DateTimeField("laatst gezien", db_index=True)
    pid = models.PositiveIntegerField("proces", default=0)
    host = models.CharField("machine", max_length=100, blank=True)

    class Meta:
        verbose_name = "werker"
        verbose_name_plural = "werkers"

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.seen_at:%H:%M:%S})"


class PeriodicRun(models.Model):
    """One row per periodic task and period: the uniqueness that lets any number of schedulers
    run while each period's task is enqueued exactly once."""

    task_path = models.CharField("taak", max_length=200)
    period_start = models.DateTimeField("periode")
    created_at = models.DateTimeField("ingepland op", auto_now_add=True)

    class Meta:
        verbose_name = "periodieke ronde"
        verbose_name_plural = "periodieke rondes"
        constraints = [
            models.UniqueConstraint(fields=["task_path", "period_start"], name="periodic_once")
        ]

    def __str__(self) -> str:
        return f"{self.task_path} @ {self.period_start:%Y-%m-%d %H:%M}"


class RateCounter(models.Model):
    """One abuse-limit counter (core.ratelimit) on the database: a limit, a hashed subject and
    a time window in ``key``, counted up by one upsert statement. With Redis the counters live
    there instead. Rows whose window ended are removed by the scheduler."""

    key = models.CharField("sleutel", max_length=200, primary_key=True)
    count = models.PositiveIntegerField("aantal", default=0)
    expires = models.DateTimeField("verloopt", db_index=True)

    class Meta:
        verbose_name = "limietteller"
        verbose_name_plural = "limiettellers"

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
