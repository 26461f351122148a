from django import template

from ontmoetingen.regions.selectors import country_map

register = template.Library()


@register.inclusion_tag("regions/partials/_province_map.html")
def province_map() -> dict:
    """The country by province; each province a link to its municipalities."""
    data = country_map()
    return {"provinces": data.background, "viewbox": data.viewbox}
