from django.db import models
from django.urls import reverse


class Shaped(models.Model):
    """A region drawn on the map: SVG path data and its bounding box (see geometry.py)."""

    code = models.CharField("CBS-code", max_length=8, primary_key=True)
    name = models.CharField("naam", max_length=120)
    active = models.BooleanField("actief", default=True, db_index=True)
    shape = models.TextField("kaartvorm (SVG-pad)", blank=True)
    min_x = models.IntegerField(default=0)
    min_y = models.IntegerField(default=0)
    max_x = models.IntegerField(default=0)
    max_y = models.IntegerField(default=0)
    label_x = models.IntegerField(default=0)
    label_y = models.IntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Province(Shaped):
    class Meta(Shaped.Meta):
        verbose_name = "provincie"
        verbose_name_plural = "provincies"


class GgdRegion(Shaped):
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="ggd_regions",
        verbose_name="provincie",
        null=True,
    )

    class Meta(Shaped.Meta):
        verbose_name = "GGD-regio"
        verbose_name_plural = "GGD-regio's"


class MunicipalityQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def with_regions(self):
        return self.select_related("province", "ggd_region")

    def in_box(self, min_x: int, min_y: int, max_x: int, max_y: int):
        """Municipalities whose bounding box overlaps the given box (for maps around a place)."""
        return self.filter(max_x__gte=min_x, min_x__lte=max_x, max_y__gte=min_y, min_y__lte=max_y)


class Municipality(Shaped):
    """A Dutch municipality. Merged municipalities are kept (inactive, pointing to their
    successor) so that coalitions, organisations and history that refer to them stay intact."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="municipalities", verbose_name="provincie"
    )
    ggd_region = models.ForeignKey(
        GgdRegion, on_delete=models.PROTECT, related_name="municipalities", verbose_name="GGD-regio"
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name="opgegaan in",
    )
    first_year = models.PositiveSmallIntegerField("bestaat sinds indeling", null=True, blank=True)
    last_year = models.PositiveSmallIntegerField("laatste indeling", null=True, blank=True)
    # Municipalities that share a border (a common arc in the TopoJSON), set by regions_load.
    neighbours = models.ManyToManyField("self", blank=True, verbose_name="buurgemeenten")

    objects = MunicipalityQuerySet.as_manager()

    class Meta(Shaped.Meta):
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        indexes = [
            models.Index(fields=["province", "name"]),
            models.Index(fields=["min_x", "max_x", "min_y", "max_y"], name="municipality_bbox"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("regions:detail", args=[self.code])

    @property
    def current(self) -> "Municipality":
        """The municipality that carries on this one today (itself when still active)."""
        municipality = self
        seen = set()
        while municipality.successor_id and municipality.code not in seen:
            seen.add(municipality.code)
            municipality = municipality.successor
        return municipality


class RegionChange(models.Model):
    """What a load of the reference data changed: added, renamed, retired, moved."""

    class Kind(models.TextChoices):
        ADDED = "added", "toegevoegd"
        RENAMED = "renamed", "nieuwe naam"
        RETIRED = "retired", "opgeheven"
        MOVED = "moved", "andere provincie of GGD-regio"
        RESTORED = "restored", "weer actief"

    year = models.PositiveSmallIntegerField("indeling")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    detail = models.CharField(max_length=255, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "municipality_id"]
        verbose_name = "wijziging in de gemeentelijke indeling"
        verbose_name_plural = "wijzigingen in de gemeentelijke indeling"

    def __str__(self) -> str:
        return f"{self.year} {self.municipality_id} {self.get_kind_display()}"
