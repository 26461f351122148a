"""Backup and restore: a backup restored into an empty data directory has the same rows and
the uploaded files. The restore runs as a separate ``ontmoetingen`` process, as an operator
would run it on a fresh machine."""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.backup import pg_binary
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "live" / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "live" / "private"
    (settings.MEDIA_ROOT / "toolkit").mkdir(parents=True)
    (settings.MEDIA_ROOT / "toolkit" / "handreiking.pdf").write_bytes(b"%PDF-1.4 voorbeeld")
    settings.PRIVATE_MEDIA_ROOT.mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "voorstel.docx").write_bytes(b"PK voorbeeld")


def some_rows() -> None:
    event = EventFactory(capacity=10)
    RegistrationFactory.create_batch(3, event=event)
    UserFactory.create_batch(2)


def ontmoetingen(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ontmoetingen.cli", *args],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )


def fresh_env(data_dir: Path, database_url: str = "") -> dict:
    env = {**os.environ, "ONTMOETINGEN_DATA_DIR": str(data_dir)}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@pytest.mark.skipif(settings.IS_POSTGRES, reason="SQLite backup (PostgreSQL: the test below)")
def test_sqlite_backup_restores_into_an_empty_data_directory(uploads, tmp_path):
    some_rows()
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["tables"]["events_registration"] == 3
    assert manifest["files"] == {"media": 1, "private": 1}

    empty = tmp_path / "restored"
    result = ontmoetingen(fresh_env(empty), "restore", str(tmp_path / "backup"))
    assert result.returncode == 0, result.stderr
    assert "gelijk aan de back-up" in result.stdout

    restored = sqlite3.connect(empty / "db.sqlite3")
    for table in ("events_registration", "events_event", "accounts_user"):
        live = connection.cursor().execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        assert restored.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == live
    restored.close()
    assert (empty / "media" / "toolkit" / "handreiking.pdf").read_bytes() == b"%PDF-1.4 voorbeeld"
    assert (empty / "private" / "voorstel.docx").exists()


def test_backup_refuses_a_directory_that_is_not_empty(tmp_path):
    from django.core.management.base import CommandError

    (tmp_path / "iets").write_text("x")
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("backup", str(tmp_path))


def test_restore_refuses_a_directory_without_manifest(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="geen back-up"):
        call_command("restore", str(tmp_path))


def postgres_tools() -> bool:
    try:
        pg_binary("pg_dump")
    except ServiceError:
        return False
    return True


@pytest.mark.skipif(
    not settings.IS_POSTGRES or not postgres_tools(), reason="needs PostgreSQL and pg_dump"
)
def test_postgres_backup_restores_into_an_empty_database(uploads, tmp_path):
    import psycopg

    some_rows()
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    db = connection.settings_dict
    server = f"postgres://{quote(db['USER'] or 'postgres')}@{db['HOST']}:{db['PORT']}"
    name = f"ko_restore_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        result = ontmoetingen(
            fresh_env(tmp_path / "restored", f"{server}/{name}"),
            "restore",
            str(tmp_path / "backup"),
        )
        assert result.returncode == 0, result.stderr
        assert "gelijk aan de back-up" in result.stdout
        with psycopg.connect(f"{server}/{name}") as restored:
            count = restored.execute("SELECT COUNT(*) FROM events_registration").fetchone()[0]
        assert count == 3
        assert (tmp_path / "restored" / "media" / "toolkit" / "handreiking.pdf").exists()
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    shutil.rmtree(tmp_path / "backup", ignore_errors=True)
