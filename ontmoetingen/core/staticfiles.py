"""Static files under hashed names, compressed, served by WhiteNoise with immutable headers.

``collectstatic`` (run by ``ontmoetingen demo``, ``ontmoetingen cluster``, the compose set-up and
bench/pages.py) copies every file to ``STATIC_ROOT`` under a name with a hash of its content
(``site.3f2a9c0d1b2e.css``), writes ``staticfiles.json`` (source name -> hashed name) and a
gzip and brotli copy of each compressible file. ``{% static %}`` then links the hashed name, and
WhiteNoise answers it with ``Cache-Control: max-age=315360000, public, immutable``: a browser
never asks again, and a new release links new names.
"""

from __future__ import annotations

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's manifest storage; without a manifest (``collectstatic`` never ran in this
    data directory) links the plain names instead of failing every page with a 500."""

    def stored_name(self, name: str) -> str:
        if not self.hashed_files:
            if not getattr(self, "_warned", False):
                self._warned = True
                logger.warning(
                    "Geen staticfiles.json in %s: draai 'ontmoetingen collectstatic'", self.location
                )
            return name
        return super().stored_name(name)
