"""Local coalitions Kansrijke Start: status, municipalities, partners and history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class CoalitionStatus(models.TextChoices):
    GEEN = "geen", "geen coalitie"
    ORIENTEREND = "orienterend", "oriënterend"
    IN_OPBOUW = "in_opbouw", "in opbouw"
    WERKEND = "werkend", "werkend"
    GEBORGD = "geborgd", "geborgd"


STATUS_EXPLANATION: dict[str, str] = {
    CoalitionStatus.GEEN: "Er is (nog) geen lokale coalitie Kansrijke Start.",
    CoalitionStatus.ORIENTEREND: "De gemeente en partners verkennen of en hoe zij een coalitie vormen.",
    CoalitionStatus.IN_OPBOUW: "De coalitie wordt opgebouwd: partners zijn benaderd en er wordt aan een plan gewerkt.",
    CoalitionStatus.WERKEND: "De coalitie werkt samen volgens een gezamenlijk plan van aanpak.",
    CoalitionStatus.GEBORGD: "De samenwerking is structureel ingebed in beleid, financiering en werkwijzen.",
}

# Lifecycle order, for sorting and "at least working" comparisons.
STATUS_ORDER: dict[str, int] = {status: index for index, status in enumerate(CoalitionStatus)}


class CoalitionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Coalition(models.Model):
    """A lokale coalitie: one or more municipalities working on the first 1000 days."""

    name = models.CharField("naam", max_length=200)
    status = models.CharField(
        "status",
        max_length=16,
        choices=CoalitionStatus.choices,
        default=CoalitionStatus.ORIENTEREND,
        db_index=True,
    )
    status_since = models.DateField("status sinds")
    municipalities = models.ManyToManyField(
        "regions.Municipality",
        through="CoalitionMunicipality",
        related_name="coalitions",
        verbose_name="gemeenten",
    )
    action_plan = models.BooleanField("plan van aanpak", default=False)
    action_plan_date = models.DateField("datum plan van aanpak", null=True, blank=True)
    ambitions = models.TextField("ambities", blank=True)
    themes = models.ManyToManyField(
        "core.Theme", related_name="coalitions", blank=True, verbose_name="thema's"
    )
    description = models.TextField("beschrijving", blank=True, help_text="Markdown")
    contact_name = models.CharField("contactpersoon", max_length=150, blank=True)
    contact_email = models.EmailField("e-mailadres contactpersoon", blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="coordinated_coalitions",
        blank=True,
        verbose_name="coördinatoren",
    )
    started_on = models.DateField("gestart op", null=True, blank=True)
    last_confirmed_on = models.DateField("laatst bevestigd op", null=True, blank=True)
    active = models.BooleanField("actief", default=True, db_index=True)
    is_demo = models.BooleanField("voorbeeld", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoalitionQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "coalitie"
        verbose_name_plural = "coalities"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coalitions:detail", args=[self.pk])

    @property
    def status_explanation(self) -> str:
        return STATUS_EXPLANATION[self.status]


class CoalitionMunicipality(models.Model):
    """A municipality in a coalition. ``active=False`` keeps history when it leaves."""

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="coalition_municipalities"
    )
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="coalition_links"
    )
    active = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "gemeente in coalitie"
        verbose_name_plural = "gemeenten in coalitie"
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(active=True),
                name="municipality_in_one_active_coalition",
                violation_error_message="Deze gemeente hoort al bij een andere actieve coalitie.",
            ),
            models.UniqueConstraint(
                fields=["coalition", "municipality"], name="coalition_municipality_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coalition_id} - {self.municipality_id}"


class MembershipRole(models.TextChoices):
    CORE = "kernpartner", "kernpartner"
    PARTNER = "partner", "partner"


class CoalitionMembership(models.Model):
    """An organisation at the table of a coalition."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        "rol", max_length=12, choices=MembershipRole.choices, default=MembershipRole.PARTNER
    )
    since = models.DateField("partner sinds")

    class Meta:
        ordering = ["coalition_id", "organisation__name"]
        verbose_name = "coalitiepartner"
        verbose_name_plural = "coalitiepartners"
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "organisation"], name="membership_once_per_coalition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in {self.coalition_id}"


class StatusChange(models.Model):
    """One status change of a coalition, the first one included: the monitor's time series."""

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField("status", max_length=16, choices=CoalitionStatus.choices)
    changed_on = models.DateField("datum", db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="door",
    )
    note = models.TextField("toelichting", blank=True)
    recorded_at = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        ordering = ["coalition_id", "changed_on", "id"]
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"
        indexes = [models.Index(fields=["coalition", "changed_on"])]

    def __str__(self) -> str:
        return f"{self.coalition_id} {self.changed_on}: {self.status}"


class InvitationStatus(models.TextChoices):
    SENT = "verstuurd", "verstuurd"
    ACCEPTED = "geaccepteerd", "geaccepteerd"
    DECLINED = "afgeslagen", "afgeslagen"


class Invitation(models.Model):
    """An invitation to an organisation to join a coalition as partner."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("verstuurd aan")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="uitgenodigd door",
    )
    invited_at = models.DateTimeField("uitgenodigd op", auto_now_add=True)
    status = models.CharField(
        "status", max_length=12, choices=InvitationStatus.choices, default=InvitationStatus.SENT
    )
    accepted_at = models.DateTimeField("geaccepteerd op", null=True, blank=True)

    class Meta:
        ordering = ["-invited_at", "-id"]
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.coalition_id}"

    @property
    def membership_exists(self) -> bool:
        """Whether the invited organisation is (still) a partner of the coalition."""
        return CoalitionMembership.objects.filter(
            coalition_id=self.coalition_id, organisation_id=self.organisation_id
        ).exists()
