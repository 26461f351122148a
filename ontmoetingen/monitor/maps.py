"""The municipality shapes of the status map as SVG markup.

Built in Python rather than in a template loop: 342 shapes with a link, an accessible name and
a tooltip each are the bulk of the monitor page, and the template engine took most of the
request time drawing them. Every value is escaped.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ontmoetingen.monitor.snapshot import MunicipalityRow


def status_map_shapes(rows: list[MunicipalityRow], *, prefix: str, links: bool) -> SafeString:
    """One filled path per municipality (fill: the status pattern ``#<prefix>-<status>``).

    With ``links`` each shape is a link to the municipality's page named "<name>: <status>"
    (aria-label, and a <title> as tooltip); without, plain shapes for a picture (role="img").
    """
    parts = []
    for row in rows:
        path = f'<path d="{escape(row.shape)}" fill="url(#{prefix}-{row.status})"'
        if links:
            label = escape(f"{row.name}: {row.status_label}")
            parts.append(
                f'<a href="{escape(row.url)}" aria-label="{label}">'
                f"{path}><title>{label}</title></path></a>"
            )
        else:
            parts.append(f"{path}/>")
    return mark_safe("".join(parts))
