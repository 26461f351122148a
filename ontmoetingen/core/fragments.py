"""Rendered parts of pages, cached under the data versions of the areas they read.

For every visitor, logged in or not, and also with the full-page cache off: the heavy part of a
page (the monitor's map, figures and tables; the list of 342 municipalities with the province
map; one municipality's maps and sections; the home page's sections) is rendered once per data
version and then assembled into the page around the parts that are per request (the base layout
with the account menu, the CSRF token and the CSP nonce).

    content = fragments.cached_html(request, render=lambda: render_to_string(...), vary=(...,))

- The key: the page's URL name, ``vary`` (what else the fragment depends on: a query parameter,
  a role such as "may see the outreach link" — never a person), the page's time bucket (the day;
  the home page a quarter hour) and the versions of the areas the page reads
  (``pagecache.PAGES``). A write in one of those areas gives a new key on the next request.
- Stored in the shared cache and kept in a per-process memo (``core.memo``); the versions are
  read from the shared cache for every request (one ``get_many``).
- Never stored: a fragment that holds this response's CSP nonce or a CSRF token (it would hand
  one visitor's token to another); it is then simply rendered every time.
- Bypassed while this connection has uncommitted writes to one of the areas (``versions.is_dirty``)
  and when ``FRAGMENT_CACHE_ENABLED`` is off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from ontmoetingen.core import pagecache, versions
from ontmoetingen.core.memo import LocalMemo

KEY_PREFIX = "frag:"
DEFAULT_TIMEOUT = 24 * 60 * 60
CSRF_FIELD = "csrfmiddlewaretoken"

memo = LocalMemo()


def enabled() -> bool:
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True)


def _key(name: str, vary: Iterable, bucket: str, page_versions: dict[str, str]) -> str:
    parts = [
        name,
        bucket,
        *(repr(part) for part in vary),
        *(f"{area}={token}" for area, token in sorted(page_versions.items())),
    ]
    return KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _shareable(request, html: str) -> bool:
    nonce = getattr(request, "_csp_nonce", None)  # set only when the render used one
    if isinstance(nonce, str) and nonce and nonce in html:
        return False
    return CSRF_FIELD not in html


def _current_key(request, name: str, vary: Iterable, page_areas: tuple[str, ...]) -> str | None:
    """The key under the current versions, or None when the cache must be bypassed."""
    if not enabled() or not page_areas or versions.is_dirty(page_areas):
        return None
    page_versions = versions.current_for(request, page_areas)
    return _key(name, vary, pagecache.time_bucket(name), page_versions)


def cached_html(
    request,
    *,
    render: Callable[[], str],
    vary: Iterable = (),
    name: str | None = None,
    areas: Iterable[str] | None = None,
) -> SafeString:
    """The fragment ``render()`` returns, from the cache when its data did not change.

    ``name`` defaults to the page's URL name, ``areas`` to the areas that page reads."""
    name = name or request.resolver_match.view_name
    page_areas = tuple(areas) if areas is not None else pagecache.areas_of(name)
    key = _current_key(request, name, vary, page_areas)
    if key is None:
        return mark_safe(render())
    html = memo.get(key)
    if html is None:
        html = cache.get(key)
        if html is None:
            html = render()
            if not _shareable(request, html):
                return mark_safe(html)
            cache.set(key, html, getattr(settings, "FRAGMENT_CACHE_TIMEOUT", DEFAULT_TIMEOUT))
        memo.set(key, html, len(html))
    return mark_safe(html)


def cached_value(
    request, name: str, *, areas: Iterable[str], compute: Callable[[], object], size: int
):
    """A value computed from the data of ``areas`` (picklable, never personal), kept like a
    fragment: e.g. the names of all municipalities by code. ``size``: its rough size in bytes
    for the per-process memo."""
    key = _current_key(request, name, (), tuple(areas))
    if key is None:
        return compute()
    value = memo.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, getattr(settings, "FRAGMENT_CACHE_TIMEOUT", DEFAULT_TIMEOUT))
        memo.set(key, value, size)
    return value
