from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ontmoetingen.core.backup import backup_create
from ontmoetingen.core.errors import ServiceError


class Command(BaseCommand):
    help = "Maak een back-up (database en geüploade bestanden) in een nieuwe of lege map."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        try:
            manifest = backup_create(target=directory.resolve())
        except ServiceError as error:
            raise CommandError(error.message) from error
        rows = sum(manifest["tables"].values())
        files = sum(manifest["files"].values())
        self.stdout.write(
            f"Back-up in {directory}: {manifest['engine']}, {len(manifest['tables'])} tabellen, "
            f"{rows} rijen, {files} bestanden."
        )
