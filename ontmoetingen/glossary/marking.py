"""Mark known glossary terms in rendered HTML (core.markdown.render_markdown calls mark_terms).

Rules: the first occurrence of each term (or its abbreviation or a synonym) in a text, matched
case-insensitively on whole words, becomes a link to the term's page with its short definition
in an ``<abbr>`` or ``<dfn>`` title, so it works without JavaScript. Text inside links, headings,
code and existing ``abbr``/``dfn`` is left alone.

Speed without rescanning the glossary: the list of surfaces is built once per *version* and
kept in the shared Django cache; the version is a random token in the cache that every change
to a term replaces (signals), so all processes see the change. Each thread keeps the compiled
pattern for the version it last saw (a pure function of shared data, never the source of
truth), and during a request the version is read from the cache only once.
"""

from __future__ import annotations

import re
import threading
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from ontmoetingen.glossary.models import Term

VERSION_KEY = "glossary:marking:version"
ENTRIES_KEY = "glossary:marking:entries:{version}"
ENTRIES_TIMEOUT = 7 * 24 * 3600
MIN_SURFACE_LENGTH = 2

# Tags whose text is never marked (their content is already a link, a heading, code, ...).
SKIP_TAGS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "abbr", "dfn", "script", "style"}
    | {"button", "label", "option", "textarea", "title", "kbd", "samp"}
)
VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"})
TAG_RE = re.compile(r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
TAG_NAME_RE = re.compile(r"<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9]*)")

_local = threading.local()


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern
    lookup: dict[str, tuple[str, str, str, bool]]  # surface → (slug, url, title, is_abbreviation)


def _entries_from_database() -> list[tuple[str, str, str, str, bool]]:
    """(surface, slug, url, title, is_abbreviation) for every term, abbreviation and synonym."""
    entries = []
    for term in Term.objects.only("term", "slug", "abbreviation", "definition", "synonyms"):
        url = reverse("glossary:detail", args=[term.slug])
        short = term.short_definition
        entries.append((term.term, term.slug, url, short, False))
        if term.abbreviation:
            entries.append((term.abbreviation, term.slug, url, f"{term.term}: {short}", True))
        entries.extend((synonym, term.slug, url, short, False) for synonym in term.synonym_list)
    return entries


def current_version() -> str:
    version = getattr(_local, "request_version", None)
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    if getattr(_local, "in_request", False):
        _local.request_version = version
    return version


def invalidate() -> None:
    """A term changed: every process builds its matcher anew on its next use."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    _local.request_version = None
    _local.matcher = None


def begin_request() -> None:
    _local.in_request = True
    _local.request_version = None


def end_request() -> None:
    _local.in_request = False
    _local.request_version = None


def _compile(entries: list) -> Matcher | None:
    lookup: dict[str, tuple[str, str, str, bool]] = {}
    for surface, slug, url, title, is_abbreviation in entries:
        key = surface.strip().casefold()
        if len(key) >= MIN_SURFACE_LENGTH and key not in lookup:
            lookup[key] = (slug, url, title, is_abbreviation)
    if not lookup:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(lookup, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w&#])(?:{alternatives})(?!\w)", re.IGNORECASE)
    return Matcher(pattern=pattern, lookup=lookup)


def get_matcher() -> Matcher | None:
    version = current_version()
    cached = getattr(_local, "matcher", None)
    if cached is not None and cached[0] == version:
        return cached[1]
    key = ENTRIES_KEY.format(version=version)
    entries = cache.get(key)
    if entries is None:
        entries = _entries_from_database()
        cache.set(key, entries, ENTRIES_TIMEOUT)
    matcher = _compile(entries)
    _local.matcher = (version, matcher)
    return matcher


def _mark_text(text: str, matcher: Matcher, seen: set[str]) -> str:
    def replace(match: re.Match) -> str:
        found = match.group(0)
        slug, url, title, is_abbreviation = matcher.lookup[found.casefold()]
        if slug in seen:
            return found
        seen.add(slug)
        tag = "abbr" if is_abbreviation else "dfn"
        return (
            f'<a href="{escape(url)}" class="term"><{tag} title="{escape(title)}">'
            f"{found}</{tag}></a>"
        )

    return matcher.pattern.sub(replace, text)


def mark_terms(html: str, *, exclude: set[str] | None = None) -> str:
    """Return ``html`` with the first occurrence of each glossary term marked (see module doc).

    ``exclude`` holds slugs not to mark (a term's own page does not link to itself).
    """
    if not html:
        return html
    matcher = get_matcher()
    if matcher is None:
        return html
    seen: set[str] = set(exclude or ())
    depth = 0
    skipping: list[str] = []
    out: list[str] = []
    position = 0
    for tag_match in TAG_RE.finditer(html):
        text = html[position : tag_match.start()]
        out.append(_mark_text(text, matcher, seen) if depth == 0 and text else text)
        tag = tag_match.group(0)
        name_match = TAG_NAME_RE.match(tag)
        if name_match:
            closing, name = name_match.group(1), name_match.group(2).lower()
            if name in SKIP_TAGS and name not in VOID_TAGS:
                if closing:
                    if name in skipping:
                        skipping.remove(name)
                        depth -= 1
                elif not tag.endswith("/>"):
                    skipping.append(name)
                    depth += 1
        out.append(tag)
        position = tag_match.end()
    tail = html[position:]
    out.append(_mark_text(tail, matcher, seen) if depth == 0 and tail else tail)
    return "".join(out)
