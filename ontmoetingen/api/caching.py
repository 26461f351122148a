"""Conditional GETs for the API: a strong ETag over the body, 304 on a matching If-None-Match,
and Cache-Control (public for anonymous reads, private when a token was sent)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags, quote_etag

DEFAULT_MAX_AGE = 60
CACHED_METHODS = ("GET", "HEAD")


def max_age() -> int:
    return int(getattr(settings, "API_CACHE_MAX_AGE", DEFAULT_MAX_AGE))


def etag_for(content: bytes) -> str:
    return quote_etag(hashlib.sha256(content).hexdigest()[:32])


def _matches(request, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    wanted = parse_etags(header)
    plain = etag.removeprefix("W/")
    return "*" in wanted or any(tag.removeprefix("W/") == plain for tag in wanted)


def conditional(request, response: HttpResponse, *, anonymous: bool) -> HttpResponse:
    """Add the caching headers to a successful read, or answer 304 when the client has it."""
    if request.method not in CACHED_METHODS or response.status_code != 200:
        if request.method not in CACHED_METHODS:
            response["Cache-Control"] = "no-store"
        return response
    etag = etag_for(response.content)
    cache_control = f"public, max-age={max_age()}" if anonymous else "private, no-cache"
    if _matches(request, etag):
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = etag
        not_modified["Cache-Control"] = cache_control
        not_modified["Vary"] = "Authorization"
        return not_modified
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    response["Vary"] = "Authorization"
    return response
