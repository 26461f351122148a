"""Pieces of HTML cached under the data versions of the areas they read (docs/caching.md).

A list page renders its filter form and its results once per combination of query string and
data versions; every later request, anonymous or logged in, with the page cache on or off,
reuses the stored HTML and only renders the base layout around it. A write in one of the areas
gives it a new version (``core.versions``), so the next request renders the piece anew.

Only put HTML here that is the same for everyone: no CSRF token, no nonce, nothing that
depends on the person looking (the callers cache the public part of a page and render anything
personal outside it).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from ontmoetingen.core import versions

KEY_PREFIX = "frag:"
DEFAULT_TIMEOUT = 24 * 60 * 60
DAY = 24 * 60 * 60


def enabled() -> bool:
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True)


def _bucket(seconds: int) -> str:
    """The current period of this many seconds, in local days (a day starts at midnight)."""
    if seconds >= DAY:
        return time.strftime("%Y-%m-%d", time.localtime())
    return str(int(time.time()) // seconds)


def _key(name: str, vary: Iterable[str], period: int, area_versions: dict[str, str]) -> str:
    parts = [name, *vary, _bucket(period) if period else ""]
    parts += [f"{area}={token}" for area, token in sorted(area_versions.items())]
    return KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def cached_pieces(
    pieces: dict[str, Callable[[], str]],
    *,
    areas: Iterable[str],
    vary: Iterable[str] = (),
    period: int = 0,
) -> dict[str, SafeString]:
    """The HTML of each ``render()`` in ``pieces`` (name -> render), stored under the versions
    of ``areas``: one read of the versions and one of the cache for all of them.

    ``vary``: what else the HTML depends on (the query string); ``period``: seconds after which
    it may change without a write (a day for "updated more than a year ago", a quarter of an
    hour for registration windows). The connection that wrote to one of the areas in a
    transaction not yet committed renders afresh (it must see its own write). Pieces are
    rendered in the order given, only those not found."""
    areas = tuple(areas)
    if not enabled() or versions.is_dirty(areas):
        # the template engine escaped what it rendered
        return {name: mark_safe(render()) for name, render in pieces.items()}
    area_versions = versions.current(areas)
    vary = tuple(vary)
    keys = {name: _key(name, vary, period, area_versions) for name in pieces}
    found = cache.get_many(list(keys.values()))
    missing = {}
    html = {}
    for name, render in pieces.items():
        stored = found.get(keys[name])
        if stored is None:
            stored = missing[keys[name]] = str(render())
        html[name] = mark_safe(stored)  # stored from a rendered template
    if missing:
        cache.set_many(missing, getattr(settings, "FRAGMENT_CACHE_TIMEOUT", DEFAULT_TIMEOUT))
    return html


def cached_html(
    name: str,
    *,
    areas: Iterable[str],
    render: Callable[[], str],
    vary: Iterable[str] = (),
    period: int = 0,
) -> SafeString:
    """One piece (see ``cached_pieces``)."""
    return cached_pieces({name: render}, areas=areas, vary=vary, period=period)[name]
