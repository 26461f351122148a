"""Bench-only: where the time of one POST goes inside the app server.

``ProfileMiddleware`` (first in the bench server's middleware, see bench/settings.py) writes
one JSON line per POST to ``$BENCH_PROFILE_FILE``: the wall time inside Django, the CPU time of
the handling thread (``time.thread_time``, hardly affected by other load on the machine), the
number of queries, and for a registration the time spent in the event's locked transaction,
split into waiting for the lock and holding it. The figures come from wrapping
``events.locking.locked_transaction`` and ``events.capacity.lock_event`` in this process only.
"""

from __future__ import annotations

import json
import os
import threading
import time
from contextlib import contextmanager

from django.db import connection

from ontmoetingen.events import capacity, locking, services

_local = threading.local()
_write_lock = threading.Lock()


def _stats() -> dict:
    if not hasattr(_local, "stats"):
        _local.stats = {}
    return _local.stats


_locked_transaction = locking.locked_transaction
_lock_event = capacity.lock_event


@contextmanager
def timed_locked_transaction():
    stats = _stats()
    stats["tx_started"] = time.perf_counter()
    try:
        with _locked_transaction():
            yield
    finally:
        ended = time.perf_counter()
        cpu_acquired = stats.pop("cpu_acquired", None)
        if cpu_acquired is not None:
            stats["lock_held_cpu_ms"] = (time.thread_time() - cpu_acquired) * 1000
        acquired = stats.pop("lock_acquired", stats["tx_started"])
        stats["lock_wait_ms"] = (
            stats.get("lock_wait_ms", 0) + (acquired - stats["tx_started"]) * 1000
        )
        stats["lock_held_ms"] = stats.get("lock_held_ms", 0) + (ended - acquired) * 1000


def timed_lock_event(event_id):
    event = _lock_event(event_id)
    _stats().setdefault("lock_acquired", time.perf_counter())
    _stats().setdefault("cpu_acquired", time.thread_time())
    return event


def install() -> None:
    """Wrap the lock functions (names bound at import in the modules that use them)."""
    locking.locked_transaction = timed_locked_transaction
    services.locked_transaction = timed_locked_transaction
    capacity.lock_event = timed_lock_event


class ProfileMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.path = os.environ.get("BENCH_PROFILE_FILE", "")
        install()

    def __call__(self, request):
        if request.method != "POST" or not self.path:
            return self.get_response(request)
        _local.stats = {}
        queries = [0]

        def count(execute, sql, params, many, context):
            queries[0] += 1
            return execute(sql, params, many, context)

        cpu, wall = time.thread_time(), time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        line = {
            "status": response.status_code,
            "wall_ms": (time.perf_counter() - wall) * 1000,
            "cpu_ms": (time.thread_time() - cpu) * 1000,
            "queries": queries[0],
            "lock_wait_ms": _stats().get("lock_wait_ms", 0.0),
            "lock_held_ms": _stats().get("lock_held_ms", 0.0),
            "lock_held_cpu_ms": _stats().get("lock_held_cpu_ms", 0.0),
        }
        with _write_lock, open(self.path, "a") as out:
            out.write(json.dumps(line) + "\n")
        return response
