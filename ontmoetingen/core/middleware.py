import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import OperationalError
from django.http import QueryDict
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from ontmoetingen.core.errors import BusyError, is_lock_error
from ontmoetingen.core.http import declared_length
from ontmoetingen.core.ratelimit import RateLimited

logger = logging.getLogger(__name__)


class BusyDatabaseMiddleware:
    """A lock held too long becomes a friendly 503 "druk, probeer het zo opnieuw" page, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BusyError) or (
            isinstance(exception, OperationalError) and is_lock_error(exception)
        ):
            logger.warning("Database bezet bij %s: %s", request.path, exception)
            response = render(request, "busy.html", status=503)
            response["Retry-After"] = "5"
            return response
        return None


class RateLimitMiddleware:
    """A reached abuse limit (core.ratelimit.RateLimited) becomes the friendly 429 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RateLimited):
            return None
        logger.warning("Limiet %s bereikt bij %s", exception.rule, request.path)
        response = render(request, "rate_limited.html", {"message": exception.message}, status=429)
        response["Retry-After"] = str(exception.retry_after)
        return response


class RequestSizeMiddleware:
    """Refuse a request body larger than its view accepts (``core.http.max_body``) or than
    ``MAX_REQUEST_BODY_BYTES``, from the declared length, before the body is read. Sits before
    CsrfViewMiddleware, whose check would parse the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        limit = getattr(view_func, "max_body_bytes", None) or settings.MAX_REQUEST_BODY_BYTES
        if declared_length(request) <= limit:
            return None
        logger.warning("Te groot verzoek bij %s: %s bytes", request.path, declared_length(request))
        megabytes = max(1, limit // (1024 * 1024))
        return render(
            request,
            "error.html",
            {
                "title": "Dit is te groot",
                "text": (
                    f"Wat u verstuurde is groter dan {megabytes} MB en is niet opgeslagen. Kies "
                    "een kleiner bestand (een PDF kunt u vaak kleiner maken door hem opnieuw te "
                    "exporteren) en probeer het opnieuw."
                ),
            },
            status=413,
        )


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _without_nul(data: QueryDict) -> QueryDict:
    if not any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists()):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
    cleaned._mutable = False
    return cleaned


class NulByteMiddleware:
    """Strip NUL characters from the query string and form data before any view sees them.

    PostgreSQL refuses text with NUL (a 500 where SQLite stored it); no person types one.
    Runs in process_view, after RequestSizeMiddleware, so an oversized body is refused unread.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get(
            "QUERY_STRING", ""
        ):
            request.GET = _without_nul(request.GET)
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            request.POST = _without_nul(request.POST)


class NoStoreMiddleware:
    """Pages and exports that may show personal data are never stored by a browser or proxy:
    every response to a logged-in person, and the pages behind personal links
    (``NO_STORE_PATH_PREFIXES``: registration and question status links) get
    ``Cache-Control: private, no-store``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = (user is not None and user.is_authenticated) or request.path.startswith(
            tuple(settings.NO_STORE_PATH_PREFIXES)
        )
        if personal:
            patch_cache_control(response, private=True, no_store=True)
        return response


IDLE_KEY = "last_activity"


class IdleTimeoutMiddleware:
    """Log out the project team, coordinators and staff after ``SESSION_IDLE_TIMEOUT`` seconds
    without a request (they see and change other people's data; a forgotten browser on a shared
    computer should not stay open for the 14 days a session lasts). Others keep the long session.
    The session is written at most once a minute for this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and _needs_idle_timeout(user):
            now = int(time.time())
            last = request.session.get(IDLE_KEY, now)
            if now - last > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    "U was een tijd niet actief en bent voor de veiligheid uitgelogd. "
                    "Log opnieuw in om verder te gaan.",
                )
                return redirect_to_login(request.get_full_path())
            if now - last >= 60 or IDLE_KEY not in request.session:
                request.session[IDLE_KEY] = now
        return self.get_response(request)


IDLE_TIMEOUT_ROLES = ("projectteam", "coordinator")  # accounts.roles.Role values


def _needs_idle_timeout(user) -> bool:
    # the user model's own methods (core does not import the accounts area)
    return user.is_staff or user.is_superuser or any(map(user.has_role, IDLE_TIMEOUT_ROLES))


def mark_activity_at_login(sender, request, user, **kwargs):
    """user_logged_in: the idle clock starts at login (no extra session write later)."""
    if request is not None and hasattr(request, "session"):
        request.session[IDLE_KEY] = int(time.time())
