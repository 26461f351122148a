"""The audit log's one write path: services that take an ``actor`` call :func:`record`.

Call it inside the service's transaction, so an entry exists exactly when the change does.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from ontmoetingen.core.models import AuditLog

REPR_LENGTH = 200


def display_value(value) -> str | list | bool | None:
    """A value as the log keeps it: JSON-friendly, sets sorted, objects by their name."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (set, list, tuple)):
        return sorted(str(v) for v in value)
    return str(value)


def record(obj: models.Model, action: str, actor=None, changes: dict | None = None) -> AuditLog:
    """Record that ``actor`` did ``action`` to ``obj``; ``changes`` maps a field label to
    ``[before, after]`` (or to one value when only the new state matters)."""
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:REPR_LENGTH],
        action=action[:REPR_LENGTH],
        changes=changes or {},
    )


def audit_entries(*, model: type[models.Model] | None = None, obj: models.Model | None = None):
    """The log, newest first, optionally for one model or one object (actor joined)."""
    queryset = AuditLog.objects.select_related("actor", "content_type")
    if obj is not None:
        queryset = queryset.for_object(obj)
    elif model is not None:
        queryset = queryset.for_model(model)
    return queryset
