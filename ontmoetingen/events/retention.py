"""Retention of registrations: a set time after the event (core.privacy) the personal data of
its registrations is removed; domain, work municipality, status and attendance stay for the
counts (monitor, balance), and the feedback rating stays without its free text."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from ontmoetingen.core.privacy import retention
from ontmoetingen.events.models import Feedback, Registration

ANONYMOUS_NAME = "Geanonimiseerd"
ANONYMOUS_DOMAIN = "@anoniem.invalid"


def registrations_anonymise(*, now: datetime | None = None) -> int:
    """Anonymise the registrations of events that ended longer ago than the retention period.
    Idempotent; returns how many registrations were anonymised now."""
    cutoff = (now or timezone.now()) - retention()
    due = Registration.objects.filter(event__ends_at__lt=cutoff).exclude(
        email__endswith=ANONYMOUS_DOMAIN
    )
    with transaction.atomic():
        ids = list(due.values_list("pk", flat=True))
        if not ids:
            return 0
        Registration.objects.filter(pk__in=ids).update(
            name=ANONYMOUS_NAME,
            # unique per event: a made-up address per registration
            email=Concat(Value("anoniem-"), Cast("pk", CharField()), Value(ANONYMOUS_DOMAIN)),
            organisation="",
            role="",
            dietary="",
            accessibility="",
            answers={},
            user=None,
            added_by=None,
        )
        Feedback.objects.filter(registration_id__in=ids).update(useful="", next_themes_text="")
    return len(ids)
