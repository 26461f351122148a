"""Regiotour visits with their report and follow-up actions, and recordings of past events."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class VisitStatus(models.TextChoices):
    PLANNED = "gepland", "gepland"
    CONFIRMED = "bevestigd", "bevestigd"
    VISITED = "bezocht", "bezocht"
    CANCELLED = "vervallen", "vervallen"


# What the public itinerary shows: planned, confirmed and held visits (not the dropped ones).
PUBLIC_STATUSES = (VisitStatus.PLANNED, VisitStatus.CONFIRMED, VisitStatus.VISITED)


class RegionKind(models.TextChoices):
    GGD = "ggd", "GGD-regio"
    PROVINCE = "provincie", "provincie"
    MUNICIPALITIES = "gemeenten", "gemeenten"


class VisitQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)


class Visit(models.Model):
    """One stop of the regiotour: a region, a date, the coalitions that host it."""

    title = models.CharField("titel", max_length=200)
    date = models.DateField("datum")
    status = models.CharField(
        "status", max_length=12, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    region_kind = models.CharField("soort regio", max_length=12, choices=RegionKind.choices)
    province = models.ForeignKey(
        "regions.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="provincie",
    )
    ggd_region = models.ForeignKey(
        "regions.GgdRegion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="GGD-regio",
    )
    municipalities = models.ManyToManyField(
        "regions.Municipality", blank=True, related_name="+", verbose_name="gemeenten"
    )
    hosts = models.ManyToManyField(
        "coalitions.Coalition",
        blank=True,
        related_name="regiotour_visits",
        verbose_name="gastcoalities",
    )
    events = models.ManyToManyField(
        "events.Event",
        blank=True,
        related_name="regiotour_visits",
        verbose_name="bijeenkomsten (aanmelding)",
    )
    resources = models.ManyToManyField(
        "toolkit.Resource", blank=True, related_name="+", verbose_name="toolkit-items"
    )
    summary = models.TextField("korte omschrijving (openbaar)", blank=True)
    contacts = models.TextField(
        "contactpersonen (intern)", blank=True, help_text="Alleen zichtbaar voor het projectteam."
    )
    is_demo = models.BooleanField("voorbeeld", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "regiotourbezoek"
        verbose_name_plural = "regiotourbezoeken"
        constraints = [
            models.CheckConstraint(
                condition=~Q(region_kind="provincie") | Q(province__isnull=False),
                name="visit_province_given",
            ),
            models.CheckConstraint(
                condition=~Q(region_kind="ggd") | Q(ggd_region__isnull=False),
                name="visit_ggd_region_given",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tracks:visit", args=[self.pk])

    def clean(self):
        if self.region_kind == RegionKind.PROVINCE and not self.province_id:
            raise ValidationError({"province": "Kies de provincie van het bezoek."})
        if self.region_kind == RegionKind.GGD and not self.ggd_region_id:
            raise ValidationError({"ggd_region": "Kies de GGD-regio van het bezoek."})

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class VisitReport(models.Model):
    """What the team recorded after a visit: what lives there and what was agreed. Who was
    there comes from the check-in of the visit's events (not stored twice)."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="report")
    findings = models.TextField("wat speelt er", blank=True)
    agreements = models.TextField("afspraken", blank=True)
    questions = models.ManyToManyField(
        "questions.Question", blank=True, related_name="+", verbose_name="vragen uit het veld"
    )
    themes = models.ManyToManyField(
        "core.Theme", blank=True, related_name="+", verbose_name="thema's"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="vastgelegd door",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "verslag van een bezoek"
        verbose_name_plural = "verslagen van bezoeken"

    def __str__(self) -> str:
        return f"Verslag: {self.visit}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "open"
    IN_PROGRESS = "bezig", "bezig"
    DONE = "afgerond", "afgerond"
    DROPPED = "vervallen", "vervallen"


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_ACTION_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class FollowUpAction(models.Model):
    """Something agreed at a visit: what, who does it (a coalition or an organisation), by when."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField("wat", max_length=300)
    owner_coalition = models.ForeignKey(
        "coalitions.Coalition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regiotour_actions",
        verbose_name="eigenaar: coalitie",
    )
    owner_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regiotour_actions",
        verbose_name="eigenaar: organisatie",
    )
    due_date = models.DateField("uiterlijk op")
    status = models.CharField(
        "status", max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    reminded_at = models.DateTimeField("herinnering verstuurd op", null=True, blank=True)
    completed_at = models.DateTimeField("afgerond op", null=True, blank=True)
    is_demo = models.BooleanField("voorbeeld", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = "vervolgactie"
        verbose_name_plural = "vervolgacties"
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_coalition__isnull=False, owner_organisation__isnull=True)
                | Q(owner_coalition__isnull=True, owner_organisation__isnull=False),
                name="action_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.description

    def clean(self):
        if bool(self.owner_coalition_id) == bool(self.owner_organisation_id):
            raise ValidationError(
                "Kies één eigenaar: een coalitie of een organisatie.", code="owner"
            )

    @property
    def owner(self):
        return self.owner_coalition or self.owner_organisation

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()


class RecordingKind(models.TextChoices):
    RECORDING = "opname", "opname"
    SLIDES = "slides", "presentatie (slides)"


class Recording(models.Model):
    """A toolkit item that holds the recording or slides of an event; each links to the other."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="recordings")
    resource = models.ForeignKey(
        "toolkit.Resource", on_delete=models.CASCADE, related_name="recordings"
    )
    kind = models.CharField(
        "soort", max_length=10, choices=RecordingKind.choices, default=RecordingKind.RECORDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = "opname of presentatie"
        verbose_name_plural = "opnames en presentaties"
        constraints = [
            models.UniqueConstraint(fields=["event", "resource"], name="recording_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.event}"
