"""Periodic task (AppConfig.periodic_tasks): remind owners of overdue follow-up actions."""

from django_tasks import task

from ontmoetingen.tracks import services


@task()
def remind_overdue_actions() -> int:
    """Idempotent: each overdue action reminds its owner once (``reminded_at``)."""
    return services.actions_remind_overdue()
