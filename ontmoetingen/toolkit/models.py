from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property

from ontmoetingen.core.domain import Domain


class Kind(models.TextChoices):
    TOOL = "tool", "tool"
    GOOD_PRACTICE = "good-practice", "good practice"
    GUIDE = "handreiking", "handreiking"
    FACTSHEET = "factsheet", "factsheet"
    RECORDING = "webinar-opname", "webinar-opname"
    ARTICLE = "artikel", "artikel of nieuws"


class Phase(models.TextChoices):
    PRECONCEPTION = "kinderwens", "kinderwens en preconceptie"
    PREGNANCY = "zwangerschap", "zwangerschap"
    BIRTH = "geboorte", "geboorte en kraamperiode"
    INFANT = "0-2-jaar", "0–2 jaar"  # noqa: RUF001 - Dutch typography


class Status(models.TextChoices):
    PROPOSED = "voorgesteld", "voorgesteld"
    PUBLISHED = "gepubliceerd", "gepubliceerd"
    REJECTED = "afgewezen", "afgewezen"
    DRAFT = "concept", "concept"


class FileType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    PPTX = "pptx", "PowerPoint (PPTX)"


def _encode(values) -> str:
    """Multi-valued choices stored as ',a,b,' so a filter is one LIKE '%,a,%' on both databases."""
    values = [str(v) for v in values if v]
    return f",{','.join(values)}," if values else ""


def _decode(stored: str) -> list[str]:
    return [v for v in (stored or "").split(",") if v]


LIST_FIELDS = (
    "title",
    "slug",
    "kind",
    "summary",
    "audience",
    "phases",
    "status",
    "is_demo",
    "published_at",
    "origin__name",
    "origin__province__name",
    "mirror__title",
    "mirror__slug",
    "mirror__status",
)


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def for_list(self):
        """What a result card needs from the row, and nothing wider (no body); the names of the
        themes come from the toolkit's catalogue (toolkit/ranking.py)."""
        return self.select_related("origin__province", "mirror").only(*LIST_FIELDS)

    def with_domain(self, domain: str):
        return self.filter(audience__contains=f",{domain},")

    def with_phase(self, phase: str):
        return self.filter(phases__contains=f",{phase},")


ResourceManager = models.Manager.from_queryset(ResourceQuerySet)


class Resource(models.Model):
    """A tool, good practice, guide, factsheet, webinar recording or article in the toolkit.

    Proposals from the field are resources with status "voorgesteld" until the project team
    publishes or rejects them.
    """

    title = models.CharField("titel", max_length=200)
    slug = models.SlugField("slug", max_length=200, unique=True)
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)
    summary = models.TextField("samenvatting", max_length=600)
    body = models.TextField("tekst", blank=True, help_text="Markdown.")
    audience = models.CharField("voor wie", max_length=120, blank=True)
    phases = models.CharField("fase", max_length=120, blank=True)
    themes = models.ManyToManyField(
        "core.Theme", blank=True, related_name="resources", verbose_name="thema's"
    )
    origin = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemeente van herkomst",
    )
    source_organisation = models.CharField("organisatie (bron)", max_length=200, blank=True)
    url = models.URLField("link", max_length=500, blank=True)
    file_path = models.CharField("opgeslagen bestand", max_length=200, blank=True, editable=False)
    file_name = models.CharField("bestandsnaam", max_length=200, blank=True, editable=False)
    file_type = models.CharField(
        "bestandstype", max_length=10, choices=FileType.choices, blank=True, editable=False
    )
    file_size = models.PositiveIntegerField("bestandsgrootte", default=0, editable=False)
    mirror = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mirrored_by",
        verbose_name="gespiegelde tool",
        help_text="De tegenhanger voor het andere domein.",
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    is_demo = models.BooleanField("voorbeeld", default=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toolkit_proposals",
        verbose_name="voorgesteld door",
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beoordeeld door",
    )
    moderated_at = models.DateTimeField("beoordeeld op", null=True, blank=True)
    rejection_reason = models.TextField("reden van afwijzing", blank=True)
    published_at = models.DateTimeField("gepubliceerd op", null=True, blank=True, db_index=True)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    updated_at = models.DateTimeField("bijgewerkt", auto_now=True)

    objects = ResourceManager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "toolkit-item"
        verbose_name_plural = "toolkit"
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="toolkit_newest_idx"),
            # Covers every facet count, so counting reads this narrow index, not the wide rows.
            models.Index(
                fields=["status", "kind", "origin", "audience", "phases", "id"],
                name="toolkit_facets_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(mirror=models.F("id")), name="toolkit_mirror_not_self"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolkit:detail", args=[self.slug])

    @property
    def domains(self) -> list[str]:
        return _decode(self.audience)

    @domains.setter
    def domains(self, values) -> None:
        self.audience = _encode(values)

    @cached_property
    def theme_pairs(self) -> tuple[tuple[str, str], ...]:
        """(slug, name) of its themes, in their order. Search results have them set from the
        toolkit's catalogue (toolkit/ranking.py: no query); elsewhere they are read through
        ``themes`` (prefetch that for a list)."""
        return tuple((theme.slug, theme.name) for theme in self.themes.all())

    @property
    def domain_labels(self) -> list[tuple[str, str]]:
        return [(d, Domain(d).label) for d in self.domains if d in Domain.values]

    @property
    def phase_list(self) -> list[str]:
        return _decode(self.phases)

    @phase_list.setter
    def phase_list(self, values) -> None:
        self.phases = _encode(values)

    @property
    def phase_labels(self) -> list[str]:
        return [Phase(p).label for p in self.phase_list if p in Phase.values]

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def has_file(self) -> bool:
        return bool(self.file_path)

    def get_download_url(self) -> str:
        return reverse("toolkit:download", args=[self.slug])
