"""Periodic tasks (AppConfig.periodic_tasks)."""

from django_tasks import task

from ontmoetingen.accounts import services


@task()
def erase_deleted_accounts() -> int:
    """Accounts whose owner asked to delete them, once the grace period has passed."""
    return services.accounts_erase_due()
