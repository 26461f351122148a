"""``ontmoetingen cluster``: the production topology as plain processes on this machine."""

import os
import signal
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ontmoetingen.core.cluster import Cluster


def interrupted(*_):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = (
        "Start PostgreSQL, Redis, app-servers (granian) achter HAProxy, takenwerkers en een "
        "planner als gewone processen op 127.0.0.1; Ctrl+C stopt alles."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", help="map voor logs, bestanden en cluster.json")
        parser.add_argument("--port", type=int, default=0, help="poort van de proxy (vrij)")
        parser.add_argument("--app-servers", type=int, default=2)
        parser.add_argument("--granian-workers", type=int, default=1, help="per app-server")
        parser.add_argument("--workers", type=int, default=2, help="takenwerkers")
        parser.add_argument(
            "--database-url",
            default=os.environ.get("DATABASE_URL", ""),
            help="bestaande PostgreSQL-database; zonder: een eigen cluster in een tijdelijke map",
        )
        parser.add_argument("--seed", choices=["small", "national", "none"], default="small")

    def handle(self, *args, **options):
        if options["database_url"] and not options["database_url"].startswith("postgres"):
            raise CommandError("De cluster draait op PostgreSQL: geef een postgres://-adres.")
        cluster = Cluster(
            data_dir=settings.DATA_DIR,
            app_servers=options["app_servers"],
            task_workers=options["workers"],
            granian_workers=options["granian_workers"],
            port=options["port"],
            database_url=options["database_url"],
        )
        self.stdout.write(f"Cluster starten in {settings.DATA_DIR} ...")
        # stopped while starting: Cluster.start stops what it had started
        signal.signal(signal.SIGTERM, interrupted)
        cluster.start(seed=None if options["seed"] == "none" else options["seed"])
        self.announce(cluster)
        self.supervise(cluster)

    def announce(self, cluster: Cluster) -> None:
        state = cluster.describe()
        self.stdout.write(self.style.SUCCESS(f"Kansrijke Ontmoetingen draait op {state['url']}/"))
        for part in state["components"]:
            port = f"127.0.0.1:{part['port']}" if part.get("port") else ""
            self.stdout.write(f"  {part['name']:<10} pid {part['pid']:<8} {port:<16} {part['log']}")
        self.stdout.write(f"  database   {state['database_url']}")
        self.stdout.write(f"Overzicht: {cluster.state_file}   Stoppen: Ctrl+C")
        self.stdout.flush()

    def supervise(self, cluster: Cluster) -> None:
        def stop(*_):
            cluster.stop()
            self.stdout.write("Cluster gestopt.")
            sys.exit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        # a component that stops (or is killed by a fault test) is reported, not restarted:
        # the proxy routes around a dead app server, the other worker takes the tasks
        reported = set()
        while True:
            time.sleep(1)
            for process in cluster.processes:
                if not process.alive() and process.name not in reported:
                    reported.add(process.name)
                    self.stderr.write(f"{process.name} (pid {process.pid}) is gestopt.")
