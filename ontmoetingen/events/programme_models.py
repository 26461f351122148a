"""Workshops by ranked preference and networking rounds (issue 10).

Imported at the end of ``events.models``; foreign keys name their targets as strings so this
module does not import ``events.models`` back.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

# --- workshops by ranked preference (issue 10) ------------------------------------------------


class SessionMode(models.TextChoices):
    FIRST_COME = "first_come", "wie het eerst komt, het eerst maalt"
    PREFERENCE = "preference", "op voorkeur (1e, 2e en 3e keus)"


class AllocationState(models.TextChoices):
    NONE = "", "nog niet verdeeld"
    DRAFT = "draft", "concept"
    PUBLISHED = "published", "gepubliceerd"


MAX_PREFERENCE_RANK = 3


class Programme(models.Model):
    """How an event hands out its workshops, and the state of the allocation.

    A separate row (not fields on ``Event``) so an event without workshops carries nothing.
    The lottery seed is stored: running the allocation again on the same preferences gives
    the same result.
    """

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="programme")
    mode = models.CharField(
        "verdeling van de workshops",
        max_length=12,
        choices=SessionMode.choices,
        default=SessionMode.FIRST_COME,
    )
    allocation_deadline = models.DateTimeField(
        "voorkeuren wijzigen kan tot",
        null=True,
        blank=True,
        help_text="Daarna verdeelt het team de workshops. Leeg: tot de bijeenkomst begint.",
    )
    workshop_domain_max_share = models.PositiveSmallIntegerField(
        "maximaal aandeel per domein per workshop (%)",
        null=True,
        blank=True,
        help_text="Leeg: geen grens. Bijvoorbeeld 50: geen domein vult meer dan de helft van een workshop.",
    )
    lottery_seed = models.BigIntegerField("lotingsgetal", null=True, blank=True, editable=False)
    state = models.CharField(
        "stand van de verdeling",
        max_length=10,
        choices=AllocationState.choices,
        default=AllocationState.NONE,
        blank=True,
    )
    drafted_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "programma"
        verbose_name_plural = "programma's"
        constraints = [
            models.CheckConstraint(
                condition=Q(workshop_domain_max_share__isnull=True)
                | Q(workshop_domain_max_share__gte=1, workshop_domain_max_share__lte=100),
                name="programme_domain_share_percent",
            )
        ]

    def __str__(self) -> str:
        return f"Programma {self.event}"

    @property
    def by_preference(self) -> bool:
        return self.mode == SessionMode.PREFERENCE

    def preferences_open(self, now=None) -> bool:
        """Choices can change until the allocation deadline (or the start of the event), and
        not after the allocation is published (then the person asks for a switch instead)."""
        if self.state == AllocationState.PUBLISHED:
            return False
        now = now or timezone.now()
        closes = self.allocation_deadline or self.event.starts_at
        return now < closes


class WorkshopPreference(models.Model):
    """A person's 1st, 2nd or 3rd choice of workshop in one time slot."""

    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="preferences"
    )
    slot = models.DateTimeField("tijdvak")
    rank = models.PositiveSmallIntegerField("keuze")
    session = models.ForeignKey(
        "events.Session", on_delete=models.CASCADE, related_name="preferences"
    )

    class Meta:
        ordering = ["registration", "slot", "rank"]
        verbose_name = "workshopvoorkeur"
        verbose_name_plural = "workshopvoorkeuren"
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot", "rank"], name="preference_one_per_rank"
            ),
            models.UniqueConstraint(
                fields=["registration", "session"], name="preference_session_once"
            ),
            models.CheckConstraint(
                condition=Q(rank__gte=1, rank__lte=MAX_PREFERENCE_RANK),
                name="preference_rank_1_3",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}e keus {self.session} — {self.registration}"


class DraftPlacement(models.Model):
    """One seat in the draft allocation: the team looks at these before publishing."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="placements")
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="+"
    )
    session = models.ForeignKey("events.Session", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField("keuze")

    class Meta:
        verbose_name = "conceptplaatsing"
        verbose_name_plural = "conceptplaatsingen"
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="draft_placement_once")
        ]

    def __str__(self) -> str:
        return f"{self.registration} → {self.session}"


# --- networking rounds (issue 10) -------------------------------------------------------------


class NetworkingPlan(models.Model):
    """Rounds at tables that mix the domains; seats are planned for checked-in people only."""

    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="networking"
    )
    rounds = models.PositiveSmallIntegerField("aantal rondes", default=3)
    table_size = models.PositiveSmallIntegerField("personen per tafel", default=6)
    table_count = models.PositiveSmallIntegerField(
        "aantal tafels",
        null=True,
        blank=True,
        help_text="Leeg: zoveel als nodig. Er komen tafels bij als er meer mensen zijn dan plaatsen.",
    )
    mix_domains = models.BooleanField("domeinen mengen aan elke tafel", default=True)
    group_by_region = models.BooleanField(
        "zelfde GGD-regio (anders provincie) bij elkaar", default=True
    )
    rounds_held = models.PositiveSmallIntegerField("rondes gehouden", default=0)
    seed = models.BigIntegerField(null=True, blank=True, editable=False)
    generated_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "netwerkronde"
        verbose_name_plural = "netwerkrondes"
        constraints = [
            models.CheckConstraint(condition=Q(rounds__gte=1), name="networking_rounds_min_1"),
            models.CheckConstraint(condition=Q(table_size__gte=2), name="networking_table_min_2"),
        ]

    def __str__(self) -> str:
        return f"Netwerkrondes {self.event}"


class PairRule(models.TextChoices):
    NEVER = "never", "nooit samen"
    KEEP = "keep", "altijd samen"


class NetworkingPair(models.Model):
    plan = models.ForeignKey(NetworkingPlan, on_delete=models.CASCADE, related_name="pairs")
    rule = models.CharField("regel", max_length=5, choices=PairRule.choices)
    first = models.ForeignKey("events.Registration", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("events.Registration", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "paarregel"
        verbose_name_plural = "paarregels"
        constraints = [
            models.UniqueConstraint(fields=["plan", "first", "second"], name="networking_pair_once")
        ]

    def __str__(self) -> str:
        return f"{self.first} / {self.second}: {self.get_rule_display()}"


class TableSeat(models.Model):
    plan = models.ForeignKey(NetworkingPlan, on_delete=models.CASCADE, related_name="seats")
    round = models.PositiveSmallIntegerField("ronde")
    table = models.PositiveSmallIntegerField("tafel")
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="table_seats"
    )

    class Meta:
        ordering = ["round", "table", "registration__name"]
        verbose_name = "tafelplaats"
        verbose_name_plural = "tafelplaatsen"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "round", "registration"], name="seat_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"Ronde {self.round}, tafel {self.table}: {self.registration}"


class NetworkingOptOut(models.Model):
    """The person does not take part in the rounds: their data appears in no plan."""

    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="networking_opt_out"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "afmelding netwerkronde"
        verbose_name_plural = "afmeldingen netwerkronde"

    def __str__(self) -> str:
        return str(self.registration)
