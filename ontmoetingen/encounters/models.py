"""The people layer: invitations, professional profiles with consent, introductions, blocks
and abuse reports.

Why these live here and not in ``accounts``: accounts is the base every app imports (the user,
roles, sign-up), so it may import none of them. Invitations name a coalition, profiles name an
organisation and a working area, and the people overview filters on both: everything that
ties a person to the rest of the platform sits in this app, on top of the others.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.accounts.roles import Role
from ontmoetingen.core.domain import Domain


class Profession(models.TextChoices):
    MIDWIFE = "verloskundige", "verloskundige"
    MATERNITY_NURSE = "kraamverzorgende", "kraamverzorgende"
    GYNAECOLOGIST = "gynaecoloog", "gynaecoloog"
    CLINICAL_MIDWIFE = "klinisch_verloskundige", "klinisch verloskundige"
    OBSTETRIC_NURSE = "obstetrieverpleegkundige", "obstetrieverpleegkundige"
    YOUTH_NURSE = "jgz_verpleegkundige", "JGZ-verpleegkundige"
    YOUTH_DOCTOR = "jeugdarts", "jeugdarts"
    GP = "huisarts", "huisarts"
    NEIGHBOURHOOD_TEAM = "wijkteammedewerker", "wijkteammedewerker"
    SOCIAL_WORKER = "maatschappelijk_werker", "maatschappelijk werker"
    DEBT_ADVISER = "schuldhulpverlener", "schuldhulpverlener"
    POLICY_OFFICER = "beleidsmedewerker", "beleidsmedewerker gemeente"
    COORDINATOR = "coordinator", "coördinator coalitie"
    EXPERT_BY_EXPERIENCE = "ervaringsdeskundige", "ervaringsdeskundige"
    OTHER = "anders", "anders"


# The domain a profession usually belongs to: the form's default, never a rule.
PROFESSION_DOMAIN = {
    Profession.MIDWIFE: Domain.BIRTH_CARE,
    Profession.MATERNITY_NURSE: Domain.BIRTH_CARE,
    Profession.GYNAECOLOGIST: Domain.BIRTH_CARE,
    Profession.CLINICAL_MIDWIFE: Domain.BIRTH_CARE,
    Profession.OBSTETRIC_NURSE: Domain.BIRTH_CARE,
    Profession.YOUTH_NURSE: Domain.YOUTH_HEALTH,
    Profession.YOUTH_DOCTOR: Domain.YOUTH_HEALTH,
    Profession.NEIGHBOURHOOD_TEAM: Domain.SOCIAL,
    Profession.SOCIAL_WORKER: Domain.SOCIAL,
    Profession.DEBT_ADVISER: Domain.SOCIAL,
    Profession.POLICY_OFFICER: Domain.MUNICIPALITY,
}

# The text a person agrees to when publishing a profile. Change the text → raise the version;
# each Consent row keeps the version that was agreed to.
PROFILE_CONSENT_VERSION = "2026-12-01"
PROFILE_CONSENT_TEXT = (
    "Ik geef toestemming om mijn profiel (naam, beroep, organisatie, werkgebied, thema's en "
    "wat ik aanbied en zoek) te tonen aan ingelogde gebruikers van Kansrijke Ontmoetingen. "
    "Mijn e-mailadres en telefoonnummer worden alleen gedeeld met mensen van wie ik een "
    "kennismaking accepteer. Ik kan mijn profiel altijd verbergen of verwijderen."
)

INVITATION_DAYS = 14
INTRODUCTION_DAYS = 30


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(
            accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
        )


class InvitationState(models.TextChoices):
    OPEN = "open", "openstaand"
    ACCEPTED = "accepted", "geaccepteerd"
    WITHDRAWN = "withdrawn", "ingetrokken"
    EXPIRED = "expired", "verlopen"


class Invitation(models.Model):
    """An invitation by e-mail to get an account with a role. Single use, expires after
    ``INVITATION_DAYS``; resending makes a new key, so older links stop working."""

    email = models.EmailField("e-mailadres")
    full_name = models.CharField("naam", max_length=150, blank=True)
    role = models.CharField("rol", max_length=16, choices=Role.choices)
    coalition = models.ForeignKey(
        "coalitions.Coalition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="person_invitations",
        verbose_name="coalitie",
    )
    message = models.TextField("persoonlijk bericht", blank=True)
    key = models.CharField(max_length=32, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="uitgenodigd door",
    )
    created_at = models.DateTimeField("uitgenodigd op", default=timezone.now)
    sent_at = models.DateTimeField("laatst verstuurd op", default=timezone.now)
    expires_at = models.DateTimeField("verloopt op")
    accepted_at = models.DateTimeField("geaccepteerd op", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
        verbose_name="account",
    )
    withdrawn_at = models.DateTimeField("ingetrokken op", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "uitnodiging voor een account"
        verbose_name_plural = "uitnodigingen voor een account"
        indexes = [models.Index(fields=["email"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    @property
    def state(self) -> str:
        if self.accepted_at:
            return InvitationState.ACCEPTED
        if self.withdrawn_at:
            return InvitationState.WITHDRAWN
        if self.expires_at <= timezone.now():
            return InvitationState.EXPIRED
        return InvitationState.OPEN

    @property
    def state_label(self) -> str:
        return InvitationState(self.state).label

    @staticmethod
    def expiry_from(moment):
        return moment + timedelta(days=INVITATION_DAYS)


class ProfessionalQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True, user__is_active=True)


class Professional(models.Model):
    """The professional profile of a user: who they are, where they work, what they offer and
    what they look for. Invisible until published; visible to logged-in users only. E-mail and
    phone are never shown on it: they travel only through an accepted introduction."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="professional",
        verbose_name="account",
    )
    domain = models.CharField("domein", max_length=16, choices=Domain.choices, db_index=True)
    profession = models.CharField("beroep", max_length=32, choices=Profession.choices)
    profession_other = models.CharField("ander beroep", max_length=100, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="professionals",
        verbose_name="organisatie",
    )
    working_area = models.ManyToManyField(
        "regions.Municipality",
        related_name="professionals",
        blank=True,
        verbose_name="werkgebied",
    )
    themes = models.ManyToManyField(
        "core.Theme", related_name="professionals", blank=True, verbose_name="thema's"
    )
    offer = models.TextField("waarvoor kunt u mij inzetten", max_length=600, blank=True)
    offer_tags = models.CharField("trefwoorden aanbod", max_length=300, blank=True)
    ask = models.TextField("waar zoek ik contact voor", max_length=600, blank=True)
    ask_tags = models.CharField("trefwoorden vraag", max_length=300, blank=True)
    intro = models.TextField("korte introductie", max_length=800, blank=True)
    phone = models.CharField("telefoonnummer", max_length=30, blank=True)
    published = models.BooleanField("gepubliceerd", default=False, db_index=True)
    published_at = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    is_demo = models.BooleanField("voorbeeld", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfessionalQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "id"]
        verbose_name = "professional"
        verbose_name_plural = "professionals"
        indexes = [models.Index(fields=["published", "domain"])]

    def __str__(self) -> str:
        return self.user.full_name

    def get_absolute_url(self) -> str:
        return reverse("encounters:profile", args=[self.pk])

    @property
    def profession_label(self) -> str:
        if self.profession == Profession.OTHER and self.profession_other:
            return self.profession_other
        return self.get_profession_display()

    @property
    def offer_tag_list(self) -> list[str]:
        return tag_list(self.offer_tags)

    @property
    def ask_tag_list(self) -> list[str]:
        return tag_list(self.ask_tags)


def tag_list(text: str) -> list[str]:
    """Tags as typed ("a, b; c") → clean, lower-case, unique, in order."""
    seen: list[str] = []
    for part in text.replace(";", ",").split(","):
        tag = " ".join(part.split()).lower()
        if tag and tag not in seen:
            seen.append(tag)
    return seen


class Consent(models.Model):
    """What a person agreed to, when, and which version of the text (AVG accountability)."""

    class Kind(models.TextChoices):
        PROFILE = "profiel", "profiel tonen aan ingelogde gebruikers"
        ATTENDEE_LIST = "deelnemerslijst", "naam tonen in deelnemerslijst"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name="account",
    )
    kind = models.CharField("waarvoor", max_length=20, choices=Kind.choices)
    version = models.CharField("versie van de tekst", max_length=20)
    text = models.TextField("tekst")
    given_at = models.DateTimeField("gegeven op", default=timezone.now)
    withdrawn_at = models.DateTimeField("ingetrokken op", null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = "toestemming"
        verbose_name_plural = "toestemmingen"

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.version}"


class IntroductionStatus(models.TextChoices):
    OPEN = "open", "wacht op antwoord"
    ACCEPTED = "accepted", "geaccepteerd"
    DECLINED = "declined", "afgewezen"
    EXPIRED = "expired", "verlopen"


class Introduction(models.Model):
    """A request to get to know someone. Contact details are revealed only once accepted;
    a declined or expired request reads "geen reactie" for the requester."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="introductions_sent",
        verbose_name="aanvrager",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="introductions_received",
        verbose_name="ontvanger",
    )
    message = models.TextField("bericht", max_length=1000)
    status = models.CharField(
        "status",
        max_length=10,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.OPEN,
        db_index=True,
    )
    created_at = models.DateTimeField("gevraagd op", default=timezone.now)
    expires_at = models.DateTimeField("verloopt op")
    responded_at = models.DateTimeField("beantwoord op", null=True, blank=True)
    is_demo = models.BooleanField("voorbeeld", default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "kennismaking"
        verbose_name_plural = "kennismakingen"
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "recipient"],
                condition=Q(status="open"),
                name="one_open_introduction_per_pair",
                violation_error_message="Er staat al een verzoek open tussen u beiden.",
            ),
            models.CheckConstraint(
                condition=~Q(requester=models.F("recipient")), name="introduction_not_to_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.recipient_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == IntroductionStatus.OPEN

    @property
    def is_accepted(self) -> bool:
        return self.status == IntroductionStatus.ACCEPTED

    def status_for(self, user) -> str:
        """What the status reads for this person: a requester never learns of a refusal."""
        if user.pk == self.requester_id and self.status in (
            IntroductionStatus.DECLINED,
            IntroductionStatus.EXPIRED,
        ):
            return "geen reactie"
        return self.get_status_display()

    @staticmethod
    def expiry_from(moment):
        return moment + timedelta(days=INTRODUCTION_DAYS)


class Block(models.Model):
    """One person blocks another: no introductions either way, never suggested to each other."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blocks_made",
        verbose_name="wie blokkeerde",
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blocks_received",
        verbose_name="geblokkeerde",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "blokkering"
        verbose_name_plural = "blokkeringen"
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blokkeert {self.blocked_id}"


class AbuseReport(models.Model):
    """A report to the project team about someone's profile or requests."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="abuse_reports_made",
        verbose_name="melder",
    )
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="abuse_reports_received",
        verbose_name="gemelde",
    )
    text = models.TextField("wat is er gebeurd", max_length=2000)
    created_at = models.DateTimeField("gemeld op", default=timezone.now)
    handled_at = models.DateTimeField("afgehandeld op", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "melding van misbruik"
        verbose_name_plural = "meldingen van misbruik"

    def __str__(self) -> str:
        return f"melding over {self.reported_id}"
