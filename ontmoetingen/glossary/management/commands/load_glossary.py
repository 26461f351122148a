from django.core.management.base import BaseCommand

from ontmoetingen.glossary.services import glossary_load


class Command(BaseCommand):
    help = "Laadt de begrippenlijst die met de app wordt meegeleverd (veilig om te herhalen)."

    def handle(self, *args, **options):
        result = glossary_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Begrippen: {result['total']} in het bestand, {result['created']} nieuw, "
                f"{result['updated']} bijgewerkt."
            )
        )
