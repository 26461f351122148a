"""AVG requests of the project team: find everything the platform keeps on an e-mail address,
hand it over, erase it; and the log of who downloaded an export with personal data.

Each area contributes ``find_personal_data(email, user)`` and ``erase_personal_data(email,
user)`` in its hooks.py (see core/registry.py); areas without a find hook contribute their
``personal_data(user)`` when the address has an account. Account deletion (accounts area) can
call :func:`person_erase` too.
"""

from __future__ import annotations

import json
import re

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from ontmoetingen.core import registry
from ontmoetingen.core.audit import record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.models import AuditLog
from ontmoetingen.core.privacy import pseudonym

EXPORT_ACTION = "Export met persoonsgegevens gedownload"
ERASE_ACTION = "AVG-verzoek: gegevens gewist"


def _normalised(email: str) -> str:
    email = (email or "").strip()
    if "@" not in email:
        raise ServiceError("Vul een volledig e-mailadres in.", code="email", field="email")
    return email


def _account(email: str):
    return get_user_model().objects.filter(email__iexact=email).first()


def person_find(*, email: str) -> dict:
    """Everything kept on this address, per area (empty areas left out)."""
    email = _normalised(email)
    user = _account(email)
    found: dict = {}
    finders = dict(registry.personal_data_hooks("find_personal_data"))
    if user is not None:
        for area, data in registry.personal_data(user).items():
            if area not in finders and _has_content(data):
                found[area] = data
    for area, find in finders.items():
        data = find(email, user)
        if _has_content(data):
            found[area] = data
    log = _log_entries(email, user)
    if log:
        found["logboek"] = [
            {"op": e.at.isoformat(), "wat": e.action, "onderwerp": e.object_repr} for e in log
        ]
    return found


def _has_content(data) -> bool:
    if isinstance(data, dict):
        return any(_has_content(value) for value in data.values())
    if isinstance(data, (list, tuple)):
        return bool(data)
    return data not in (None, "", False)


def person_export(*, email: str, actor) -> str:
    """The JSON handed to the person; logged as an export with personal data."""
    email = _normalised(email)
    payload = {
        "toelichting": "Alle persoonsgegevens die Kansrijke Ontmoetingen over dit e-mailadres "
        "bewaart (AVG-verzoek).",
        "e-mailadres": email,
        "gemaakt_op": timezone.now().isoformat(),
        "gegevens": person_find(email=email),
    }
    with transaction.atomic():
        _record_avg(email, "AVG-verzoek: gegevens geëxporteerd", actor, user=_account(email))
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


def person_erase(*, email: str, actor=None) -> dict:
    """Erase everything kept on this address in one transaction: every area's erase hook (the
    accounts area, which deletes the account, last), then the audit log keeps a pseudonym in
    place of the address and name. Returns what was erased per area."""
    email = _normalised(email)
    label = pseudonym(email)
    erasers = registry.personal_data_hooks("erase_personal_data")
    erasers.sort(key=lambda item: item[0] == "accounts")
    with transaction.atomic():
        user = _account(email)
        names = _names_of(email, user)
        entries = list(_log_entries(email, user))
        erased = {area: erase(email, user) for area, erase in erasers}
        _pseudonymise(entries, names, label)
        _record_avg(email, ERASE_ACTION, actor, {"wat": summary(erased)})
    return erased


def summary(erased: dict) -> str:
    parts = [
        f"{name}: {count}" for counts in erased.values() for name, count in counts.items() if count
    ]
    return ", ".join(parts) or "niets gevonden"


def _record_avg(email: str, action: str, actor, changes: dict | None = None, user=None) -> None:
    """Log an AVG action about a person under their pseudonym (never the address itself)."""
    AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=str(user.pk) if user is not None else "",
        object_repr=pseudonym(email),
        action=action,
        changes={"persoon": pseudonym(email), **(changes or {})},
    )


def _names_of(email: str, user) -> list[str]:
    """How log entries may name this person: the address and the account's full name (entries
    name people by ``str(user)``)."""
    return [email] + ([user.full_name] if user is not None and user.full_name else [])


def _log_entries(email: str, user, extra_names: tuple[str, ...] = ()):
    match = Q()
    for name in [*_names_of(email, user), *extra_names]:
        match |= Q(object_repr__icontains=name) | Q(changes_text__icontains=name)
    if user is not None:
        match |= Q(actor=user)
    return (
        AuditLog.objects.annotate(changes_text=Cast("changes", TextField()))
        .filter(match)
        .order_by("-at")
    )


def log_pseudonymise(*, email: str, names: tuple[str, ...] = ()) -> int:
    """Replace the address and these names by the pseudonym in every log entry that mentions
    them (a registrant erasing their registration); the caller holds the transaction."""
    entries = list(_log_entries(email, None, names))
    _pseudonymise(entries, [email, *names], pseudonym(email))
    return len(entries)


def _pseudonymise(entries: list[AuditLog], names: list[str], label: str) -> None:
    for entry in entries:
        entry.object_repr = _replace(entry.object_repr, names, label)
        changes = json.loads(_replace(json.dumps(entry.changes), names, label))
        changes.setdefault("persoon", label)
        entry.changes = changes
        entry.save(update_fields=["object_repr", "changes"])


def _replace(text: str, names: list[str], label: str) -> str:
    for name in names:
        text = re.sub(re.escape(name), label, text, flags=re.IGNORECASE)
    return text


def export_logged(request, obj, what: str) -> None:
    """Call from every view that hands out a file with personal data: who, when, which."""
    record(obj, EXPORT_ACTION, request.user, {"export": what})


def export_log(limit: int = 100):
    """Downloads of exports with personal data, newest first."""
    return (
        AuditLog.objects.filter(Q(action=EXPORT_ACTION) | Q(action__startswith="AVG-verzoek"))
        .select_related("actor")
        .order_by("-at")[:limit]
    )
