"""Case 4: a registration and its confirmation mail are written in one transaction.

With the database task backend (production), the task row is written with the registration.
"Crash right after the commit" is simulated by never running the on-commit callbacks (the test
transaction discards them): any mail that waited for on_commit is lost, an outbox row is not.
"""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.events.models import Registration
from ontmoetingen.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DB_TASKS


def _register(client, event, n: int):
    data = {
        "name": f"Deelnemer {n}",
        "email": f"deelnemer{n}@voorbeeld.nl",
        "domain": "jgz",
        "work_municipality": "",
        "consent": "on",
    }
    return client.post(reverse("events:register", args=[event.slug]), data)


def run_queue() -> None:
    """What the worker does, in this process: run each stored task once, oldest first (tasks
    may enqueue further tasks: compose_mail queues deliver_mail)."""
    done: set = set()
    while True:
        pending = DBTaskResult.objects.exclude(pk__in=done).order_by("enqueued_at")
        row = pending.first()
        if row is None:
            return
        done.add(row.pk)
        args = row.args_kwargs
        import_string(row.task_path).call(*args["args"], **args["kwargs"])


def _queued_registration_ids() -> set[int]:
    ids = set()
    for row in DBTaskResult.objects.filter(task_path__endswith="compose_mail"):
        kind, object_id = row.args_kwargs["args"]
        if kind == "registration_outcome":
            ids.add(object_id)
    return ids


def test_crash_after_commit_leaves_no_registration_without_its_mail(
    database_tasks, client_from, outbox
):
    event = EventFactory(capacity=3)
    for n in range(5):  # three confirmed, two on the waiting list
        assert _register(client_from(f"192.0.2.{n + 1}"), event, n).status_code == 302
    registrations = set(Registration.objects.values_list("pk", flat=True))
    assert len(registrations) == 5
    # the process "died" after each commit: no on-commit callback ran
    assert registrations - _queued_registration_ids() == set()
    # a worker picks the queue up later and every person gets their mail
    run_queue()
    assert sorted(m.to[0] for m in outbox) == [f"deelnemer{n}@voorbeeld.nl" for n in range(5)]


def test_rolled_back_change_leaves_no_mail(database_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_templated_mail(
            to="vera@voorbeeld.nl",
            template="events/mail/cancelled",
            context={"registration": None, "event": None},
        )
        raise RuntimeError("de wijziging mislukt")
    assert not DBTaskResult.objects.exists()


def test_refused_registration_writes_no_mail_task(database_tasks, client_from):
    event = EventFactory()
    assert _register(client_from("192.0.2.1"), event, 1).status_code == 302
    assert _register(client_from("192.0.2.1"), event, 1).status_code == 200  # duplicate
    assert DBTaskResult.objects.filter(task_path__endswith="compose_mail").count() == 1
