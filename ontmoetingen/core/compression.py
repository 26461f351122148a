"""Compression of the HTML pages.

Django's GZipMiddleware, limited to HTML: the pages are what is big (the monitor's map is
~150 kB, ~25 kB compressed). Static files are compressed ahead of time and served by WhiteNoise;
the JSON API and the downloads (CSV, XLSX, iCalendar) are left as they are, so every client and
the API's schema checks read them without decoding, and a reverse proxy may compress them.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = ("text/html",)


class HtmlGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)
