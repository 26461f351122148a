"""Backups of everything the platform keeps: the database and the uploaded files.

A backup is a directory:

- ``database.sqlite3`` (SQLite's online backup API: consistent while the site keeps running) or
  ``database.dump`` (``pg_dump --format=custom`` for PostgreSQL);
- ``files/media`` and ``files/private``: copies of ``MEDIA_ROOT`` and ``PRIVATE_MEDIA_ROOT``;
- ``secret_key`` when the key was generated in the data directory (signed links keep working);
- ``manifest.json``: when, which database engine, and the row count of every table.

``restore`` puts them back into the configured database and data directory and compares the row
counts with the manifest.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from glob import glob
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from ontmoetingen.core.errors import ServiceError

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MANIFEST = "manifest.json"


@dataclass
class RestoreResult:
    tables: int
    rows: int
    files: int
    mismatches: dict[str, tuple[int, int]]


def file_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def table_counts() -> dict[str, int]:
    """Rows per table of the default database (every table, also those without a model)."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def pg_binary(name: str) -> str:
    """``pg_dump``/``pg_restore`` from PATH, else the newest Debian PostgreSQL install."""
    found = shutil.which(name) or next(
        iter(sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise ServiceError(f"{name} niet gevonden; installeer de PostgreSQL-clientprogramma's.")
    return found


def pg_args_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"], "--username", db.get("USER") or "postgres"]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def copy_tree(source: Path, target: Path) -> int:
    if not source.exists():
        return 0
    shutil.copytree(source, target, dirs_exist_ok=True)
    return sum(1 for path in target.rglob("*") if path.is_file())


def sqlite_counts(path: Path) -> dict[str, int]:
    """Rows per table of an SQLite file (the tables Django's introspection lists)."""
    database = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in database.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name != 'sqlite_sequence' ORDER BY name"
            )
        ]
        return {
            name: database.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]  # noqa: S608
            for name in names
        }
    finally:
        database.close()


def _backup_sqlite(path: Path) -> dict[str, int]:
    """Online backup of the live database (pages copied consistently while others write); the
    counts are taken from the copy, so they describe exactly what was saved."""
    connection.ensure_connection()
    destination = sqlite3.connect(path)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return sqlite_counts(path)


def _backup_postgres(path: Path) -> dict[str, int]:
    """pg_dump of the snapshot the counts were taken in (an exported snapshot), so manifest and
    dump agree while the site keeps writing."""
    args, env = pg_args_env()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_counts()
        subprocess.run(  # noqa: S603
            [
                pg_binary("pg_dump"),
                "--format=custom",
                "--no-owner",
                f"--snapshot={snapshot}",
                "--file",
                path,
                *args,
            ],
            env=env,
            check=True,
        )
    return counts


def backup_create(*, target: Path) -> dict:
    """Write a backup of the running platform into ``target`` (new or empty)."""
    if target.exists() and any(target.iterdir()):
        raise ServiceError(f"{target} is niet leeg; kies een nieuwe map.")
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)
    if connection.vendor == "sqlite":
        counts = _backup_sqlite(target / SQLITE_FILE)
    elif connection.vendor == "postgresql":
        counts = _backup_postgres(target / POSTGRES_FILE)
    else:
        raise ServiceError(f"Geen back-up voor database {connection.vendor}.")
    files = {name: copy_tree(root, target / "files" / name) for name, root in file_roots().items()}
    key_file = Path(settings.DATA_DIR) / "secret_key"
    if key_file.exists() and not os.environ.get("SECRET_KEY"):
        shutil.copy2(key_file, target / "secret_key")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "engine": connection.vendor,
        "tables": counts,
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(source: Path) -> dict:
    try:
        return json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise ServiceError(f"{source} is geen back-up (manifest.json ontbreekt).") from None


def _restore_sqlite(source: Path) -> None:
    name = connection.settings_dict["NAME"]
    connections.close_all()
    backup = sqlite3.connect(source / SQLITE_FILE)
    destination = sqlite3.connect(name)
    try:
        backup.backup(destination)
    finally:
        destination.close()
        backup.close()


def _restore_postgres(source: Path) -> None:
    args, env = pg_args_env()
    connections.close_all()
    subprocess.run(  # noqa: S603
        [
            pg_binary("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            source / POSTGRES_FILE,
        ],
        env=env,
        check=True,
    )


def backup_restore(*, source: Path) -> RestoreResult:
    """Put a backup back: database, uploaded files and (if present) the generated secret key.
    The database must use the same engine as the backup."""
    manifest = read_manifest(source)
    if manifest["engine"] != connection.vendor:
        raise ServiceError(
            f"De back-up is van {manifest['engine']}, de database hier is {connection.vendor}."
        )
    if connection.vendor == "sqlite":
        _restore_sqlite(source)
    else:
        _restore_postgres(source)
    files = 0
    for name, root in file_roots().items():
        files += copy_tree(source / "files" / name, root)
    if (source / "secret_key").exists() and not os.environ.get("SECRET_KEY"):
        shutil.copy2(source / "secret_key", Path(settings.DATA_DIR) / "secret_key")
    restored = table_counts()
    expected = manifest["tables"]
    mismatches = {
        table: (count, restored.get(table, -1))
        for table, count in expected.items()
        if restored.get(table, -1) != count
    }
    return RestoreResult(
        tables=len(expected), rows=sum(restored.values()), files=files, mismatches=mismatches
    )
