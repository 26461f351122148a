import logging
import time

from django.core.management.base import BaseCommand

from ontmoetingen.core import registry

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Zet periodieke taken (herinneringen, bewaartermijnen) regelmatig in de wachtrij."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=300, help="seconden tussen twee rondes")
        parser.add_argument("--once", action="store_true", help="één ronde en stoppen")

    def handle(self, *args, interval: int, once: bool, **options):
        while True:
            for periodic in registry.periodic_tasks():
                try:
                    periodic.enqueue()
                except Exception:
                    logger.exception("Kon periodieke taak %s niet inplannen", periodic)
            if once:
                return
            time.sleep(interval)
