from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.directory.services import organisations_import


class Command(BaseCommand):
    help = (
        "Importeert organisaties uit een CSV- of XLSX-bestand. Er wordt niets opgeslagen als "
        "er ook maar één regel niet klopt; elke foute regel wordt gemeld met regelnummer en reden."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen controleren, niets opslaan."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.exists():
            raise CommandError(f"Bestand niet gevonden: {file}")
        bar = tqdm(desc="Organisaties", unit=" rij", file=self.stderr._out, disable=None)
        try:
            report = organisations_import(
                file=file,
                filename=file.name,
                dry_run=dry_run,
                progress=lambda done: bar.update(done - bar.n),
            )
        except ServiceError as error:
            raise CommandError(error.message) from error
        finally:
            bar.close()
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"regel {error.line}: {error.reason}")
            raise CommandError(
                f"{len(report.errors)} van de {report.rows} regels kloppen niet; niets opgeslagen."
            )
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"{report.rows} regels in orde (proefrun, niets opgeslagen).")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{report.created} organisaties geïmporteerd."))
