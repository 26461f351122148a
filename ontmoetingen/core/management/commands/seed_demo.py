import random

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from ontmoetingen.core import registry

SCALES = ("small", "national")
DEMO_SEED = 20261123


class Command(BaseCommand):
    help = (
        "Vult de database met voorbeeldgegevens (deterministisch; alles gemarkeerd als voorbeeld)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=SCALES, default="national")
        parser.add_argument("--seed", type=int, default=DEMO_SEED)

    def handle(self, *args, scale: str, seed: int, **options):
        # seeders may use the cache (e.g. the glossary matcher); a fresh database lacks its table
        call_command("createcachetable", verbosity=0)
        call_command("load_regions", stdout=self.stdout)
        for label, seeder in registry.demo_seeders():
            # one random stream per area, so adding data to one area leaves the others the same
            rng = random.Random(f"{seed}-{label}")
            with transaction.atomic():
                seeder(scale=scale, rng=rng, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Voorbeeldgegevens klaar (schaal: {scale})."))
