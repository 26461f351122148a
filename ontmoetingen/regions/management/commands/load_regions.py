from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ontmoetingen.regions.services import CURRENT_RELEASE, regions_load


class Command(BaseCommand):
    help = "Laadt gemeenten, provincies, GGD-regio's en kaartvormen (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=str(CURRENT_RELEASE),
            help="Map met release.json en de bestanden van één jaargang (standaard: de meegeleverde 2026).",
        )

    def handle(self, *args, **options):
        release_dir = Path(options["dir"])
        if not (release_dir / "release.json").exists():
            raise CommandError(f"Geen release.json gevonden in {release_dir}")
        report = regions_load(release_dir=release_dir)
        self.stdout.write(self.style.SUCCESS(report.summary()))
