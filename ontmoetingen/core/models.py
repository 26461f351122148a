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
