"""Structured logs: one line per request (``core.request_log``) and one per task, each carrying
the request id of the request that caused it.

``LOG_FORMAT=json`` gives one JSON object per line (for a log collector), the default a readable
``key=value`` line. Configured in ``settings.LOGGING``; imported while logging is set up, so this
module must not import models.
"""

from __future__ import annotations

import json
import logging
import time
from contextvars import ContextVar
from datetime import UTC, datetime

# The id of the request being handled in this thread (or "-" outside a request).
request_id: ContextVar[str] = ContextVar("request_id", default="-")

task_logger = logging.getLogger("ontmoetingen.tasks")

# Attributes every LogRecord has; anything else was passed with ``extra=`` and is a field.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def fields_of(record: logging.LogRecord) -> dict:
    return {key: value for key, value in vars(record).items() if key not in _STANDARD}


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (the current request's id) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class LibraryTaskLinesFilter(logging.Filter):
    """Drops django-tasks' own "Task id=… state=…" info lines (two per task): the platform
    writes one line per task itself (``log_task_finished``). Warnings and errors pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        library = record.name in ("django_tasks", "django.tasks")
        return not (library and record.levelno < logging.WARNING)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            **fields_of(record),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = "-"
        line = super().format(record)
        extra = " ".join(f"{key}={value}" for key, value in fields_of(record).items())
        if not extra:
            return line
        first, newline, rest = line.partition("\n")
        return f"{first} {extra}{newline}{rest}"


_task_started: dict[str, float] = {}


def log_task_started(sender, task_result, **kwargs) -> None:
    _task_started[str(task_result.id)] = time.perf_counter()


def log_task_finished(sender, task_result, **kwargs) -> None:
    """One line per finished task: what ran, how it ended and how long it took."""
    started = _task_started.pop(str(task_result.id), None)
    status = str(getattr(task_result.status, "value", task_result.status))
    task_logger.log(
        logging.WARNING if status == "FAILED" else logging.INFO,
        "task %s %s",
        task_result.task.name,
        status,
        extra={
            "task": task_result.task.module_path,
            "task_id": str(task_result.id),
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        },
    )


def connect_task_signals() -> None:
    from django_tasks_db.compat import task_finished, task_started

    task_started.connect(log_task_started, dispatch_uid="core-log-task-started")
    task_finished.connect(log_task_finished, dispatch_uid="core-log-task-finished")
