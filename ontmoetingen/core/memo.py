"""A small per-process copy of values stored under version keys.

A key built from data versions (core.versions) names content that never changes: a new version
gives a new key. So a process may keep what it read from the shared cache and serve it again
without asking the cache, decoding and unpickling it once more; the versions themselves are
still read from the shared cache on every request, so a write is seen on the next request in
every process. Bounded by size, least recently used out first; safe under threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

DEFAULT_LIMIT = 32 * 1024 * 1024  # bytes (roughly: the length of the stored text)


class LocalMemo:
    def __init__(self, limit: int = DEFAULT_LIMIT):
        self.limit = limit
        self._items: OrderedDict[str, tuple[object, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def set(self, key: str, value, size: int) -> None:
        if size > self.limit:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= old[1]
            self._items[key] = (value, size)
            self._size += size
            while self._size > self.limit:
                _, (_, dropped) = self._items.popitem(last=False)
                self._size -= dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0
