"""What the monitor contributes to other pages (see core/registry.py and apps.py)."""

from ontmoetingen.monitor import selectors
from ontmoetingen.monitor.maps import status_map_shapes


def home_section(request) -> dict:
    """The home page: the small map of today's coalition status per municipality."""
    context = selectors.home_map()
    context["shapes"] = status_map_shapes(context["rows"], prefix="home", links=False)
    return context
