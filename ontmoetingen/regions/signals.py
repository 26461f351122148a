"""Signals the regions area sends; other areas connect to them in their AppConfig.ready."""

from django.dispatch import Signal

# Sent by ``regions_load`` after municipalities merged, with ``merged``: {old code: successor
# code} and ``year``. Areas that refer to municipalities carry their references over.
municipalities_merged = Signal()
