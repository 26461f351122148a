"""Enqueue a task as part of the current transaction (a transactional outbox).

With the database task backend (django-tasks-db, production) the task row is written inside the
surrounding transaction: the change and the task that reports it (a confirmation mail) commit
together or not at all, so a crash right after the commit cannot leave a registration without
its mail, and a rollback leaves no mail behind. Backends that do not store tasks in the
database (the immediate backend of the tests, which would run the task at once) are deferred to
``transaction.on_commit`` instead, which keeps "nothing is sent for a rolled-back change".
"""

from __future__ import annotations

from django.db import transaction


def writes_with_transaction(task) -> bool:
    """Whether enqueueing ``task`` writes a row in the database transaction of the caller."""
    from django_tasks_db import DatabaseBackend

    return isinstance(task.get_backend(), DatabaseBackend)


def enqueue(task, *args, **kwargs) -> None:
    """Enqueue ``task`` so that it exists exactly when the current transaction commits."""
    if writes_with_transaction(task):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
