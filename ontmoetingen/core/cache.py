"""The database cache, with writes of one atomic statement.

Django's DatabaseCache writes a key by counting the table, reading the key and then updating or
inserting it, in a transaction, per key. Here ``set`` and ``set_many`` are one upsert statement
for all keys (after one count for culling, skipped for keys kept for good): a data-version bump
(core.versions) costs one statement and a batch of fragments (core.fragments) two, and two
processes writing the same key at once cannot collide on the insert. The abuse-limit counters
do not live here but in ``core.RateCounter`` (core.ratelimit); Redis (``REDIS_URL``) replaces
this cache altogether.
"""

import base64
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils import timezone


class AtomicDatabaseCache(DatabaseCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.set_many({key: value}, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        timeout = self.get_backend_timeout(timeout)
        expires = (
            datetime.max
            if timeout is None
            else datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        ).replace(microsecond=0)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)
        key_column, value_column, expires_column = (
            quote_name(name) for name in ("cache_key", "value", "expires")
        )
        params: list = []
        for key, value in data.items():
            pickled = pickle.dumps(value, self.pickle_protocol)
            params += [
                self.make_and_validate_key(key, version=version),
                base64.b64encode(pickled).decode("latin1"),
                connection.ops.adapt_datetimefield_value(expires),
            ]
        rows = ", ".join(["(%s, %s, %s)"] * len(data))
        with connection.cursor() as cursor:
            if timeout is not None:  # a key kept for good (a data version) is never culled
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (names quoted)
                count = cursor.fetchone()[0]
                if count > self._max_entries:
                    self._cull(db, cursor, timezone.now().replace(microsecond=0), count)
            cursor.execute(
                f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) "  # noqa: S608
                f"VALUES {rows} ON CONFLICT ({key_column}) DO UPDATE SET "
                f"{value_column} = excluded.{value_column}, "
                f"{expires_column} = excluded.{expires_column}",
                params,
            )
        return []
