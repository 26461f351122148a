from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ontmoetingen.core"
    label = "core"
    verbose_name = "Basis"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from ontmoetingen.core import checks  # noqa: F401 (registers the system checks)
        from ontmoetingen.core.logs import connect_task_signals
        from ontmoetingen.core.middleware import mark_activity_at_login

        user_logged_in.connect(mark_activity_at_login, dispatch_uid="core-idle-clock")
        connect_task_signals()
