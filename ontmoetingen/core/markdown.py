"""Markdown for texts written on the platform: rendered, sanitised, glossary terms marked.

The parser is markdown-it-py (CommonMark plus tables): it works in time linear in the text, so a
stored text built to be slow ("9,000 ``[``", deeply nested emphasis) costs no more than a normal
one of the same length. Raw HTML in a text is shown as text, never passed on; nh3 sanitises the
result anyway. Headings shift one level down (the page title is the h1).

The sanitised HTML of a text is cached under the hash of the text, per process and bounded (a
shared cache would cost a database round trip, more than rendering a text of the length forms
allow). The glossary marking runs on every render: the glossary changes independently.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

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

# The longest Markdown text a form accepts (coalition, event and toolkit texts alike).
MARKDOWN_MAX_LENGTH = 10_000

LOCAL_CACHE_SIZE = 2048
CACHE_VERSION = "1"  # change when the rendering changes

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.enable("table")
_parser.validateLink = lambda url: (
    url.strip().lower().startswith(("http:", "https:", "mailto:", "/", "#"))
)  # type: ignore[method-assign]

_local: OrderedDict[str, str] = OrderedDict()
_local_lock = threading.Lock()


def _shift_headings(html: str) -> str:
    # Authors write "# Kop"; on a page the title is the h1, so text headings start at h2.
    for level in range(5, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(
            f"</h{level}>", f"</h{level + 1}>"
        )
    return html


def to_safe_html(text: str) -> str:
    """Markdown → sanitised HTML, without the glossary marking and without caching."""
    html = _shift_headings(_parser.render(text))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def _remember(key: str, html: str) -> None:
    with _local_lock:
        _local[key] = html
        _local.move_to_end(key)
        while len(_local) > LOCAL_CACHE_SIZE:
            _local.popitem(last=False)


def _cached_safe_html(text: str) -> str:
    key = hashlib.sha256(f"{CACHE_VERSION}\0{text}".encode()).hexdigest()
    with _local_lock:
        html = _local.get(key)
    if html is None:
        html = to_safe_html(text)
        _remember(key, html)
    return html


def render_markdown(text: str, *, mark_terms: bool = True) -> SafeString:
    """Markdown → safe HTML. Known glossary terms are marked when the glossary is installed."""
    if not text:
        return mark_safe("")
    html = _cached_safe_html(text)
    if mark_terms:
        for marker in registry.text_markers():
            html = marker(html)
    return mark_safe(html)


# What an author can do in a text field rendered by ``render`` — said without jargon.
FORMATTING_HELP = (
    "Een kopje maakt u met # aan het begin van de regel, een lijst met een streepje aan het "
    "begin van elke regel, een link met [tekst](https://…), vet met **twee sterretjes** eromheen."
)
