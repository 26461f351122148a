"""One log line per request, with a request id shared by the proxy, the app server and the logs.

The id comes from the ``X-Request-ID`` header when the reverse proxy (or a client) sent a
well-formed one, otherwise it is generated; it is echoed in the response's ``X-Request-ID`` and
attached to every log record written while the request is handled (``core.logs``).
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.conf import settings

from ontmoetingen.core.logs import request_id

logger = logging.getLogger("ontmoetingen.requests")

# Letters, digits and a few separators, at most 128: nothing a log line could be forged with.
VALID_ID = re.compile(r"^[A-Za-z0-9._:@+=/-]{1,128}$")


def incoming_id(request) -> str:
    value = request.META.get("HTTP_X_REQUEST_ID", "")
    return value if VALID_ID.match(value) else uuid.uuid4().hex


def loggable_path(path: str) -> str:
    """The path without its personal part: pages behind personal links (tokens in the URL) are
    logged by their prefix only."""
    for prefix in settings.NO_STORE_PATH_PREFIXES:
        if path.startswith(prefix) and len(path) > len(prefix):
            return prefix + "…"
    return path


class RequestLogMiddleware:
    """First in MIDDLEWARE, so the line covers everything after it (static files included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = incoming_id(request)
        request.request_id = rid
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            user = getattr(request, "user", None)
            # the proxy's health checks (every second per server) only when something is wrong
            quiet = request.path == "/healthz" and response.status_code == 200
            logger.log(
                logging.DEBUG if quiet else logging.INFO,
                "%s %s %s",
                request.method,
                loggable_path(request.path),
                response.status_code,
                extra={
                    "method": request.method,
                    "path": loggable_path(request.path),
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id.reset(token)
