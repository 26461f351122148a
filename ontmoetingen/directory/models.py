"""Organisations and their working areas (DESIGN.md §4 directory)."""

from django.db import models
from django.urls import reverse

from ontmoetingen.core.domain import Domain, Side


class OrganisationType(models.TextChoices):
    MIDWIFERY = "verloskundigenpraktijk", "verloskundigenpraktijk"
    HOSPITAL = "ziekenhuis", "ziekenhuis (verloskunde/gynaecologie)"
    MATERNITY_CARE = "kraamzorg", "kraamzorgorganisatie"
    VSV_IGO = "vsv_igo", "VSV/IGO (geboortezorgverband)"
    GENERAL_PRACTICE = "huisartsenpraktijk", "huisartsenpraktijk"
    YOUTH_HEALTH = "jgz", "JGZ-organisatie"
    GGD = "ggd", "GGD"
    NEIGHBOURHOOD_TEAM = "wijkteam", "wijkteam/sociaal team"
    MUNICIPALITY = "gemeente", "gemeente"
    WELFARE = "welzijn", "welzijnsorganisatie"
    VEILIG_THUIS = "veilig_thuis", "Veilig Thuis"
    DEBT_SUPPORT = "schuldhulp", "schuldhulpverlening"
    MENTAL_HEALTH = "ggz", "GGZ"
    INSURER = "zorgverzekeraar", "zorgverzekeraar"
    LIVED_EXPERIENCE = "ervaringsdeskundigen", "ervaringsdeskundigen/ouderorganisatie"
    OTHER = "overig", "overig"


TYPE_DOMAIN: dict[OrganisationType, Domain] = {
    OrganisationType.MIDWIFERY: Domain.BIRTH_CARE,
    OrganisationType.HOSPITAL: Domain.BIRTH_CARE,
    OrganisationType.MATERNITY_CARE: Domain.BIRTH_CARE,
    OrganisationType.VSV_IGO: Domain.BIRTH_CARE,
    OrganisationType.GENERAL_PRACTICE: Domain.OTHER,
    OrganisationType.YOUTH_HEALTH: Domain.YOUTH_HEALTH,
    OrganisationType.GGD: Domain.YOUTH_HEALTH,
    OrganisationType.NEIGHBOURHOOD_TEAM: Domain.SOCIAL,
    OrganisationType.MUNICIPALITY: Domain.MUNICIPALITY,
    OrganisationType.WELFARE: Domain.SOCIAL,
    OrganisationType.VEILIG_THUIS: Domain.SOCIAL,
    OrganisationType.DEBT_SUPPORT: Domain.SOCIAL,
    OrganisationType.MENTAL_HEALTH: Domain.OTHER,
    OrganisationType.INSURER: Domain.OTHER,
    OrganisationType.LIVED_EXPERIENCE: Domain.SOCIAL,
    OrganisationType.OTHER: Domain.OTHER,
}


def domain_for_type(type_value: str) -> Domain:
    """The domain an organisation of this type belongs to (the one home of that mapping)."""
    return TYPE_DOMAIN[OrganisationType(type_value)]


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Organisation(models.Model):
    """An organisation in the field. Its type decides its domain; its working area is the set
    of municipalities it serves, which may cross province and GGD borders."""

    name = models.CharField("naam", max_length=200)
    type = models.CharField("soort organisatie", max_length=24, choices=OrganisationType.choices)
    domain = models.CharField(
        "domein", max_length=16, choices=Domain.choices, db_index=True, editable=False
    )
    location = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="located_organisations",
        verbose_name="vestigingsgemeente",
    )
    service_area = models.ManyToManyField(
        "regions.Municipality",
        related_name="serving_organisations",
        blank=True,
        verbose_name="werkgebied",
    )
    website = models.URLField("website", blank=True)
    contact_email = models.EmailField("openbaar contactadres", blank=True)
    active = models.BooleanField("actief", default=True, db_index=True)
    is_demo = models.BooleanField("voorbeeld", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        indexes = [models.Index(fields=["type", "name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.domain = domain_for_type(self.type)
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "domain"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("directory:detail", args=[self.pk])

    @property
    def side(self) -> Side:
        return Domain.side_of(self.domain)
