import string
import unicodedata

from django.db import models
from django.urls import reverse

from ontmoetingen.core.domain import Domain

DEFINITION_MAX_WORDS = 90
LETTERS = list(string.ascii_uppercase)
OTHER_LETTER = "#"


# Old genitive prefixes that Dutch lists ignore when sorting: 's-Hertogenbosch under H.
IGNORED_PREFIXES = ("'s-", "’s-", "'s ", "’s ", "'t ", "’t ")  # noqa: RUF001 - typographic quote


def sort_key(text: str) -> str:
    """The key a name sorts by: no "'s-" prefix, no accents, no case ("'s-Gravenhage" → "gravenhage")."""
    plain = text.strip()
    for prefix in IGNORED_PREFIXES:
        if plain.casefold().startswith(prefix):
            plain = plain[len(prefix) :]
            break
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return plain.casefold()


def first_letter(text: str) -> str:
    """A-Z letter a term is filed under ('Ééntje' → E; "'s-Gravenhage" → G; digits → #)."""
    letter = sort_key(text)[:1].upper()
    return letter if letter in LETTERS else OTHER_LETTER


class TermQuerySet(models.QuerySet):
    def with_related(self):
        return self.prefetch_related(
            models.Prefetch("related", queryset=Term.objects.only("term", "slug"))
        )


class Term(models.Model):
    """A word or abbreviation one domain uses and the other may not know (DESIGN.md §4)."""

    term = models.CharField("begrip", max_length=120, unique=True)
    slug = models.SlugField("slug", max_length=120, unique=True)
    abbreviation = models.CharField(
        "afkorting", max_length=30, blank=True, help_text="Bijvoorbeeld VSV of JGZ."
    )
    domain = models.CharField("domein van herkomst", max_length=20, choices=Domain.choices)
    definition = models.TextField(
        "uitleg", help_text="In gewone taal (B1), ten hoogste ongeveer 80 woorden."
    )
    explanation = models.TextField(
        "uitleg voor het andere domein",
        blank=True,
        help_text='Begin met "Voor het sociaal domein: …" of "Voor de geboortezorg: …".',
    )
    synonyms = models.TextField(
        "synoniemen", blank=True, help_text="Andere woorden voor hetzelfde, één per regel."
    )
    related = models.ManyToManyField("self", blank=True, verbose_name="verwante begrippen")
    source = models.CharField("bron", max_length=200, blank=True)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    updated_at = models.DateTimeField("bijgewerkt", auto_now=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["term"]
        verbose_name = "begrip"
        verbose_name_plural = "begrippen"

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse("glossary:detail", args=[self.slug])

    @property
    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    @property
    def letter(self) -> str:
        return first_letter(self.term)

    @property
    def short_definition(self) -> str:
        """The first sentence of the definition: the tooltip text where a term is marked."""
        text = " ".join(self.definition.split())
        for end in (". ", "? ", "! "):
            if end in text:
                text = text.split(end, 1)[0] + end.strip()
                break
        return text if len(text) <= 220 else text[:217].rsplit(" ", 1)[0] + "…"

    @property
    def domain_label(self) -> str:
        return Domain(self.domain).label
