"""Lean statements for the few hot writes that run hundreds of times a second in a rush.

Building a query through the ORM costs 0.4 to 0.6 ms of CPU per statement (compiling the
queryset), against 0.05 ms to run it; a registration needs five (events/services.py). The
helpers here build the SQL of a model's row once per process and database (from the model's
own ``_meta``, so a column added in a migration is picked up without touching this file), and
convert the values both ways with the fields' own methods, as the ORM does:

- :func:`fetch` — one model instance by a condition, optionally ``FOR UPDATE``;
- :func:`insert` — write a new instance (``pre_save`` and ``get_db_prep_save`` per field) and
  set its primary key;
- :func:`sqlite_lock_wait` — how long SQLite waits for its write lock within a block.

Statements still go through the connection's cursor and so through its execute wrappers (the
data versions of core/versions.py notice the writes), and :func:`insert` sends ``pre_save``
and ``post_save`` as ``save()`` does when the model has receivers (django-tasks-db sets a
task's ``run_after`` in one). Everything else keeps using the ORM.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, router
from django.db.models import Model, signals

_select_sql: dict[tuple, tuple[str, list]] = {}
_insert_sql: dict[tuple, tuple[str, list, bool]] = {}


def _quote(connection, name: str) -> str:
    return connection.ops.quote_name(name)


def _select(model: type[Model], connection, where: str, for_update: bool) -> tuple[str, list]:
    key = (model, connection.alias, connection.vendor, where, for_update)
    if key not in _select_sql:
        meta = model._meta
        fields = list(meta.concrete_fields)
        names = ", ".join(_quote(connection, f.column) for f in fields)
        table = _quote(connection, meta.db_table)
        sql = f"SELECT {names} FROM {table} WHERE {where}"  # noqa: S608 - names from _meta
        if for_update and connection.features.has_select_for_update:
            sql += " FOR UPDATE"
        columns = []
        for field in fields:
            column = field.get_col(meta.db_table)
            converters = [
                *connection.ops.get_db_converters(column),
                *column.get_db_converters(connection),
            ]
            columns.append((field.attname, column, converters))
        _select_sql[key] = (sql, columns)
    return _select_sql[key]


def fetch(model: type[Model], where: str, params: list, *, for_update: bool = False):
    """The first instance of ``model`` whose row meets ``where`` (SQL with ``%s`` for the
    ``params``, column names as in the table), or None. ``for_update`` locks the row where the
    database has row locks (PostgreSQL); call inside a transaction then."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    sql, columns = _select(model, connection, where, for_update)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for raw, (_attname, column, converters) in zip(row, columns, strict=True):
        value = raw
        for converter in converters:
            value = converter(value, column, connection)
        values.append(value)
    return model.from_db(alias, [attname for attname, _, _ in columns], values)


def _insert(model: type[Model], connection) -> tuple[str, list, bool]:
    key = (model, connection.alias, connection.vendor)
    if key not in _insert_sql:
        meta = model._meta
        generated = meta.auto_field is not None  # the database numbers the rows
        fields = [f for f in meta.concrete_fields if f is not meta.auto_field]
        names = ", ".join(_quote(connection, f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {_quote(connection, meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608 - names from _meta
        if generated and connection.features.can_return_columns_from_insert:
            sql += f" RETURNING {_quote(connection, meta.pk.column)}"
        _insert_sql[key] = (sql, fields, generated)
    return _insert_sql[key]


def insert(instance: Model) -> Model:
    """Write ``instance`` as a new row, as ``instance.save()`` does for a new instance: the
    database numbers it (an auto field) or its own key is written (a UUID with a default)."""
    model = type(instance)
    alias = router.db_for_write(model)
    connection = connections[alias]
    sql, fields, generated = _insert(model, connection)
    if generated and instance.pk is not None:
        raise ValueError("insert() writes new rows only")
    if signals.pre_save.has_listeners(model):
        signals.pre_save.send(
            sender=model, instance=instance, raw=False, using=alias, update_fields=None
        )
    values = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        if generated and connection.features.can_return_columns_from_insert:
            instance.pk = cursor.fetchone()[0]
        elif generated:  # pragma: no cover - every supported database returns the key
            meta = model._meta
            instance.pk = connection.ops.last_insert_id(cursor, meta.db_table, meta.pk.column)
    instance._state.adding = False
    instance._state.db = alias
    if signals.post_save.has_listeners(model):
        signals.post_save.send(
            sender=model,
            instance=instance,
            created=True,
            raw=False,
            using=alias,
            update_fields=None,
        )
    return instance


@contextmanager
def sqlite_lock_wait(seconds: float, using: str = "default") -> Iterator[None]:
    """On SQLite, wait at most ``seconds`` for the database's write lock inside the block
    (``PRAGMA busy_timeout``), and as long as before afterwards; elsewhere nothing. The PRAGMA
    goes straight to the driver's connection: no query to wrap, log or count (through the
    cursor wrappers the five PRAGMAs of a registration cost more than its insert). Nested
    blocks restore the outer block's wait."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    known = connection.__dict__.get("_ko_busy_ms")  # (driver connection, its wait in ms)
    if known is not None and known[0] is raw:
        before = known[1]
    else:  # as the connection was opened: its ``timeout`` option
        before = int(connection.settings_dict["OPTIONS"].get("timeout", 5) * 1000)
    _busy_timeout(connection, raw, int(seconds * 1000))
    try:
        yield
    finally:
        if connection.connection is raw:  # not closed (and replaced) meanwhile
            _busy_timeout(connection, raw, before)


def _busy_timeout(connection, raw, ms: int) -> None:
    raw.execute(f"PRAGMA busy_timeout = {ms}")
    connection._ko_busy_ms = (raw, ms)
