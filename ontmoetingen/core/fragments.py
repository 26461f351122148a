"""Rendered parts of pages, cached under the data versions of the areas they read
(docs/caching.md).

For every visitor, logged in or not, and also with the full-page cache off: the heavy part of a
page is rendered once per data version and then assembled into the page around the parts that
are per request (the base layout with the account menu, the CSRF token and the CSP nonce).
Two ways in, one store:

- ``cached_html(request, render=..., vary=...)``: the body of a whole page (the monitor's map,
  figures and tables; the list of 342 municipalities; one municipality; the home page's
  sections), keyed by the page's URL name and time bucket, under the areas that page reads
  (``pagecache.PAGES``).
- ``cached_pieces({name: render, ...}, areas=..., vary=..., period=...)``: several pieces of a
  list page (filter form, results, facets) in one read, with ``period`` the seconds after which
  a piece may change without a write (a day for "updated more than a year ago", a quarter of an
  hour for registration windows); ``cached_piece`` for one.

- The key: the name, ``vary`` (what else the HTML depends on: the query string, a role such as
  "may see the outreach link" — never a person), the time bucket and the versions of the areas.
  A write in one of those areas gives a new key on the next request.
- Stored in the shared cache and kept in a per-process memo (``core.memo``): the keys carry the
  versions, so the memo cannot serve stale HTML.
- Never stored: HTML that holds this response's CSP nonce or a CSRF token (it would hand one
  visitor's token to another); it is then simply rendered every time.
- Bypassed while this connection has uncommitted writes to one of the areas (it must see its
  own write, ``versions.is_dirty``) and when ``FRAGMENT_CACHE_ENABLED`` is off.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render as render_page
from django.utils.safestring import SafeString, mark_safe

from ontmoetingen.core import pagecache, versions
from ontmoetingen.core.memo import LocalMemo

KEY_PREFIX = "frag:"
DEFAULT_TIMEOUT = 24 * 60 * 60
DAY = 24 * 60 * 60
CSRF_FIELD = "csrfmiddlewaretoken"

memo = LocalMemo()


def enabled() -> bool:
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True)


def _timeout() -> int:
    return getattr(settings, "FRAGMENT_CACHE_TIMEOUT", DEFAULT_TIMEOUT)


def period_bucket(seconds: int) -> str:
    """The current period of this many seconds, in local days (a day starts at midnight)."""
    if not seconds:
        return ""
    if seconds >= DAY:
        return time.strftime("%Y-%m-%d", time.localtime())
    return str(int(time.time()) // seconds)


def _key(name: str, vary: Iterable, bucket: str, area_versions: dict[str, str]) -> str:
    parts = [
        name,
        bucket,
        *(repr(part) for part in vary),
        *(f"{area}={token}" for area, token in sorted(area_versions.items())),
    ]
    return KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _shareable(request, html: str) -> bool:
    nonce = getattr(request, "_csp_nonce", None)  # set only when the render used one
    if isinstance(nonce, str) and nonce and nonce in html:
        return False
    return CSRF_FIELD not in html


def _current_versions(request, areas: tuple[str, ...]) -> dict[str, str] | None:
    """The versions of ``areas``, or None when the cache must be bypassed."""
    if not enabled() or not areas or versions.is_dirty(areas):
        return None
    if request is None:
        return versions.current(areas)
    return versions.current_for(request, areas)


def _lookup(keys: list[str]) -> dict[str, object]:
    """What the memo or the shared cache holds for ``keys`` (one read of the shared cache)."""
    found = {}
    for key in keys:
        value = memo.get(key)
        if value is not None:
            found[key] = value
    missing = [key for key in keys if key not in found]
    if missing:
        for key, value in cache.get_many(missing).items():
            memo.set(key, value, len(value) if isinstance(value, str) else 1024)
            found[key] = value
    return found


def cached_pieces(
    pieces: dict[str, Callable[[], str]],
    *,
    areas: Iterable[str],
    vary: Iterable = (),
    period: int = 0,
    request=None,
    bucket: str | None = None,
) -> dict[str, SafeString]:
    """The HTML of each ``render()`` in ``pieces`` (name -> render), stored under the versions
    of ``areas``: one read of the versions and one of the cache for all of them. Pieces are
    rendered in the order given, only those not found."""
    area_versions = _current_versions(request, tuple(areas))
    if area_versions is None:
        # the template engine escaped what it rendered
        return {name: mark_safe(render()) for name, render in pieces.items()}
    bucket = period_bucket(period) if bucket is None else bucket
    vary = tuple(vary)
    keys = {name: _key(name, vary, bucket, area_versions) for name in pieces}
    found = _lookup(list(keys.values()))
    new = {}
    html = {}
    for name, render in pieces.items():
        stored = found.get(keys[name])
        if stored is None:
            stored = str(render())
            if _shareable(request, stored):
                new[keys[name]] = stored
        html[name] = mark_safe(stored)  # stored from a rendered template
    if new:
        cache.set_many(new, _timeout())
        for key, value in new.items():
            memo.set(key, value, len(value))
    return html


def cached_piece(
    name: str,
    *,
    areas: Iterable[str],
    render: Callable[[], str],
    vary: Iterable = (),
    period: int = 0,
) -> SafeString:
    """One piece (see ``cached_pieces``)."""
    return cached_pieces({name: render}, areas=areas, vary=vary, period=period)[name]


def list_page(
    request,
    *,
    name: str,
    areas: Iterable[str],
    filters: Callable[[], str],
    results: Callable[[], str],
    template: str,
    context: dict,
    period: int = 0,
) -> HttpResponse:
    """A list page whose filter form and results are cached pieces under the query string: an
    htmx request gets the results piece alone, a full request ``template`` with
    ``filters_html`` and ``results_html`` added to ``context``."""
    pieces = {"results": results} if request.htmx else {"filters": filters, "results": results}
    vary = (name, request.GET.urlencode())
    html = cached_pieces(pieces, areas=areas, vary=vary, period=period)
    if request.htmx:
        return HttpResponse(html["results"])
    context = {**context, "filters_html": html["filters"], "results_html": html["results"]}
    return render_page(request, template, context)


def cached_html(
    request,
    *,
    render: Callable[[], str],
    vary: Iterable = (),
    name: str | None = None,
    areas: Iterable[str] | None = None,
) -> SafeString:
    """The body of the page ``render()`` returns, from the cache when its data did not change.

    ``name`` defaults to the page's URL name, ``areas`` to the areas that page reads."""
    name = name or request.resolver_match.view_name
    page_areas = tuple(areas) if areas is not None else pagecache.areas_of(name)
    return cached_pieces(
        {name: render},
        areas=page_areas,
        vary=vary,
        request=request,
        bucket=pagecache.time_bucket(name),
    )[name]


def cached_value(
    request,
    name: str,
    *,
    areas: Iterable[str],
    compute: Callable[[], object],
    size: int,
    vary: Iterable = (),
    shared: bool = True,
):
    """A value computed from the data of ``areas`` (picklable, never personal), kept like a
    fragment: e.g. the names of all municipalities by code. ``size``: its rough size in bytes
    for the per-process memo; ``vary``: what else the value depends on (an event's slug);
    ``shared=False`` keeps it in this process only (a value read by a submit, which must not
    write to the database cache: that write could queue behind the event lock). Every caller
    gets the same object back: copy it before changing it."""
    area_versions = _current_versions(request, tuple(areas))
    if area_versions is None:
        return compute()
    key = _key(name, vary, pagecache.time_bucket(name), area_versions)
    value = memo.get(key)
    if value is None:
        value = cache.get(key) if shared else None
        if value is None:
            value = compute()
            if shared:
                cache.set(key, value, _timeout())
        memo.set(key, value, size)
    return value
