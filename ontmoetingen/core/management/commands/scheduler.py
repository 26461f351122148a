import time

from django.conf import settings
from django.core.management.base import BaseCommand

from ontmoetingen.core import scheduling


class Command(BaseCommand):
    help = (
        "Zet periodieke taken (herinneringen, bewaartermijnen) regelmatig in de wachtrij, één "
        "keer per periode, ook als er meer planners draaien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.SCHEDULER_INTERVAL_SECONDS,
            help="seconden per periode (gelijk voor alle planners)",
        )
        parser.add_argument("--once", action="store_true", help="één ronde en stoppen")

    def handle(self, *args, interval: int, once: bool, **options):
        while True:
            scheduling.schedule_round(interval=interval)
            if once:
                return
            # wake at the start of the next period, so schedulers meet in the same one
            time.sleep(interval - time.time() % interval + 1)
