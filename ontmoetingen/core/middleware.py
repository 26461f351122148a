import logging

from django.db import OperationalError
from django.shortcuts import render

from ontmoetingen.core.errors import BusyError, is_lock_error

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
