"""API tokens for partners (Pharos, NCJ) and the project team, and where API writes came from."""

from django.conf import settings
from django.db import models


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A bearer token that acts for one user, with that user's current roles.

    Only a SHA-256 hash of the secret is kept; the secret is shown once, when it is made.
    ``prefix`` (the start of the token) lets people tell their tokens apart in lists and logs.
    """

    name = models.CharField("naam", max_length=120, help_text="Bijvoorbeeld: Pharos, agenda.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="werkt namens",
    )
    prefix = models.CharField("begin van het token", max_length=16, unique=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="aangemaakt door",
    )
    last_used_at = models.DateTimeField("laatst gebruikt op", null=True, blank=True)
    revoked_at = models.DateTimeField("ingetrokken op", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ingetrokken door",
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class SubmittedEvent(models.Model):
    """An event that came in through the API, and through which token: a partner may publish
    the events it submitted itself."""

    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="api_submission"
    )
    token = models.ForeignKey(
        ApiToken, on_delete=models.SET_NULL, null=True, related_name="submitted_events"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="account",
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bijeenkomst via de API"
        verbose_name_plural = "bijeenkomsten via de API"

    def __str__(self) -> str:
        return f"{self.event_id} via {self.token_id}"
