"""The domains of the first 1000 days, shared by every area (DESIGN.md §3)."""

from django.db import models


class Side(models.TextChoices):
    MEDICAL = "medisch", "medisch domein"
    SOCIAL = "sociaal", "sociaal domein"
    OTHER = "overig", "overig"


class Domain(models.TextChoices):
    BIRTH_CARE = "geboortezorg", "geboortezorg"
    YOUTH_HEALTH = "jgz", "jeugdgezondheidszorg (JGZ)"
    SOCIAL = "sociaal", "sociaal domein"
    MUNICIPALITY = "gemeente", "gemeente (beleid)"
    OTHER = "overig", "overig"

    @property
    def side(self) -> "Side":
        return DOMAIN_SIDE[self]

    @classmethod
    def side_of(cls, value: str) -> "Side":
        return DOMAIN_SIDE[cls(value)]


DOMAIN_SIDE = {
    Domain.BIRTH_CARE: Side.MEDICAL,
    Domain.YOUTH_HEALTH: Side.MEDICAL,
    Domain.SOCIAL: Side.SOCIAL,
    Domain.MUNICIPALITY: Side.SOCIAL,
    Domain.OTHER: Side.OTHER,
}

# The four domains a coalition wants at its table (overig does not count as representation).
TABLE_DOMAINS = (Domain.BIRTH_CARE, Domain.YOUTH_HEALTH, Domain.SOCIAL, Domain.MUNICIPALITY)
