"""``ontmoetingen db_worker``: django-tasks-db's worker plus a heartbeat and the reaper.

Same options as the library's command. Before the first task the worker announces itself and
re-queues tasks of workers that died (core.workers); a background thread keeps doing both every
quarter of ``TASK_WORKER_LEASE_SECONDS`` while tasks run.
"""

from django_tasks_db.management.commands import db_worker

from ontmoetingen.core import workers


class Command(db_worker.Command):
    help = "Voert taken uit de wachtrij uit (mail, herinneringen); met hartslag en opruimer."
    # a worker restarted after a crash should be back at work at once; the URL and template
    # checks (which import every view) belong to the app servers' start-up and CI
    requires_system_checks = []

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        workers.tasks_release_own(worker_id=worker_id)
        workers.heartbeat(worker_id=worker_id)
        workers.tasks_reap()
        beating = workers.Heartbeat(worker_id=worker_id)
        beating.start()
        try:
            super().handle(*args, **options)
        finally:
            beating.stop()
