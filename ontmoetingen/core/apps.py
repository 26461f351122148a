from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ontmoetingen.core"
    label = "core"
    verbose_name = "Basis"

    def ready(self):
        from ontmoetingen.core import checks  # noqa: F401 (registers the system checks)
