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

from ontmoetingen.core import statements

_validated: set[int] = set()


def writes_with_transaction(task) -> bool:
    """Whether enqueueing ``task`` writes a row in the database transaction of the caller."""
    from django_tasks_db import DatabaseBackend

    return isinstance(task.get_backend(), DatabaseBackend)


def enqueue(task, *args, **kwargs) -> None:
    """Enqueue ``task`` so that it exists exactly when the current transaction commits."""
    if writes_with_transaction(task):
        _write_task_row(task, args, kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def _write_task_row(task, args: tuple, kwargs: dict) -> None:
    """The row ``task.enqueue()`` of django-tasks-db writes, written with one lean statement
    (core/statements.py): every registration in a rush enqueues its mail, and the ORM's
    ``create`` there cost as much as the registration's own decision. The task is validated
    by the backend once per process. The row's columns are the backend's own, field for
    field; a test compares them with what ``task.enqueue()`` writes, so an upgrade of
    django-tasks-db that changes them fails there. Not sent: the library's
    ``task_enqueued`` signal, which only logs at debug level (the worker logs every task)."""
    from django_tasks.utils import normalize_json
    from django_tasks_db.models import DBTaskResult

    backend = task.get_backend()
    if id(task) not in _validated:
        backend.validate_task(task)
        _validated.add(id(task))
    statements.insert(
        DBTaskResult(
            id=backend._get_id(),  # the backend's own choice of id
            args_kwargs=normalize_json({"args": args, "kwargs": kwargs}),
            priority=task.priority,
            task_path=task.module_path,
            queue_name=task.queue_name,
            run_after=task.run_after,
            backend_name=backend.alias,
        )
    )
