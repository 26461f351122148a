"""Audit-log changes as people read them: per field ``before → after`` in Dutch."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.utils import formats

EMPTY = "(leeg)"
MAX_TEXT = 200
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def readable_value(value) -> str:
    """One logged value in Dutch: ja/nee, (leeg), lists joined, dates as '15 maart 2024'."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(readable_value(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {readable_value(v)}" for k, v in value.items())
    text = str(value)
    if _ISO_DATE.match(text):
        return formats.date_format(date.fromisoformat(text), "j F Y")
    if _ISO_DATETIME.match(text):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        return formats.date_format(moment, "j F Y H:i")
    text = " ".join(text.split())  # newlines and runs of spaces read as one space
    if len(text) > MAX_TEXT:
        return text[: MAX_TEXT - 1] + "…"
    return text


def readable_changes(changes) -> list[dict]:
    """``{"label", "before", "after"}`` per field (``before`` None when only the new state was
    logged), in the order they were logged."""
    if not isinstance(changes, dict):
        return [{"label": "", "before": None, "after": readable_value(changes)}] if changes else []
    rows = []
    for label, value in changes.items():
        if isinstance(value, (list, tuple)) and len(value) == 2:
            before, after = value
            rows.append(
                {"label": label, "before": readable_value(before), "after": readable_value(after)}
            )
        else:
            rows.append({"label": label, "before": None, "after": readable_value(value)})
    return rows
