"""Retention of registrations: a set time after the event (core.privacy) the personal data of
its registrations is removed; domain, work municipality, status and attendance stay for the
counts (monitor, balance), and the feedback rating stays without its free text."""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from ontmoetingen.core.audit import record
from ontmoetingen.core.avg import log_pseudonymise
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.models import AuditLog
from ontmoetingen.core.privacy import pseudonym, retention
from ontmoetingen.events import services
from ontmoetingen.events.models import Feedback, Registration, RegistrationStatus

ANONYMOUS_NAME = "Geanonimiseerd"
ANONYMOUS_DOMAIN = "@anoniem.invalid"
LOG_REPR = "Geanonimiseerde aanmelding"


def registrations_anonymise(*, now: datetime | None = None) -> int:
    """Anonymise the registrations of events that ended longer ago than the retention period.
    Idempotent; returns how many registrations were anonymised now."""
    cutoff = (now or timezone.now()) - retention()
    due = Registration.objects.filter(event__ends_at__lt=cutoff).exclude(
        email__endswith=ANONYMOUS_DOMAIN
    )
    with transaction.atomic():
        ids = list(due.values_list("pk", flat=True))
        return _anonymise(ids)


def _anonymise(ids: list[int]) -> int:
    """Remove the personal fields of these registrations (and their feedback's free text);
    domain, work municipality, status and attendance stay for the counts."""
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
    # the log named the person ("Vera de Vries — Bijeenkomst") and may hold old values
    AuditLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id__in=[str(pk) for pk in ids],
    ).update(object_repr=LOG_REPR, changes={})
    return len(ids)


def registrations_of_person(*, email: str, user=None):
    """Every registration (not yet anonymised) made with this address or by this account."""
    match = Q(email__iexact=email)
    if user is not None:
        match |= Q(user=user) | Q(added_by=user)
    return Registration.objects.filter(match).exclude(email__endswith=ANONYMOUS_DOMAIN)


def registrations_erase_for(*, email: str, user=None) -> int:
    """Anonymise every registration of a person now (an AVG request, account deletion); the
    caller holds the transaction. Upcoming places are cancelled first so the waiting list moves."""
    registrations = list(registrations_of_person(email=email, user=user))
    for registration in registrations:
        _cancel_if_upcoming(registration)
    return _anonymise([registration.pk for registration in registrations])


def registration_erase(*, registration_id: int) -> None:
    """The registrant erases their own registration through the signed link: an upcoming
    place is given up (the waiting list moves up) and the personal fields are removed at once;
    the log keeps only a pseudonym."""
    with transaction.atomic():
        registration = Registration.objects.select_related("event").get(pk=registration_id)
        if registration.email.endswith(ANONYMOUS_DOMAIN):
            raise ServiceError("Deze gegevens zijn al gewist.", code="erased")
        email, name = registration.email, registration.name
        _cancel_if_upcoming(registration)
        _anonymise([registration.pk])
        log_pseudonymise(email=email, names=(name,))
        registration.refresh_from_db()
        record(
            registration,
            "Gegevens gewist door de deelnemer",
            changes={"deelnemer": pseudonym(email)},
        )


def _cancel_if_upcoming(registration: Registration) -> None:
    if registration.status != RegistrationStatus.CANCELLED and registration.event.ends_at > (
        timezone.now()
    ):
        services.registration_cancel(registration_id=registration.pk, notify=False)


def is_anonymised(registration: Registration) -> bool:
    return registration.email.endswith(ANONYMOUS_DOMAIN)
