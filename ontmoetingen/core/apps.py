from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ontmoetingen.core"
    label = "core"
    verbose_name = "Basis"
    cache_area = "core"  # core.versions: writes to these tables change pages
    # bookkeeping that no page shows: writing it must not make cached pages stale
    cache_area_ignore = (
        "AuditLog",
        "MailDelivery",
        "WorkerHeartbeat",
        "PeriodicRun",
        "RateCounter",
    )
    processing_register = "ontmoetingen.core.processing.REGISTER"
    not_personal = "ontmoetingen.core.processing.NOT_PERSONAL"
    backoffice_links = [
        (
            "core:processing_register",
            "Verwerkingsregister",
            "Welke persoonsgegevens het platform bewaart, waarom, voor wie en hoe lang; en wie "
            "exports met persoonsgegevens downloadde.",
        ),
        (
            "core:avg_request",
            "AVG-verzoek",
            "Alles zoeken, exporteren of wissen wat bij een e-mailadres hoort.",
        ),
    ]

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django_tasks_db.compat import task_finished, task_started

        from ontmoetingen.core import (
            checks,  # noqa: F401 (registers the system checks)
            mail_delivery,
        )
        from ontmoetingen.core.logs import connect_task_signals
        from ontmoetingen.core.middleware import mark_activity_at_login

        user_logged_in.connect(mark_activity_at_login, dispatch_uid="core-idle-clock")
        # mail composed inside a task gets Message-IDs that a re-run of the task reproduces
        task_started.connect(mail_delivery.task_started, dispatch_uid="core-mail-task-started")
        task_finished.connect(mail_delivery.task_finished, dispatch_uid="core-mail-task-finished")
        connect_task_signals()
        self._watch_writes()

    def _watch_writes(self) -> None:
        """Data versions (core.versions): every connection reports its writes per area."""
        import atexit

        from django.apps import apps
        from django.core.signals import request_finished
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from ontmoetingen.core import versions

        versions.register_areas(apps.get_app_configs())
        connection_created.connect(versions.install, dispatch_uid="core-data-versions")
        for connection in connections.all(initialized_only=True):
            versions.install(sender=None, connection=connection)
        request_finished.connect(versions.flush_signal, dispatch_uid="core-versions-flush")
        atexit.register(versions.flush_signal)
        # a migration or a flush (transactional tests) changes data without reporting it
        pre_migrate.connect(versions.migration_started, sender=self, dispatch_uid="core-v-pre")
        post_migrate.connect(versions.bump_all, sender=self, dispatch_uid="core-v-post")
