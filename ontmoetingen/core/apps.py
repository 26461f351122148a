from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ontmoetingen.core"
    label = "core"
    verbose_name = "Basis"

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
