from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ontmoetingen.core"
    label = "core"
    verbose_name = "Basis"
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
