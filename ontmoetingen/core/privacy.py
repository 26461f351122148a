"""How long personal data is kept, said the same way everywhere it is promised and enforced.

``PERSONAL_DATA_RETENTION_DAYS`` (setting, default about six months) is the time after an event
at which its registrations are anonymised (the events area's periodic task); the consent text
on the registration form says the same period. Links in mails stop working after
``REGISTRATION_LINK_DAYS_AFTER_EVENT`` (default 30: long enough for the feedback request).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

LINK_EXPIRED = (
    "Deze link is verlopen: de bijeenkomst is voorbij. Heeft u nog een vraag over uw aanmelding? "
    "Neem contact op met het projectteam."
)


def retention() -> timedelta:
    return timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)


def retention_phrase(days: int | None = None) -> str:
    """The retention period in words: "6 maanden", "een jaar", "2 jaar", "90 dagen"."""
    days = settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days
    months = round(days / 30.44)
    if months >= 12 and months % 12 == 0:
        years = months // 12
        return "een jaar" if years == 1 else f"{years} jaar"
    if months >= 1 and abs(days - months * 30.44) <= 3:
        return "een maand" if months == 1 else f"{months} maanden"
    return f"{days} dagen"


def registration_retention_text() -> str:
    return (
        f"We bewaren uw gegevens tot {retention_phrase()} na de bijeenkomst. Daarna halen we uw "
        "naam, e-mailadres en andere gegevens weg; alleen uw domein en werkgemeente blijven over "
        "voor de tellingen."
    )


def link_expired(event_ends_at: datetime, *, now: datetime | None = None) -> bool:
    """Whether a registration link of an event that ended at ``event_ends_at`` has expired."""
    grace = timedelta(days=settings.REGISTRATION_LINK_DAYS_AFTER_EVENT)
    return (now or timezone.now()) > event_ends_at + grace


# --- The processing register (verwerkingsregister) -------------------------------------------
# Every area declares what personal data its models keep in ``ontmoetingen/<area>/processing.py``
# (``REGISTER``: a list of ``Processing``; ``NOT_PERSONAL``: fields that look personal but are
# not) and points its AppConfig at them (``processing_register``, ``not_personal``). The team's
# page /beheer/verwerkingen/ is generated from these lists, and a test refuses any model field
# that looks personal without a line in one of them.


class Basis:
    """The lawful bases of AVG article 6(1), as shown on the register page."""

    CONSENT = "Toestemming (AVG art. 6 lid 1 sub a)"
    CONTRACT = "Uitvoering van een overeenkomst (AVG art. 6 lid 1 sub b)"
    LEGAL_OBLIGATION = "Wettelijke verplichting (AVG art. 6 lid 1 sub c)"
    PUBLIC_TASK = "Taak van algemeen belang (AVG art. 6 lid 1 sub e)"
    LEGITIMATE_INTEREST = "Gerechtvaardigd belang (AVG art. 6 lid 1 sub f)"


@dataclass(frozen=True)
class Processing:
    """One line of the register: which fields of one model, why, on what basis, seen by whom,
    kept how long. ``kept`` is a text or a function returning one (for configurable periods).
    ``export`` is the place in /mijn/gegevens.json (``"<area>.<key>"``) where an account holder
    finds these data, or "" when they are not about the account holder (``export_note`` says
    why). ``special`` names fields that may hold special categories (health: AVG art. 9)."""

    model: type[models.Model]
    fields: tuple[str, ...]
    purpose: str
    basis: str
    seen_by: str
    kept: str | Callable[[], str]
    export: str = ""
    export_note: str = ""
    special: tuple[str, ...] = ()

    @property
    def kept_text(self) -> str:
        return self.kept() if callable(self.kept) else self.kept

    @property
    def label(self) -> str:
        return self.model._meta.label

    def field_labels(self) -> list[str]:
        return [str(self.model._meta.get_field(name).verbose_name) for name in self.fields]


@dataclass(frozen=True)
class NotPersonal:
    """Fields whose name looks personal but that hold no personal data, with the reason."""

    model: type[models.Model]
    fields: tuple[str, ...]
    reason: str


def registration_kept() -> str:
    return (
        f"Tot {retention_phrase()} na de bijeenkomst; daarna blijven alleen domein, werkgemeente "
        "en status over voor de tellingen."
    )


PERSONAL_NAME = re.compile(
    r"(^|_)(name|email|phone|dietary|accessibility|ip|ip_hash|contacts?|message|answers?|note)($|_)"
)
FREE_TEXT = (models.TextField, models.JSONField, models.EmailField, models.GenericIPAddressField)


def looks_personal(field) -> bool:
    """Whether a model field may hold personal data: a link to a user, an e-mail or IP address,
    free text (about a person, possibly), or a name like name/phone/dietary/accessibility."""
    if field.is_relation:
        return field.related_model is not None and field.related_model._meta.label == (
            settings.AUTH_USER_MODEL
        )
    return isinstance(field, FREE_TEXT) or bool(PERSONAL_NAME.search(field.name))


def personal_looking_fields() -> dict[str, set[str]]:
    """Every field of the platform's own models that looks personal, by model label."""
    from django.apps import apps

    found: dict[str, set[str]] = {}
    for model in apps.get_models():
        if not model.__module__.startswith("ontmoetingen."):
            continue
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue  # the other side of a relation: declared on its own model
            if looks_personal(field):
                found.setdefault(model._meta.label, set()).add(field.name)
    return found


def undeclared_fields() -> dict[str, set[str]]:
    """Fields that look personal but have no line in any register (nor in NOT_PERSONAL)."""
    from ontmoetingen.core import registry

    declared: dict[str, set[str]] = {}
    for _area, entries in registry.processing_register():
        for entry in entries:
            declared.setdefault(entry.model._meta.label, set()).update(entry.fields)
    for entry in registry.not_personal():
        declared.setdefault(entry.model._meta.label, set()).update(entry.fields)
    missing = {}
    for label, names in personal_looking_fields().items():
        rest = names - declared.get(label, set())
        if rest:
            missing[label] = rest
    return missing


def pseudonym(email: str) -> str:
    """A stable stand-in for a person in the audit log once their data are erased: the same
    address always gives the same pseudonym, which cannot be turned back into the address."""
    digest = salted_hmac("core.privacy.pseudonym", email.strip().lower()).hexdigest()
    return f"persoon-{digest[:10]}"
