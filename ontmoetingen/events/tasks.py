"""Periodic tasks (AppConfig.periodic_tasks): reminders two days before, feedback after."""

from django_tasks import task

from ontmoetingen.events import retention, services


@task()
def send_reminders() -> int:
    """Idempotent: each confirmed person gets one reminder (``reminder_sent_at``)."""
    return services.reminders_send()


@task()
def send_feedback_requests() -> int:
    return services.feedback_requests_send()


@task()
def anonymise_registrations() -> int:
    """Remove personal data of registrations the retention period after their event."""
    return retention.registrations_anonymise()
