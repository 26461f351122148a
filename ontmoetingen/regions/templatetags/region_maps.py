from django import template

from ontmoetingen.regions.models import Province

register = template.Library()


@register.inclusion_tag("regions/partials/_province_map.html")
def province_map() -> dict:
    """The country by province; each province a link to its municipalities."""
    from ontmoetingen.regions.geometry import VIEWBOX

    provinces = Province.objects.filter(active=True).only("code", "name", "shape")
    return {"provinces": provinces, "viewbox": VIEWBOX}
