"""The database cache with an atomic ``incr``, so counters (rate limits) hold across processes.

Django's DatabaseCache increments by reading and writing back: two app servers counting at the
same moment can both write the same number. Here the increment runs in a transaction that first
locks the row (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite the IMMEDIATE transaction
already holds the write lock), so concurrent increments queue. Redis increments atomically by
itself (``REDIS_URL``).
"""

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class AtomicDatabaseCache(DatabaseCache):
    def count(self, key, *, timeout: int, version=None) -> int:
        """Add one to the counter ``key`` (created at 1 with ``timeout``) in one transaction;
        return the new value."""
        db = router.db_for_write(self.cache_model_class)
        if connections[db].vendor == "postgresql":
            # create the row first, so the row lock below also covers the very first count
            # (two transactions creating it at once would otherwise both start at 1)
            self.add(key, 0, timeout=timeout, version=version)
        with transaction.atomic(using=db):
            self._lock_row(db, key, version)
            value = self.get(key, version=version)
            value = 1 if value is None else value + 1
            self.set(key, value, timeout=timeout, version=version)
        return value

    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        with transaction.atomic(using=db):
            self._lock_row(db, key, version)
            return super().incr(key, delta, version=version)

    def _lock_row(self, db, key, version) -> None:
        """Lock the counter's row until the transaction ends (PostgreSQL; SQLite's IMMEDIATE
        transaction already holds the database's write lock). The wait is bounded."""
        connection = connections[db]
        if not connection.features.has_select_for_update:
            return
        quote_name = connection.ops.quote_name
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                wait_ms = int(settings.RATE_LIMIT_LOCK_WAIT_SECONDS * 1000)
                cursor.execute(f"SET LOCAL lock_timeout = {wait_ms}")
            cursor.execute(
                f"SELECT 1 FROM {quote_name(self._table)} "  # noqa: S608 (names quoted)
                f"WHERE {quote_name('cache_key')} = %s FOR UPDATE",
                [self.make_and_validate_key(key, version=version)],
            )
