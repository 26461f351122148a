"""Events, their workshops and registration questions, and the registrations for them
(DESIGN.md §4)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.core.domain import Domain


class EventKind(models.TextChoices):
    KNOWLEDGE = "kennisbijeenkomst", "kennisbijeenkomst"
    START = "startbijeenkomst", "startbijeenkomst"
    WEBINAR = "webinar", "webinar"
    REGIOTOUR = "regiotour", "regiotour"
    CONFERENCE = "conferentie", "conferentie"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "concept"
    PUBLISHED = "published", "gepubliceerd"
    CANCELLED = "cancelled", "geannuleerd"


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=EventStatus.PUBLISHED)

    def visible(self):
        """Published or cancelled: a cancelled event stays findable with its notice."""
        return self.exclude(status=EventStatus.DRAFT)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())

    def past(self):
        return self.filter(ends_at__lt=timezone.now())

    def with_counts(self):
        return self.annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status="confirmed"), distinct=True
            ),
            waitlisted_count=Count(
                "registrations", filter=Q(registrations__status="waitlisted"), distinct=True
            ),
        )


class Event(models.Model):
    title = models.CharField("titel", max_length=200)
    slug = models.SlugField("slug", max_length=220, unique=True)
    kind = models.CharField("soort", max_length=20, choices=EventKind.choices)
    status = models.CharField(
        "status", max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    summary = models.CharField("korte omschrijving", max_length=300, blank=True)
    description = models.TextField("omschrijving (Markdown)", blank=True)
    starts_at = models.DateTimeField("begint op")
    ends_at = models.DateTimeField("eindigt op")
    capacity = models.PositiveIntegerField(
        "aantal plaatsen", null=True, blank=True, help_text="Leeg laten voor onbeperkt."
    )
    registration_opens_at = models.DateTimeField("aanmelden kan vanaf", null=True, blank=True)
    registration_closes_at = models.DateTimeField("aanmelden kan tot", null=True, blank=True)

    is_online = models.BooleanField("online", default=False)
    online_url = models.URLField(
        "link naar de online bijeenkomst",
        blank=True,
        help_text="Alleen zichtbaar voor bevestigde deelnemers.",
    )
    venue = models.CharField("locatie", max_length=200, blank=True)
    address = models.CharField("adres", max_length=300, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_here",
        verbose_name="gemeente van de locatie",
    )

    is_national = models.BooleanField("landelijk", default=False)
    provinces = models.ManyToManyField(
        "regions.Province", blank=True, related_name="events", verbose_name="provincies"
    )
    ggd_regions = models.ManyToManyField(
        "regions.GgdRegion", blank=True, related_name="events", verbose_name="GGD-regio's"
    )
    municipalities = models.ManyToManyField(
        "regions.Municipality", blank=True, related_name="events", verbose_name="gemeenten"
    )
    co_organisers = models.CharField(
        "mede-organisatoren", max_length=300, blank=True, help_text="Bijvoorbeeld: NCJ, Pharos."
    )
    audience = models.CharField(
        "doelgroep (domeinen)", max_length=100, blank=True, help_text="Komma-gescheiden domeinen."
    )
    themes = models.ManyToManyField("core.Theme", blank=True, related_name="events")

    ask_dietary = models.BooleanField("vraag naar dieetwensen", default=True)
    ask_accessibility = models.BooleanField("vraag naar toegankelijkheid", default=True)
    balance_max_share = models.PositiveSmallIntegerField(
        "maximaal aandeel per domein (%)",
        null=True,
        blank=True,
        help_text="Leeg: geen domeinbalans. Bijvoorbeeld 40: geen domein krijgt meer dan 40% van de plaatsen.",
    )
    feedback_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancel_reason = models.TextField("reden van annuleren", blank=True, editable=False)
    ics_sequence = models.PositiveIntegerField(
        "versie in agenda's",
        default=0,
        editable=False,
        help_text="SEQUENCE in de agendabestanden: hoger bij elke wijziging van tijd of plaats.",
    )
    is_demo = models.BooleanField("voorbeeld", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "bijeenkomst"
        verbose_name_plural = "bijeenkomsten"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(balance_max_share__isnull=True)
                | Q(balance_max_share__gte=1, balance_max_share__lte=100),
                name="event_balance_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    def clean(self) -> None:
        """Rules on this row alone; run by ``event_save`` (``full_clean``) and by the form."""
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = "Het einde ligt vóór het begin."
        if self.balance_max_share and not self.capacity:
            errors["balance_max_share"] = "Domeinbalans werkt alleen met een aantal plaatsen."
        if not self.is_online and not self.venue:
            errors["venue"] = "Vul de locatie in, of kies online."
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def check_region(*, is_national: bool, provinces, ggd_regions, municipalities) -> None:
        """An event is national or meant for a region. The regions are many-to-many, so the
        rule is checked on the values about to be set (by the form and by ``event_save``)."""
        if not is_national and not (provinces or ggd_regions or municipalities):
            raise ValidationError({"is_national": "Kies landelijk, of een regio."})

    @property
    def balance_limit(self) -> int | None:
        """The most confirmed seats one domain may hold, or None without domain balance."""
        if not self.balance_max_share or not self.capacity:
            return None
        return max(1, self.capacity * self.balance_max_share // 100)

    @property
    def audience_domains(self) -> list[str]:
        return [d for d in self.audience.split(",") if d]

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Domain.choices)
        return [labels.get(d, d) for d in self.audience_domains]

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def registration_state(self, now=None) -> tuple[bool, str]:
        """(open, reason in Dutch when closed)."""
        now = now or timezone.now()
        if self.status == EventStatus.CANCELLED:
            return False, "Deze bijeenkomst gaat niet door."
        if self.status != EventStatus.PUBLISHED:
            return False, "Deze bijeenkomst is nog niet gepubliceerd."
        if self.ends_at < now:
            return False, "Deze bijeenkomst is afgelopen."
        if self.registration_opens_at and now < self.registration_opens_at:
            opens = timezone.localtime(self.registration_opens_at).strftime("%d-%m-%Y %H:%M")
            return False, f"Aanmelden kan vanaf {opens}."
        closes = self.registration_closes_at or self.starts_at
        if now >= closes:
            return False, "Aanmelden is gesloten."
        return True, ""

    @property
    def region_label(self) -> str:
        if self.is_national:
            return "landelijk"
        names = [p.name for p in self.provinces.all()]
        names += [g.name for g in self.ggd_regions.all()]
        names += [m.name for m in self.municipalities.all()]
        return ", ".join(names) or "regionaal"


class SessionQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate ``confirmed_count``, which ``Session.is_full`` reads."""
        return self.annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )


class Session(models.Model):
    """A workshop or break-out session in a time slot; a person picks at most one per slot."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField("titel", max_length=200)
    description = models.TextField("omschrijving", blank=True)
    starts_at = models.DateTimeField("begint op")
    ends_at = models.DateTimeField("eindigt op")
    capacity = models.PositiveIntegerField("aantal plaatsen", null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "title", "pk"]
        verbose_name = "workshop"
        verbose_name_plural = "workshops"

    def __str__(self) -> str:
        return self.title

    @property
    def confirmed(self) -> int:
        """Confirmed people in this workshop: the ``with_counts`` annotation when loaded so
        (lists, and the count under the event lock), otherwise counted now."""
        count = getattr(self, "confirmed_count", None)
        if count is None:
            count = self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        return count

    @property
    def is_full(self) -> bool:
        """No seat left in this workshop: the one home of the rule (service, form, template)."""
        return self.capacity is not None and self.confirmed >= self.capacity

    @property
    def slot_label(self) -> str:
        start = timezone.localtime(self.starts_at).strftime("%H:%M")
        end = timezone.localtime(self.ends_at).strftime("%H:%M")
        return f"{start}\N{EN DASH}{end}"


class RegistrationQuestionKind(models.TextChoices):
    TEXT = "text", "open vraag"
    CHOICE = "choice", "keuze"
    YESNO = "yesno", "ja/nee"


class RegistrationQuestion(models.Model):
    """An extra question the project team asks on an event's registration form."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registration_questions"
    )
    label = models.CharField("vraag", max_length=200)
    kind = models.CharField("soort", max_length=10, choices=RegistrationQuestionKind.choices)
    choices = models.TextField("keuzes (één per regel)", blank=True)
    required = models.BooleanField("verplicht", default=False)
    order = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "vraag bij aanmelden"
        verbose_name_plural = "vragen bij aanmelden"

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "bevestigd"
    WAITLISTED = "waitlisted", "wachtlijst"
    CANCELLED = "cancelled", "geannuleerd"


class WaitReason(models.TextChoices):
    NONE = "", "—"
    CAPACITY = "capacity", "vol"
    BALANCE = "balance", "domeinbalans"


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED)


class Registration(models.Model):
    """One person's place (or place on the waiting list) at one event.

    The waiting list is first come, first served: its order is the primary key, assigned while
    the event row is locked, so it follows the order in which registrations got the lock.
    """

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name="account",
    )
    name = models.CharField("naam", max_length=150)
    email = models.EmailField("e-mailadres")
    organisation = models.CharField("organisatie", max_length=200, blank=True)
    role = models.CharField("functie", max_length=150, blank=True)
    domain = models.CharField("domein", max_length=20, choices=Domain.choices)
    work_municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="werkgemeente",
    )
    dietary = models.CharField("dieetwensen", max_length=300, blank=True)
    accessibility = models.CharField("toegankelijkheid", max_length=300, blank=True)
    answers = models.JSONField("antwoorden", default=dict, blank=True)
    sessions = models.ManyToManyField(Session, blank=True, related_name="registrations")
    status = models.CharField("status", max_length=12, choices=RegistrationStatus.choices)
    wait_reason = models.CharField(max_length=10, choices=WaitReason.choices, blank=True)
    created_at = models.DateTimeField("aangemeld op", default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField("aanwezig sinds", null=True, blank=True)
    show_in_attendee_list = models.BooleanField("toon mij in de deelnemerslijst", default=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    feedback_sent_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="toegevoegd door",
    )
    is_demo = models.BooleanField("voorbeeld", default=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = "aanmelding"
        verbose_name_plural = "aanmeldingen"
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="registration_once_per_email")
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.name} — {self.event}"

    @property
    def domain_label(self) -> str:
        return dict(Domain.choices).get(self.domain, self.domain)

    @property
    def email_name(self) -> str:
        """The part of the e-mail address before the @: tells two people with the same name
        apart at the door without showing the whole address."""
        return self.email.partition("@")[0]


class Feedback(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField("waardering (1 tot en met 5)")
    useful = models.TextField("wat was nuttig", blank=True)
    next_themes = models.ManyToManyField("core.Theme", blank=True, verbose_name="thema's")
    next_themes_text = models.CharField("andere thema's", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "feedback"
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rating} — {self.registration}"


# Workshops by preference and networking rounds live in their own module (this one would pass
# 500 lines); importing them here registers them with the app.
from ontmoetingen.events.programme_models import (  # noqa: E402
    MAX_PREFERENCE_RANK,
    AllocationState,
    DraftPlacement,
    NetworkingOptOut,
    NetworkingPair,
    NetworkingPlan,
    PairRule,
    Programme,
    SessionMode,
    TableSeat,
    WorkshopPreference,
)

__all__ = [
    "MAX_PREFERENCE_RANK",
    "AllocationState",
    "DraftPlacement",
    "NetworkingOptOut",
    "NetworkingPair",
    "NetworkingPlan",
    "PairRule",
    "Programme",
    "SessionMode",
    "TableSeat",
    "WorkshopPreference",
]
