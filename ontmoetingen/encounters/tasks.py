"""Periodic tasks (AppConfig.periodic_tasks)."""

from django_tasks import task

from ontmoetingen.encounters import services


@task()
def expire_introductions() -> int:
    """Requests unanswered after 30 days expire ("geen reactie" for the requester)."""
    return services.introductions_expire()
