"""The site's URLs plus ``/bench/minimal``: the floor a page is compared against.

The minimal view runs through the same middleware stack as every page (sessions, CSP,
security headers) but does no query and renders no template.
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def minimal(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal), *site_urlpatterns]
