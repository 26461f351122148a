"""``ontmoetingen demo``: set everything up and serve the platform with its worker."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from ontmoetingen.core import registry

SUMMARY_SECONDS = 30


def mail_summary(since) -> str:
    """One quiet line: how many mails the worker delivered (or gave up on) since ``since``."""
    from django_tasks_db.models import DBTaskResult

    from ontmoetingen.core.mail import deliver_mail

    tasks = DBTaskResult.objects.filter(task_path=deliver_mail.module_path, enqueued_at__gte=since)
    delivered = tasks.filter(status="SUCCESSFUL").exclude(return_value="retry").count()
    failed = tasks.filter(status="FAILED").count()
    waiting = tasks.filter(status__in=["READY", "RUNNING"]).count()
    return f"Mail sinds de start: {delivered} bezorgd, {waiting} in de wachtrij, {failed} mislukt."


class Command(BaseCommand):
    help = "Zet de demo klaar (database, referentiegegevens, voorbeeldgegevens) en start de site met achtergrondwerker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--data-dir", help="map voor database, mails en bestanden (standaard ./var)"
        )
        parser.add_argument("--scale", choices=["small", "national"], default="national")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--setup-only", action="store_true", help="alleen klaarzetten, niet starten"
        )
        parser.add_argument(
            "--mfa",
            action="store_true",
            help="tweestapsverificatie verplicht voor het projectteam, zoals in productie",
        )

    def handle(
        self,
        *args,
        host: str,
        port: int,
        scale: str,
        workers: int,
        setup_only: bool,
        mfa: bool = False,
        **options,
    ):
        started = time.monotonic()
        self.stdout.write(f"Gegevensmap: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("seed_demo", scale=scale, stdout=self.stdout)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Klaargezet in {time.monotonic() - started:.1f} s.")
        if setup_only:
            return
        env = {**os.environ, "ONTMOETINGEN_DATA_DIR": str(settings.DATA_DIR)}
        env.setdefault("SITE_URL", f"http://{host}:{port}")
        # quiet: no line per request or per delivered mail; _wait prints a summary instead
        env.setdefault("LOG_REQUESTS", "0")
        env.setdefault("LOG_TASKS", "0")
        # the demo logins must work without an authenticator app; --mfa shows the real flow
        env["MFA_REQUIRED"] = "1" if mfa else "0"
        if host not in settings.ALLOWED_HOSTS and "ALLOWED_HOSTS" not in os.environ:
            env["ALLOWED_HOSTS"] = ",".join([*settings.ALLOWED_HOSTS, host])
        cli = [sys.executable, "-m", "ontmoetingen.cli"]
        processes = [
            subprocess.Popen([*cli, "db_worker", "--interval", "1"], env=env),  # noqa: S603
            subprocess.Popen([*cli, "scheduler"], env=env),  # noqa: S603
            subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "granian",
                    "--interface",
                    "wsgi",
                    "--host",
                    host,
                    "--port",
                    str(port),
                    "--workers",
                    str(workers),
                    "--backpressure",
                    "8",
                    "--no-ws",
                    "--pid-file",
                    str(settings.DATA_DIR / "granian.pid"),
                    "config.wsgi:application",
                ],
                env=env,
            ),
        ]
        self._announce(host, port, mfa=mfa)
        self._wait(processes)

    def _announce(self, host: str, port: int, *, mfa: bool) -> None:
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Kansrijke Ontmoetingen draait op http://{host}:{port}/")
        )
        self.stdout.write("Demo-logins:")
        for role, email, password in registry.demo_logins():
            self.stdout.write(f"  {role:<32} {email}  wachtwoord: {password}")
        if not mfa:
            self.stdout.write(
                "Tweestapsverificatie staat in de demo uit; start met --mfa om de "
                "set-up voor het projectteam te zien (in productie altijd aan)."
            )
        self.stdout.write(f"Mails komen als bestanden in {settings.EMAIL_FILE_PATH}")
        self.stdout.write("Stoppen: Ctrl+C")

    def _wait(self, processes: list[subprocess.Popen]) -> None:
        def stop(*_):
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            sys.exit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        since, last, reported = timezone.now(), time.monotonic(), ""
        while all(process.poll() is None for process in processes):
            time.sleep(1)
            if time.monotonic() - last >= SUMMARY_SECONDS:
                last = time.monotonic()
                summary = mail_summary(since)
                if summary != reported:
                    self.stdout.write(summary)
                    reported = summary
        self.stderr.write("Een onderdeel is gestopt; de demo stopt ook.")
        stop()
