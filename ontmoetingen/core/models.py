from django.db import models


class ThemeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Theme(models.Model):
    """A theme of the first 1000 days; one taxonomy used by toolkit, events, coalitions and
    questions. The project team manages it in the back-office."""

    name = models.CharField("naam", max_length=120, unique=True)
    slug = models.SlugField("slug", max_length=120, unique=True)
    description = models.TextField("omschrijving", blank=True)
    active = models.BooleanField("actief", default=True)
    order = models.PositiveSmallIntegerField("volgorde", default=0)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "thema"
        verbose_name_plural = "thema's"

    def __str__(self) -> str:
        return self.name
