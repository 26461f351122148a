"""Mail is never lost and never sent twice; dead workers' tasks run again; periodic work is
enqueued once per period (issue 15 §1, issue 14 §3)."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ontmoetingen.core import mail, mail_delivery, registry, scheduling, workers
from ontmoetingen.core.models import MailDelivery, PeriodicRun, WorkerHeartbeat

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _data(to="a@voorbeeld.nl"):
    return mail.message_to_data(EmailMessage("Onderwerp", "Tekst", to=[to]))


def test_second_run_of_a_delivered_message_sends_nothing(outbox):
    """A task re-run after the worker died between the send and marking the task done."""
    data = _data()
    assert mail.deliver_mail.call(data, 1) == "sent"
    assert mail.deliver_mail.call(data, 1) == "already sent"
    assert len(outbox) == 1
    assert outbox[0].extra_headers["Message-ID"] == data["headers"]["Message-ID"]
    delivery = MailDelivery.objects.get()
    assert delivery.status == "sent" and delivery.attempts == 1


def test_message_held_by_a_live_attempt_is_not_sent_again(settings, outbox):
    settings.TASKS = DB_TASKS
    data = _data()
    claim = mail_delivery.delivery_claim(message_id=mail.message_id(data))
    assert claim.outcome == "send"
    assert mail.deliver_mail.call(data, 1) == "busy"
    assert outbox == []
    # looked at again when the lease ends
    later = DBTaskResult.objects.get(task_path=mail.deliver_mail.module_path)
    assert later.run_after >= claim.lease_until - timedelta(seconds=1)


def test_message_of_a_dead_attempt_is_sent_after_its_lease(outbox):
    data = _data()
    mail_delivery.delivery_claim(message_id=mail.message_id(data))
    MailDelivery.objects.update(lease_until=timezone.now() - timedelta(seconds=1))
    assert mail.deliver_mail.call(data, 1) == "sent"
    assert len(outbox) == 1 and MailDelivery.objects.get().attempts == 2


def test_queued_mail_gets_a_message_id_and_a_delivery_row(settings):
    settings.TASKS = DB_TASKS
    EmailMessage("Onderwerp", "Tekst", to=["a@voorbeeld.nl"]).send()
    row = DBTaskResult.objects.get(task_path=mail.deliver_mail.module_path)
    message_id = row.args_kwargs["args"][0]["headers"]["Message-ID"]
    assert MailDelivery.objects.get().message_id == message_id
    assert message_id.endswith("@kansrijke-ontmoetingen.example>")


def test_task_run_again_composes_the_same_message_ids_and_queues_nothing_twice(settings):
    """compose_mail re-run after its worker died: the mails it queued the first time are not
    queued again (old code: a second, differently identified copy of each)."""
    settings.TASKS = DB_TASKS

    class Run:
        id = "3f1c2d8e-0000-4000-8000-000000000001"

    for _ in range(2):
        mail_delivery.task_started(None, task_result=Run)
        EmailMessage("Bevestiging", "Tekst", to=["a@voorbeeld.nl"]).send()
        EmailMessage("Bevestiging", "Tekst", to=["b@voorbeeld.nl"]).send()
        mail_delivery.task_finished(None, task_result=Run)
    assert DBTaskResult.objects.filter(task_path=mail.deliver_mail.module_path).count() == 2
    assert MailDelivery.objects.count() == 2


def test_permanent_refusal_fails_at_once_with_the_reason(monkeypatch, outbox):
    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x@voorbeeld.nl": (550, b"5.1.1 mailbox unknown")})

    monkeypatch.setattr(django_mail.backends.locmem.EmailBackend, "send_messages", refuse)
    with pytest.raises(mail.DeliveryFailed, match=r"550 5.1.1 mailbox unknown \(x@voorbeeld.nl\)"):
        mail.deliver_mail.call(_data("x@voorbeeld.nl"), 1)
    delivery = MailDelivery.objects.get()
    assert delivery.status == "failed" and "550" in delivery.last_error


def test_retry_delay_doubles_up_to_the_maximum(settings):
    settings.MAIL_RETRY_BASE_SECONDS = 10
    settings.MAIL_RETRY_MAX_SECONDS = 35
    assert [mail.retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [10, 20, 35, 35]


def test_bounce_address_is_the_envelope_sender(settings):
    from ontmoetingen.core.mail_smtp import envelope_sender

    message = EmailMessage("Onderwerp", "Tekst", "noreply@voorbeeld.nl", ["a@voorbeeld.nl"])
    settings.MAIL_BOUNCE_ADDRESS = ""
    assert envelope_sender(message) == "noreply@voorbeeld.nl"
    settings.MAIL_BOUNCE_ADDRESS = "bounces@voorbeeld.nl"
    assert envelope_sender(message) == "bounces@voorbeeld.nl"


def test_email_timeout_is_set():
    from django.conf import settings

    assert settings.EMAIL_TIMEOUT and settings.EMAIL_TIMEOUT <= 60


def _running(worker_id: str, *, started_minutes_ago: int = 5, claims: int = 1) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [_data()], "kwargs": {}},
        task_path=mail.deliver_mail.module_path,
        backend_name="default",
        queue_name="default",
        run_after=timezone.now() - timedelta(minutes=10),
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago),
        worker_ids=[f"earlier-{n}" for n in range(claims - 1)] + [worker_id],
    )


def test_reaper_requeues_the_task_of_a_dead_worker_only(settings):
    settings.TASK_WORKER_LEASE_SECONDS = 60
    WorkerHeartbeat.objects.create(worker_id="dead", seen_at=timezone.now() - timedelta(minutes=3))
    WorkerHeartbeat.objects.create(worker_id="alive", seen_at=timezone.now())
    dead, alive = _running("dead"), _running("alive")
    assert workers.tasks_reap() == {"requeued": 1, "failed": 0}
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == TaskResultStatus.READY
    assert alive.status == TaskResultStatus.RUNNING


def test_reaper_gives_up_after_too_many_dead_workers(settings):
    settings.TASK_MAX_CLAIMS = 3
    row = _running("gone", claims=3)
    assert workers.tasks_reap() == {"requeued": 0, "failed": 1}
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert "3 keer weg" in row.traceback


@pytest.mark.django_db(transaction=True)
def test_worker_picks_up_a_task_left_running_by_a_killed_worker(settings, outbox):
    """Old code: the task stays RUNNING for good and the mail is never delivered."""
    settings.TASKS = DB_TASKS
    row = _running("killed-worker")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert [m.subject for m in outbox] == ["Onderwerp"]


def test_two_schedulers_in_one_period_enqueue_each_task_once(settings):
    """Old code: every scheduler round enqueued every periodic task again."""
    settings.TASKS = DB_TASKS
    now = timezone.now()
    first = scheduling.schedule_round(interval=300, now=now)
    second = scheduling.schedule_round(interval=300, now=now + timedelta(seconds=1))
    periodic = registry.periodic_tasks()
    assert periodic and set(first.values()) == {True} and set(second.values()) == {False}
    paths = [task.module_path for task in periodic]
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == sorted(paths)
    assert PeriodicRun.objects.count() == len(paths)
    # the next period enqueues again
    scheduling.schedule_round(interval=300, now=now + timedelta(seconds=301))
    assert DBTaskResult.objects.count() == 2 * len(paths)


def test_scheduler_command_twice_enqueues_once(settings):
    settings.TASKS = DB_TASKS
    call_command("scheduler", "--once", "--interval", "86400")
    call_command("scheduler", "--once", "--interval", "86400")
    assert DBTaskResult.objects.count() == len(registry.periodic_tasks())


def test_long_period_is_remembered_for_its_whole_length(settings):
    """A period longer than the pruning age: its row must survive, or a later round in the
    same period would enqueue again."""
    settings.TASKS = DB_TASKS
    interval = 100_000_000  # about three years
    start = scheduling.period_start(timezone.now(), interval)
    scheduling.schedule_round(interval=interval, now=start + timedelta(days=30))
    again = scheduling.schedule_round(interval=interval, now=start + timedelta(days=60))
    assert set(again.values()) == {False}


def test_scheduler_forgets_delivered_mail_after_a_month(settings):
    settings.TASKS = DB_TASKS
    old = MailDelivery.objects.create(
        message_id="<oud@x>", status="sent", sent_at=timezone.now() - timedelta(days=31)
    )
    MailDelivery.objects.create(message_id="<mislukt@x>", status="failed")
    MailDelivery.objects.create(message_id="<nieuw@x>", status="sent", sent_at=timezone.now())
    scheduling.schedule_round(interval=300)
    assert not MailDelivery.objects.filter(pk=old.pk).exists()
    assert MailDelivery.objects.count() == 2


def test_scheduler_removes_abuse_counters_whose_window_ended(settings):
    from ontmoetingen.core import ratelimit
    from ontmoetingen.core.models import RateCounter

    settings.TASKS = DB_TASKS
    ratelimit.enforce(("registration_address", "203.0.113.7"))
    assert ratelimit.counted("registration_address", "203.0.113.7") == 1
    RateCounter.objects.create(key="rl:old", count=3, expires=timezone.now() - timedelta(seconds=1))
    scheduling.schedule_round(interval=300)
    assert list(RateCounter.objects.values_list("count", flat=True)) == [1]


@pytest.mark.django_db(transaction=True)
def test_worker_restarted_under_the_same_id_picks_up_its_own_task(settings, outbox):
    """Workers started with a fixed --worker-id (the local cluster): the killed one's heartbeat
    comes back at once under the same id, so the reaper alone would never free its task."""
    settings.TASKS = DB_TASKS
    row = _running("worker1", started_minutes_ago=0)
    WorkerHeartbeat.objects.create(worker_id="worker1", seen_at=timezone.now())
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--worker-id",
        "worker1",
        verbosity=0,
    )
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert len(outbox) == 1
