"""Data versions per area: a token in the shared cache that changes after every committed write.

A cached page or fragment is stored under the versions of the areas it reads, so a write in an
area makes every copy that read it unreachable at once, in every process and on every app
server (the versions live in the shared cache: the database cache by default, Redis with
``REDIS_URL``). Nothing is ever invalidated by name.

Which writes count: every INSERT, UPDATE or DELETE on a table of an area, however it was issued
(a service, ``queryset.update()``, ``bulk_create``, the admin, a management command, a factory in
a test, raw SQL). A database execute wrapper, installed on every connection, reads the table
name of each writing statement and marks the table's area. An area is what an app declares in
its AppConfig (``cache_area = "coalitions"``); its models' tables, their many-to-many tables and
``cache_area_tables`` belong to it; ``cache_area_ignore`` lists models whose writes change no
page (the audit log). ``cache_area_parts`` names a narrower area inside it (``{"events.setup":
("Event", "Session")}``): a write to those models changes both, a write to the area's other
tables only the area, so what reads just the part (the registration form) survives the rest
(every registration). ``cache_area_quiet_columns`` names columns no cached page shows
(``{"User": ("last_login",)}``): an UPDATE that sets only those changes no version, so a login
does not make every page that counts people stale.

When: the version changes after the transaction commits (``transaction.on_commit``), so nobody
can read the new version together with the old data. Until then the writing connection itself
knows the area is dirty and bypasses cached copies of it (``is_dirty``), which keeps tests that
write and then read inside one transaction correct. ``bump(*areas)`` is the same by hand.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

# "~" sorts after letters and digits: the database cache culls the lowest keys first, so the
# versions are the last thing it drops when it is full (a lost version only costs a cache miss).
KEY_PREFIX = "~v:"
WRITE_STATEMENT = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+[\"`]?(\w+)",
    re.IGNORECASE,
)
_WRITE_VERBS = ("INS", "UPD", "DEL", "REP")

_table_areas: dict[str, tuple[str, ...]] = {}
_quiet_columns: dict[str, frozenset[str]] = {}
SET_COLUMNS = re.compile(r"\bSET\s+(.*?)\s+WHERE\b", re.IGNORECASE | re.DOTALL)
COLUMN = re.compile(r"[\"`]?(\w+)[\"`]?\s*=")
# True while ``migrate`` runs (the cache table may not exist yet); process-wide on purpose
_migrating = False


def register_areas(app_configs: Iterable) -> None:
    """Map every table of the apps that declare ``cache_area`` to that area (at start-up)."""
    for config in app_configs:
        area = getattr(config, "cache_area", None)
        if not area:
            continue
        ignored = {name.lower() for name in getattr(config, "cache_area_ignore", ())}
        parts = {
            model.lower(): part
            for part, models in getattr(config, "cache_area_parts", {}).items()
            for model in models
        }
        for model in config.get_models(include_auto_created=True):
            name = model._meta.model_name
            if name in ignored:
                continue
            part = parts.get(name)
            _table_areas[model._meta.db_table] = (area, part) if part else (area,)
        for table in getattr(config, "cache_area_tables", ()):
            _table_areas[table] = (area,)
        for model_name, columns in getattr(config, "cache_area_quiet_columns", {}).items():
            table = config.get_model(model_name)._meta.db_table
            _quiet_columns[table] = frozenset(columns)


def _is_quiet(table: str, sql: str) -> bool:
    """An UPDATE of ``table`` that sets only columns no cached page shows."""
    quiet = _quiet_columns.get(table)
    if not quiet or sql.lstrip()[:3].upper() != "UPD":
        return False
    match = SET_COLUMNS.search(sql)
    columns = set(COLUMN.findall(match.group(1))) if match else set()
    return bool(columns) and columns <= quiet


def areas() -> list[str]:
    return sorted({area for names in _table_areas.values() for area in names})


# --- reading ------------------------------------------------------------------------------------


def _new_token() -> str:
    # the time of the change first: it doubles as Last-Modified for pages built from it
    return f"{int(time.time())}.{uuid.uuid4().hex[:12]}"


def current(names: Iterable[str]) -> dict[str, str]:
    """The version of each area, created for an area that has none yet (one cache round trip
    when they all exist)."""
    names = sorted(set(names))
    if not names:
        return {}
    flush()  # this thread's own writes first
    keys = {KEY_PREFIX + name: name for name in names}
    found = cache.get_many(list(keys))
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, _new_token(), None)
    if missing:
        found.update(cache.get_many(missing))
    return {keys[key]: value for key, value in found.items() if key in keys}


def current_for(request, names: Iterable[str]) -> dict[str, str]:
    """``current`` read once per request: the page cache and the fragments of one response
    share one cache round trip (and agree on the versions they used)."""
    names = tuple(names)
    known = getattr(request, "_ko_versions", None) if request is not None else None
    if known is not None and all(name in known for name in names):
        return {name: known[name] for name in names}
    found = current(names)
    if request is not None:
        request._ko_versions = {**(known or {}), **found}
    return found


def changed_at(versions: dict[str, str]) -> int:
    """The latest change (Unix time) among these versions."""
    times = [int(token.split(".", 1)[0]) for token in versions.values() if "." in token]
    return max(times, default=0)


def is_dirty(names: Iterable[str]) -> bool:
    """Whether this connection wrote to one of these areas in a transaction not yet committed
    (its own cached copies would be stale to it)."""
    pending = getattr(connection, "_ko_pending_areas", None)
    if not pending or not connection.in_atomic_block:
        return False
    return any(_still_pending(pending.get(name)) for name in names)


# --- writing ------------------------------------------------------------------------------------


def _write(names: tuple[str, ...], *, raise_errors: bool = False) -> None:
    if _migrating:
        return  # post_migrate bumps every area once the migrations ran
    try:
        cache.set_many({KEY_PREFIX + name: _new_token() for name in names}, None)
    except Exception:
        if raise_errors:
            raise
        # the page cache may serve a stale copy until the next write: log it loudly
        logger.exception("Dataversie niet bijgewerkt voor %s", ", ".join(names))


def _still_pending(entry) -> bool:
    """An on_commit callback registered at ``index`` is still waiting for the commit. A savepoint
    rollback only drops the callbacks registered after it (a suffix of the list), so an earlier
    index keeps pointing at the same callback while it is valid."""
    if entry is None:
        return False
    index, callback = entry
    if callback.done:  # ran already (tests run captured callbacks without committing)
        return False
    waiting = connection.run_on_commit
    return index < len(waiting) and waiting[index][1] is callback


def bump(*names: str) -> None:
    """The data of these areas changes: new versions once the current transaction commits
    (at once outside a transaction). Once per area per transaction."""
    names = tuple(name for name in names if name)
    if not names:
        return
    if not connection.in_atomic_block:
        _write(names)
        return
    pending = connection.__dict__.setdefault("_ko_pending_areas", {})
    todo = tuple(name for name in names if not _still_pending(pending.get(name)))
    if not todo:
        return

    def after_commit() -> None:
        after_commit.done = True
        _write(todo)

    after_commit.done = False
    transaction.on_commit(after_commit, robust=True)
    entry = (len(connection.run_on_commit) - 1, after_commit)
    for name in todo:
        pending[name] = entry


def migration_started(**kwargs) -> None:
    global _migrating  # noqa: PLW0603
    _migrating = True


def bump_all(**kwargs) -> None:
    """Every area changes (after a flush, a restore, a migration)."""
    global _migrating  # noqa: PLW0603
    _migrating = False
    try:
        with transaction.atomic():
            _write(tuple(areas()), raise_errors=True)
    except DatabaseError:  # the cache table does not exist yet (first migrate)
        logger.debug("Dataversies niet gezet: cache nog niet beschikbaar")


# --- noticing writes ----------------------------------------------------------------------------


def notice_writes(execute, sql, params, many, context):
    """Execute wrapper: after a writing statement ran, bump the area of its table.

    Outside a transaction the bump waits for the next statement on this connection (or the
    end of the request): the statement that just ran may still be handing back rows (INSERT ...
    RETURNING), and SQLite must not start another transaction in between."""
    db = context["connection"]
    if db.__dict__.get("_ko_unreported"):
        flush(db)
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and sql.lstrip()[:3].upper() in _WRITE_VERBS:
        match = WRITE_STATEMENT.match(sql)
        names = _table_areas.get(match.group(1), ()) if match else ()
        if names and _is_quiet(match.group(1), sql):
            names = ()
        if names and db.in_atomic_block:
            bump(*names)
        elif names:
            db.__dict__.setdefault("_ko_unreported", set()).update(names)
    return result


def flush(db=None) -> None:
    """Write the versions of areas changed outside a transaction on this connection."""
    db = db or connection
    unreported = db.__dict__.get("_ko_unreported")
    if not unreported or db.__dict__.get("_ko_reporting") or db.in_atomic_block:
        # inside a transaction the write would be undone by its rollback: wait until it ends
        return
    db._ko_unreported = set()
    db._ko_reporting = True
    try:
        _write(tuple(sorted(unreported)))
    finally:
        db._ko_reporting = False


def flush_signal(**kwargs) -> None:
    """request_finished (and process exit): nothing changed may stay unreported."""
    from django.db import connections

    for db in connections.all(initialized_only=True):
        flush(db)


def install(sender, connection, **kwargs) -> None:
    """connection_created: watch this connection's writes."""
    if notice_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(notice_writes)
