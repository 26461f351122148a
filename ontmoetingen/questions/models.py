"""Questions and needs from the field, and theme proposals with votes."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.core.domain import Domain


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open(self):
        return self.filter(status__in=[Question.Status.NEW, Question.Status.IN_PROGRESS])


class Question(models.Model):
    """A question or need from the field. Who asked is never shown in public: only the
    anonymised FAQ fields are."""

    class Kind(models.TextChoices):
        QUESTION = "question", "vraag"
        NEED = "need", "behoefte aan een tool of good practice"
        EVENT_IDEA = "event_idea", "idee voor een bijeenkomst"
        OTHER = "other", "anders"

    class Status(models.TextChoices):
        NEW = "new", "nieuw"
        IN_PROGRESS = "in_progress", "in behandeling"
        ANSWERED = "answered", "beantwoord"
        CLOSED = "closed", "gesloten"

    kind = models.CharField("soort", max_length=20, choices=Kind.choices, default=Kind.QUESTION)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    domain = models.CharField("domein", max_length=20, choices=Domain.choices)
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemeente",
    )
    theme = models.ForeignKey(
        "core.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name="thema",
    )
    text = models.TextField("vraag of behoefte")
    name = models.CharField("naam", max_length=150)
    email = models.EmailField("e-mailadres", db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name="account",
    )
    # keyed hash of the sender's IP address: enough to count submissions, not to find a person
    ip_hash = models.CharField("versleuteld IP-adres", max_length=64, blank=True, db_index=True)
    token = models.CharField("statuscode", max_length=64, unique=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_questions",
        verbose_name="toegewezen aan",
    )
    answer = models.TextField("antwoord", blank=True)
    answered_at = models.DateTimeField("beantwoord op", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beantwoord door",
    )
    closed_at = models.DateTimeField("gesloten op", null=True, blank=True)
    created_at = models.DateTimeField("ontvangen op", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    # the public FAQ: written (anonymised) by the project team, separate from the original
    is_published = models.BooleanField("gepubliceerd als veelgestelde vraag", default=False)
    faq_question = models.TextField("vraag (geanonimiseerd)", blank=True)
    faq_answer = models.TextField("antwoord (openbaar)", blank=True)
    published_at = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    is_demo = models.BooleanField("voorbeeld", default=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "vraag uit het veld"
        verbose_name_plural = "vragen uit het veld"
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["is_published", "published_at"]),
            models.Index(fields=["ip_hash", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(is_published=True) | ~Q(faq_answer=""),
                name="question_published_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("questions:triage_detail", args=[self.pk])

    def get_status_url(self) -> str:
        return reverse("questions:status", args=[self.token])

    def get_faq_url(self) -> str:
        return reverse("questions:faq_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.NEW, self.Status.IN_PROGRESS)

    @property
    def faq_title(self) -> str:
        first = (self.faq_question or "").strip().splitlines()
        title = first[0] if first else ""
        return title if len(title) <= 120 else title[:117].rsplit(" ", 1)[0] + "…"


class QuestionNote(models.Model):
    """An internal note of the project team: never shown to the asker, the public or in mails."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="schrijver",
    )
    text = models.TextField("interne notitie")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "interne notitie"
        verbose_name_plural = "interne notities"

    def __str__(self) -> str:
        return f"Notitie bij vraag #{self.question_id}"


class ThemeProposalQuerySet(models.QuerySet):
    def with_votes(self):
        return self.annotate(vote_count=Count("votes", distinct=True))


class ThemeProposal(models.Model):
    """A theme proposed by a professional for a meeting, a webinar or the toolkit."""

    class Purpose(models.TextChoices):
        MEETING = "meeting", "kennisbijeenkomst"
        WEBINAR = "webinar", "webinar"
        TOOLKIT = "toolkit", "toolkit"

    class Status(models.TextChoices):
        OPEN = "open", "open"
        TAKEN_UP = "taken_up", "opgepakt"

    title = models.CharField("titel", max_length=160)
    description = models.TextField("toelichting")
    purpose = models.CharField("bedoeld voor", max_length=20, choices=Purpose.choices)
    theme = models.ForeignKey(
        "core.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name="thema",
    )
    domain = models.CharField("domein van de indiener", max_length=20, choices=Domain.choices)
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemeente",
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="theme_proposals",
        verbose_name="ingediend door",
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    taken_up_url = models.CharField("link naar het antwoord", max_length=500, blank=True)
    taken_up_title = models.CharField("titel van de link", max_length=200, blank=True)
    taken_up_at = models.DateTimeField("opgepakt op", null=True, blank=True)
    taken_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="opgepakt door",
    )
    created_at = models.DateTimeField("ingediend op", default=timezone.now, db_index=True)
    is_demo = models.BooleanField("voorbeeld", default=False)

    objects = ThemeProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "themavoorstel"
        verbose_name_plural = "themavoorstellen"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="taken_up") | ~Q(taken_up_url=""),
                name="proposal_taken_up_has_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Vote(models.Model):
    """One person's vote for a proposal; a second vote by the same person is impossible."""

    proposal = models.ForeignKey(ThemeProposal, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="theme_votes",
        verbose_name="account",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "stem"
        verbose_name_plural = "stemmen"
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_vote_per_person"),
        ]

    def __str__(self) -> str:
        return f"Stem op {self.proposal_id}"
