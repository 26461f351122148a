"""Real worker processes against the test database (a file for SQLite, or PostgreSQL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

CLI = [sys.executable, "-m", "ontmoetingen.cli"]


def database_url() -> str:
    """The test database as a DATABASE_URL the worker processes can open."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        name = settings["NAME"]
        if not name or name == ":memory:" or "mode=memory" in str(name):
            pytest.skip("needs a file database (other processes open it)")
        return f"sqlite:///{name}"
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


class Workers:
    """``ontmoetingen db_worker`` processes that can be killed (-9) and restarted."""

    def __init__(self, env: dict, log_dir: Path):
        self.env = env
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []
        self.started = 0

    def start(self) -> subprocess.Popen:
        self.started += 1
        log = open(self.log_dir / f"worker-{self.started}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [*CLI, "db_worker", "--interval", "0.1", "--no-startup-delay", "--no-reload"],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def alive(self) -> list[subprocess.Popen]:
        return [p for p in self.processes if p.poll() is None]

    def kill(self, process: subprocess.Popen) -> None:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self) -> None:
        for process in self.alive():
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill(process)


@pytest.fixture
def worker_env(tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url(),
        "ONTMOETINGEN_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "faults-only-not-secret-" + "k" * 40,
        # short waits, so faults and recoveries fit in a test run
        "EMAIL_TIMEOUT": "1",
        "MAIL_RETRY_BASE_SECONDS": "0.3",
        "MAIL_RETRY_MAX_SECONDS": "2",
        "MAIL_MAX_ATTEMPTS": "12",
        "MAIL_SENDING_LEASE_SECONDS": "4",
        "TASK_WORKER_LEASE_SECONDS": "2",
        "TASK_MAX_CLAIMS": "25",
    }
    env.pop("REDIS_URL", None)
    # restarted workers should not compile every module again: keep their bytecode in tmp
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    return env


@pytest.fixture
def workers(worker_env, tmp_path):
    pool = Workers(worker_env, tmp_path)
    yield pool
    pool.stop()
