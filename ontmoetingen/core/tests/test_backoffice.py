"""/beheer/ shows what needs attention; failed mails are listed with their reason and can be
sent again (issue 12 §3, issue 15 §1)."""

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.mail import deliver_mail
from ontmoetingen.core.models import AuditLog

pytestmark = pytest.mark.django_db

MAIL = {
    "subject": "Bevestiging van uw aanmelding",
    "body": "Tot ziens!",
    "from_email": "noreply@example.org",
    "to": ["onbereikbaar@example.org"],
    "cc": [],
    "bcc": [],
    "reply_to": [],
    "headers": {},
    "alternatives": [],
    "attachments": [],
}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _failed_mail() -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.FAILED,
        args_kwargs={"args": [MAIL, 5], "kwargs": {}},
        task_path=deliver_mail.module_path,
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now(),
        exception_class_path="smtplib.SMTPRecipientsRefused",
        traceback="Traceback ...\nsmtplib.SMTPRecipientsRefused: 550 5.1.1 mailbox unavailable",
    )


@pytest.fixture
def team_client(client):
    client.force_login(UserFactory(project_team=True))
    return client


def test_overview_counts_failed_mails_and_links_to_the_list(team_client, database_queue):
    _failed_mail()
    _failed_mail()
    html = team_client.get("/beheer/").content.decode()
    assert 'href="/beheer/mails/"' in html
    assert '<span class="attention__count">2</span>' in html


def test_failed_mail_is_listed_with_its_reason(team_client, database_queue):
    _failed_mail()
    html = team_client.get("/beheer/mails/").content.decode()
    assert "onbereikbaar@example.org" in html
    assert "550 5.1.1 mailbox unavailable" in html
    assert "Bevestiging van uw aanmelding" in html


def test_resend_puts_the_mail_back_on_the_queue_once(team_client, database_queue):
    failed = _failed_mail()
    response = team_client.post("/beheer/mails/", {"mail": str(failed.pk)})
    assert response.status_code == 302
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    queued = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert queued.args_kwargs["args"][0]["to"] == ["onbereikbaar@example.org"]
    assert AuditLog.objects.filter(action="mail opnieuw in de wachtrij gezet").count() == 1
    # a second click on the same (now gone) row queues nothing more
    team_client.post("/beheer/mails/", {"mail": str(failed.pk)})
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


@pytest.mark.parametrize("role", [None, "professional", "coordinator", "partner"])
def test_only_the_team_sees_failed_mails(client, role, database_queue):
    if role:
        client.force_login(UserFactory(**{role: True}))
    response = client.get("/beheer/mails/")
    assert response.status_code == (403 if role else 302)
    response = client.post("/beheer/mails/", {"mail": "x"})
    assert response.status_code == (403 if role else 302)


def _attention_item(html: str, href: str) -> str:
    start = html.index(f'href="{href}"')
    return html[start : html.index("</li>", start)]


def test_overview_counts_new_questions_and_open_theme_proposals(team_client):
    from ontmoetingen.questions.tests.factories import ProposalFactory, QuestionFactory

    QuestionFactory.create_batch(2)
    QuestionFactory(status="in_progress")
    ProposalFactory()
    ProposalFactory(taken_up=True)
    html = team_client.get("/beheer/").content.decode()
    item = _attention_item(html, "/beheer/vragen/?status=new")
    assert '<span class="attention__count">2</span>' in item
    assert "nieuwe vragen" in item
    item = _attention_item(html, "/themas/?status=open")
    assert '<span class="attention__count">1</span>' in item


def test_overview_counts_toolkit_proposals_waiting_for_moderation(team_client):
    from ontmoetingen.toolkit.tests.factories import ResourceFactory

    ResourceFactory.create_batch(3, proposed=True)
    ResourceFactory()
    html = team_client.get("/beheer/").content.decode()
    item = _attention_item(html, "/toolkit/beheer/")
    assert '<span class="attention__count">3</span>' in item


def test_overview_lists_next_events_with_how_full_they_are(team_client):
    from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory

    event = EventFactory(title="Startbijeenkomst Zeeland", capacity=10)
    RegistrationFactory.create_batch(4, event=event)
    EventFactory(past=True)
    EventFactory(draft=True)
    html = team_client.get("/beheer/").content.decode()
    item = _attention_item(html, "/beheer/agenda/?wanneer=komend")
    assert '<span class="attention__count">1</span>' in item
    assert f'href="/beheer/agenda/{event.pk}/"' in item
    assert "Startbijeenkomst Zeeland" in item and "4 van 10 plaatsen bezet" in item
