"""The database cache with an atomic ``incr``, so counters (rate limits) hold across processes.

Django's DatabaseCache increments by reading and writing back: two app servers counting at the
same moment can both write the same number. Here the increment runs in a transaction that first
locks the row (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite the IMMEDIATE transaction
already holds the write lock), so concurrent increments queue. Redis increments atomically by
itself (``REDIS_URL``).
"""

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                quote_name = connection.ops.quote_name
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT 1 FROM {quote_name(self._table)} "  # noqa: S608 (names quoted)
                        f"WHERE {quote_name('cache_key')} = %s FOR UPDATE",
                        [self.make_and_validate_key(key, version=version)],
                    )
            return super().incr(key, delta, version=version)
