"""Audit-log changes as people read them: per field ``before → after`` in Dutch."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.utils import formats

EMPTY = "(leeg)"
MAX_TEXT = 200
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _readable_text(text: str) -> str:
    if _ISO_DATE.match(text):
        return formats.date_format(date.fromisoformat(text), "j F Y")
    if _ISO_DATETIME.match(text):
        try:
            return formats.date_format(datetime.fromisoformat(text), "j F Y H:i")
        except ValueError:
            return text
    text = " ".join(text.split())  # newlines and runs of spaces read as one space
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def readable_value(value) -> str:
    """One logged value in Dutch: ja/nee, (leeg), lists joined, dates as '15 maart 2024'."""
    if value is None or value in ("", [], {}):
        result = EMPTY
    elif isinstance(value, bool):
        result = "ja" if value else "nee"
    elif isinstance(value, (list, tuple, set)):
        result = ", ".join(readable_value(v) for v in value)
    elif isinstance(value, dict):
        result = "; ".join(f"{k}: {readable_value(v)}" for k, v in value.items())
    else:
        result = _readable_text(str(value))
    return result


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
