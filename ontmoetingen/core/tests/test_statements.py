"""core/statements.py: the lean fetch and insert give exactly what the ORM gives."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ontmoetingen.core import outbox, statements
from ontmoetingen.events import capacity, mails
from ontmoetingen.events.models import Event, Registration, RegistrationStatus
from ontmoetingen.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _row(model, pk) -> dict:
    return model.objects.filter(pk=pk).values().get()


def _fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_fetch_gives_the_same_instance_as_the_orm():
    event = EventFactory(capacity=40, balance_max_share=40)
    fetched = statements.fetch(Event, "id = %s", [event.pk])
    assert isinstance(fetched, Event)
    assert _fields(fetched) == _fields(Event.objects.get(pk=event.pk))
    assert timezone.is_aware(fetched.starts_at)  # converted as the ORM converts it
    assert fetched._state.adding is False
    assert statements.fetch(Event, "id = %s", [event.pk + 1000]) is None


def test_fetch_for_update_locks_only_where_the_database_has_row_locks():
    event = EventFactory()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        statements.fetch(Event, "id = %s", [event.pk], for_update=True)
        statements.fetch(Event, "id = %s", [event.pk])
    locked, plain = (q["sql"] for q in queries.captured_queries)
    assert locked.endswith("FOR UPDATE") is connection.features.has_select_for_update
    assert "FOR UPDATE" not in plain


def test_lock_event_takes_the_lock_through_locking_for_update(monkeypatch):
    """The concurrency tests turn row locks off by replacing ``locking.for_update``: the lean
    statement must follow it, or they could not show the race without the lock."""
    from ontmoetingen.events import locking

    event = EventFactory()
    monkeypatch.setattr(locking, "for_update", lambda queryset: queryset)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert capacity.lock_event(event.pk).pk == event.pk
    assert "FOR UPDATE" not in queries.captured_queries[0]["sql"]
    with pytest.raises(Event.DoesNotExist):
        capacity.lock_event(event.pk + 1000)


def test_insert_writes_the_row_save_would_write():
    event = EventFactory()
    now = timezone.now()
    common = {
        "event": event,
        "name": "Ans de Vries (voorbeeld)",
        "domain": "jgz",
        "organisation": "GGD (voorbeeld)",
        "answers": {"vraag": ["a", "b"], "aantal": 2},
        "status": RegistrationStatus.CONFIRMED,
        "created_at": now,
        "confirmed_at": now + timedelta(seconds=1),
    }
    saved = Registration(email="saved@voorbeeld.nl", **common)
    saved.save()
    lean = statements.insert(Registration(email="lean@voorbeeld.nl", **common))
    assert lean.pk is not None and lean.pk != saved.pk
    assert lean._state.adding is False
    expected = {**_row(Registration, saved.pk), "id": lean.pk, "email": "lean@voorbeeld.nl"}
    assert _row(Registration, lean.pk) == expected
    with pytest.raises(ValueError):
        statements.insert(lean)  # a row that exists already


def test_insert_sends_the_save_signals_like_save(settings):
    """django-tasks-db fills in ``run_after`` in a pre_save receiver."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    row = statements.insert(
        DBTaskResult(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="ontmoetingen.events.mails.compose_mail",
            queue_name="default",
            backend_name="default",
            run_after=None,
        )
    )
    assert DBTaskResult.objects.get(pk=row.pk).run_after is not None


def test_outbox_writes_the_row_the_task_backend_writes(settings):
    """The outbox writes django-tasks-db's row itself (one lean statement): column for column
    what ``task.enqueue()`` writes, so an upgrade that changes the row fails here."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert outbox.writes_with_transaction(mails.compose_mail)
    with transaction.atomic():
        outbox.enqueue(mails.compose_mail, "registration_outcome", 7)
    ours = DBTaskResult.objects.get()
    theirs = DBTaskResult.objects.get(pk=mails.compose_mail.enqueue("registration_outcome", 7).id)
    skip = {"id", "enqueued_at"}
    assert {k: v for k, v in _row(DBTaskResult, ours.pk).items() if k not in skip} == {
        k: v for k, v in _row(DBTaskResult, theirs.pk).items() if k not in skip
    }
    assert ours.task_result.args == ["registration_outcome", 7]


def _busy_ms() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own lock wait")
def test_sqlite_lock_wait_sets_and_restores_the_wait():
    usual = _busy_ms()
    with statements.sqlite_lock_wait(0.25):
        assert _busy_ms() == 250
        with statements.sqlite_lock_wait(10):
            assert _busy_ms() == 10_000
        assert _busy_ms() == 250  # the outer block's wait again
    assert _busy_ms() == usual
    with pytest.raises(RuntimeError), statements.sqlite_lock_wait(1):
        raise RuntimeError  # restored on the way out of an error as well
    assert _busy_ms() == usual
