from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ontmoetingen.core.backup import backup_restore
from ontmoetingen.core.errors import ServiceError


class Command(BaseCommand):
    help = (
        "Zet een back-up terug in de ingestelde database en gegevensmap en vergelijk de "
        "aantallen rijen met de back-up. Overschrijft wat er staat."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        try:
            result = backup_restore(source=directory.resolve())
        except ServiceError as error:
            raise CommandError(error.message) from error
        for table, (expected, found) in sorted(result.mismatches.items()):
            self.stderr.write(f"  {table}: {found} rijen, back-up had er {expected}")
        if result.mismatches:
            raise CommandError(f"{len(result.mismatches)} tabellen wijken af van de back-up.")
        self.stdout.write(
            f"Teruggezet: {result.tables} tabellen, {result.rows} rijen (gelijk aan de back-up), "
            f"{result.files} bestanden."
        )
