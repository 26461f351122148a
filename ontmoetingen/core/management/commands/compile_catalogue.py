from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_catalogues() -> list[Path]:
    """Compile every .po under LOCALE_PATHS to .mo with polib (no GNU gettext needed)."""
    written = []
    for locale_dir in settings.LOCALE_PATHS:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


class Command(BaseCommand):
    help = "Compileert de Nederlandse catalogus (.po → .mo) zonder GNU gettext."

    def handle(self, *args, **options):
        for path in compile_catalogues():
            self.stdout.write(f"geschreven: {path}")
