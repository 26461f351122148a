"""Markdown for texts written on the platform: rendered, sanitised, glossary terms marked."""

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

from ontmoetingen.core import registry

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def _shift_headings(html: str) -> str:
    # Authors write "# Kop"; on a page the title is the h1, so text headings start at h2.
    for level in range(5, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(
            f"</h{level}>", f"</h{level + 1}>"
        )
    return html


def render_markdown(text: str, *, mark_terms: bool = True) -> SafeString:
    """Markdown → safe HTML. Known glossary terms are marked when the glossary is installed."""
    if not text:
        return mark_safe("")
    html = md.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    html = _shift_headings(html)
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    if mark_terms:
        for marker in registry.text_markers():
            html = marker(html)
    return mark_safe(html)
