"""Periodic task of workshops by preference: the draft is ready when the deadline passes."""

from django_tasks import task

from ontmoetingen.events import allocation_services


@task()
def draft_due_allocations() -> int:
    return allocation_services.allocations_due()
