"""Full-page cache for anonymous visitors, keyed by the data versions of the areas a page reads.

See docs/caching.md. In short:

- Only the pages in ``PAGES`` (URL name -> the areas it reads), only GET/HEAD, only for a
  request without a session or messages cookie (no login, no pending message) and not from htmx.
- A page is stored only when rendering it set no cookie (a form with a CSRF token does), queued
  or showed no message and wrote nothing to the session; only 200 responses with HTML.
- The key holds the path and query string, the versions of the page's areas (core.versions)
  and the current day (pages that show "upcoming" depend on the date; the agenda on the quarter
  hour). A write in an area changes its version after the commit, so the next request renders
  the page anew; copies under old versions simply expire.
- CSP nonces: the page is stored with the nonce it was rendered with replaced by a placeholder,
  and every response from the cache gets a fresh nonce from django-csp (which puts the same one
  in the Content-Security-Policy header). No two responses share a nonce.
- Browsers and proxies: a weak ETag over the key, Last-Modified from the latest version change,
  ``Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE, must-revalidate`` and ``Vary: Cookie,
  HX-Request``; a matching If-None-Match (or If-Modified-Since) gets 304 without rendering.

Two middleware: ``PageCacheMiddleware`` sits last in MIDDLEWARE (it stores pages, and serves
them the first time in a process, with every middleware adding its headers);
``EarlyPageCacheMiddleware`` sits right after the compression middleware and serves the pages
this process has seen once, replaying the headers the skipped middleware added then.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from ontmoetingen.core import versions
from ontmoetingen.core.memo import LocalMemo

ALL = ("*",)
# URL name -> areas whose data the page shows ("*": every area, for pages built from sections
# other areas contribute). Pages with a form for anonymous visitors need not be left out: they
# set the CSRF cookie and are then never stored.
PAGES: dict[str, tuple[str, ...]] = {
    "core:home": ALL,
    "core:about": ("core",),
    "core:privacy": ("core",),
    "core:accessibility": ("core",),
    "monitor:index": ("coalitions", "regions", "directory", "events", "core"),
    "monitor:table": ("coalitions", "regions", "directory", "core"),
    "coalitions:list": ("coalitions", "regions", "directory", "core"),
    "coalitions:detail": ALL,
    "regions:list": ("regions", "coalitions"),
    "regions:detail": ALL,
    "directory:list": ("directory", "regions", "coalitions", "core"),
    "directory:detail": ALL,
    "events:list": ("events", "regions", "core", "glossary"),
    "events:detail": ("events", "regions", "core", "glossary", "directory", "toolkit"),
    "toolkit:list": ("toolkit", "core", "regions"),
    "toolkit:detail": ("toolkit", "core", "regions", "glossary", "accounts"),
    "toolkit:side_by_side": ("toolkit", "core", "regions", "glossary", "accounts"),
    "glossary:list": ("glossary",),
    "glossary:detail": ("glossary", "toolkit"),
    "questions:faq": ("questions", "core", "glossary"),
    "questions:faq_detail": ("questions", "core", "glossary"),
}
# Pages whose content changes with the clock within a day (registration windows open and close).
SHORT_BUCKET_SECONDS = 15 * 60
SHORT_BUCKET_PAGES = frozenset({"events:list", "events:detail", "core:home"})
NONCE_PLACEHOLDER = "__KO_CSP_NONCE__"
KEY_PREFIX = "page:"
DEFAULT_TIMEOUT = 24 * 60 * 60
DEFAULT_MAX_AGE = 30
CACHED_METHODS = ("GET", "HEAD")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# gzip member header (no name, no time) and an empty final deflate block
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
FINAL_BLOCK = b"\x03\x00"

# headers a response from the cache sets itself (or that differ per response)
OWN_HEADERS = frozenset(
    {
        "content-type",
        "content-length",
        "content-encoding",
        "etag",
        "last-modified",
        "cache-control",
        "x-page-cache",
        "set-cookie",
        "content-security-policy",
        "content-security-policy-report-only",
        "date",
        "x-request-id",
    }
)

memo = LocalMemo()


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def areas_of(url_name: str) -> tuple[str, ...] | None:
    page_areas = PAGES.get(url_name)
    if page_areas == ALL:
        return tuple(versions.areas())
    return page_areas


def _eligible_request(request) -> bool:
    cookies = request.COOKIES
    return (
        request.method in CACHED_METHODS
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and not request.headers.get("HX-Request")
    )


def time_bucket(url_name: str) -> str:
    now = timezone.localtime()
    if url_name in SHORT_BUCKET_PAGES:
        minute = now.hour * 60 + now.minute
        return f"{now.date().isoformat()}T{minute // (SHORT_BUCKET_SECONDS // 60)}"
    return now.date().isoformat()


def _key(request, url_name: str, page_versions: dict[str, str]) -> str:
    parts = [
        request.get_full_path(),
        url_name,
        time_bucket(url_name),
        *(f"{name}={token}" for name, token in sorted(page_versions.items())),
    ]
    return KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _etag(key: str) -> str:
    # weak: the bytes differ per response (the nonce), the content does not
    return f'W/"{key.removeprefix(KEY_PREFIX)[:32]}"'


def _not_modified(request, etag: str, last_modified: int) -> bool:
    header = request.headers.get("If-None-Match")
    if header:
        wanted = [tag.removeprefix("W/") for tag in parse_etags(header)]
        return "*" in wanted or etag.removeprefix("W/") in wanted
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified and last_modified <= since


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token
        return False
    if "Cache-Control" in response and "no-store" in response["Cache-Control"]:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    storage = getattr(request, "_messages", None)
    return not (storage is not None and len(storage))


def _nonce(request) -> str:
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


def _headers(response, etag: str, last_modified: int) -> None:
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    max_age = getattr(settings, "PAGE_CACHE_MAX_AGE", DEFAULT_MAX_AGE)
    response["Cache-Control"] = f"public, max-age={max_age}, must-revalidate"
    patch_vary_headers(response, ("Cookie", "HX-Request"))


def _deflate(data: bytes) -> bytes:
    """Raw deflate blocks of ``data``, ending on a byte boundary and not final (a sync flush):
    such pieces, each compressed on its own, can be put one after the other in one stream."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _stored_block(data: bytes) -> bytes:
    """``data`` as an uncompressed deflate block (up to 65,535 bytes; a nonce is ~24)."""
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


class StoredPage:
    """A stored page ready to serve: the body as bytes cut at the nonce placeholder, and (made
    on first use) each piece compressed on its own. A hit joins the pieces around the fresh
    nonce; a client that accepts gzip gets the compressed pieces joined around the nonce as an
    uncompressed block, so no hit compresses the page again. The nonce is never compressed
    together with the page, so the compressed size says nothing about it (BREACH)."""

    __slots__ = ("_deflated", "_length", "content_type", "headers", "pieces")

    def __init__(self, stored: dict):
        self.content_type = stored["content_type"]
        self.pieces = [piece.encode() for piece in stored["body"].split(NONCE_PLACEHOLDER)]
        self._length = sum(len(piece) for piece in self.pieces)
        self._deflated: list[bytes] | None = None
        # what the middleware between the early and the late page cache middleware add
        self.headers: tuple[tuple[str, str], ...] | None = None

    def learn_headers(self, response) -> None:
        self.headers = tuple(
            (name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS
        )

    def add_headers(self, response) -> None:
        for name, value in self.headers:
            if name.lower() == "vary":
                patch_vary_headers(response, [part.strip() for part in value.split(",")])
            elif name not in response:
                response[name] = value
        if not isinstance(response, HttpResponseNotModified):
            response["Content-Length"] = str(len(response.content))

    def body(self, nonce: bytes) -> bytes:
        return nonce.join(self.pieces)

    def gzipped(self, nonce: bytes) -> bytes:
        if self._deflated is None:
            self._deflated = [_deflate(piece) for piece in self.pieces]
        nonce_block = _stored_block(nonce)
        parts = [GZIP_HEADER, self._deflated[0]]
        crc = zlib.crc32(self.pieces[0])
        for piece, deflated in zip(self.pieces[1:], self._deflated[1:], strict=True):
            parts += (nonce_block, deflated)
            crc = zlib.crc32(piece, zlib.crc32(nonce, crc))
        size = self._length + len(nonce) * (len(self.pieces) - 1)
        parts += (FINAL_BLOCK, struct.pack("<II", crc, size & 0xFFFFFFFF))
        return b"".join(parts)

    def response(self, request) -> HttpResponse:
        # a fresh nonce per response; django-csp puts the same one in the header
        nonce = _nonce(request).encode() if len(self.pieces) > 1 else b""
        response = HttpResponse(content_type=self.content_type)
        patch_vary_headers(response, ("Accept-Encoding",))
        if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response.content = self.gzipped(nonce)
            response["Content-Encoding"] = "gzip"  # the compression middleware leaves it
        else:
            response.content = self.body(nonce)
        return response


class PageCacheMiddleware:
    """Serves and stores the pages in ``PAGES`` for anonymous visitors (see the module text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        pending = getattr(request, "_page_cache", None)
        if pending is not None and _storable(request, response):
            key, etag, last_modified = pending
            self._store(request, response, key)
            response["X-Page-Cache"] = "miss"
            _headers(response, etag, last_modified)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not _eligible_request(request):
            return None
        return _serve(request, match.view_name)

    def _store(self, request, response, key: str) -> None:
        body = response.content.decode(response.charset)
        nonce = getattr(request, "_csp_nonce", None)  # set only when the page used one
        if isinstance(nonce, str) and nonce:
            body = body.replace(nonce, NONCE_PLACEHOLDER)
        timeout = getattr(settings, "PAGE_CACHE_TIMEOUT", DEFAULT_TIMEOUT)
        stored = {"body": body, "content_type": response["Content-Type"]}
        cache.set(key, stored, timeout)
        memo.set(key, StoredPage(stored), len(body))


def _serve(request, url_name: str, *, early: bool = False) -> HttpResponse | None:
    """The response from the cache (or a 304) for an eligible request, or None: the view
    renders, and ``PageCacheMiddleware`` stores what it may share."""
    page_areas = areas_of(url_name)
    if page_areas is None or not enabled():
        return None
    if versions.is_dirty(page_areas):  # this connection wrote and has not committed yet
        return None
    page_versions = versions.current_for(request, page_areas)
    key = _key(request, url_name, page_versions)
    etag = _etag(key)
    last_modified = versions.changed_at(page_versions)
    stored = memo.get(key) if early else None
    if early and (stored is None or stored.headers is None):
        return None  # the whole stack answers, and the early middleware learns its headers
    if _not_modified(request, etag, last_modified):
        response = HttpResponseNotModified()
    else:
        stored = stored or _stored(key)
        if stored is None:
            # the view renders; PageCacheMiddleware.__call__ stores it if it may be shared
            request._page_cache = (key, etag, last_modified)
            return None
        response = stored.response(request)
        response["X-Page-Cache"] = "hit"
    if early:
        stored.add_headers(response)
    request._page_cache_key = key
    _headers(response, etag, last_modified)
    return response


class EarlyPageCacheMiddleware:
    """Serves a cached page before the middleware that has nothing to do for it.

    Sits right after the compression middleware: an anonymous GET without a session or messages
    cookie needs no session, CSRF check, user, second factor or messages, and the page in the
    cache needs no view. The headers those middleware add to such a page (X-Frame-Options,
    Content-Language, Vary, ...) are learnt from the first response for the page that went
    through the whole stack (a miss or a late hit in this process) and replayed; until then
    the request takes the whole stack. The middleware outside it (request log, security
    headers, CSP with the fresh nonce, compression) run as for any response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        url_name = _url_name(request) if _eligible_request(request) else None
        if url_name is not None:
            response = _serve(request, url_name, early=True)
            if response is not None:
                return response
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None) or _pending_key(request)
        if key is not None and response.status_code == 200 and not response.cookies:
            page = memo.get(key)
            if page is not None:
                page.learn_headers(response)
        return response


def _pending_key(request) -> str | None:
    pending = getattr(request, "_page_cache", None)
    return pending[0] if pending is not None else None


def _url_name(request) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def _stored(key: str) -> StoredPage | None:
    """The page stored under ``key``: from this process's memo, else from the shared cache."""
    page = memo.get(key)
    if page is None:
        stored = cache.get(key)
        if stored is None:
            return None
        page = StoredPage(stored)
        memo.set(key, page, len(stored["body"]))
    return page
