import json
import logging

import pytest
from django.core.mail import EmailMessage
from django.db import transaction

from ontmoetingen.core.logs import JsonFormatter, RequestIdFilter, TextFormatter, request_id

pytestmark = pytest.mark.django_db


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "ontmoetingen.requests"]


def test_every_response_carries_a_generated_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="ontmoetingen.requests")
    first = client.get("/robots.txt")
    second = client.get("/robots.txt")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]
    lines = request_lines(caplog)
    assert [(r.method, r.path, r.status) for r in lines] == [("GET", "/robots.txt", 200)] * 2
    assert lines[0].duration_ms >= 0


def test_passing_health_checks_are_not_logged_at_info(client, caplog):
    caplog.set_level(logging.INFO, logger="ontmoetingen.requests")
    assert client.get("/healthz").status_code == 200
    assert request_lines(caplog) == []


def test_the_proxys_request_id_is_kept_and_a_malformed_one_replaced(client):
    kept = client.get("/healthz", headers={"X-Request-ID": "haproxy-7f3a:42"})
    assert kept["X-Request-ID"] == "haproxy-7f3a:42"
    forged = client.get("/healthz", headers={"X-Request-ID": "x\nlevel=ERROR fake line"})
    assert forged["X-Request-ID"] != "x\nlevel=ERROR fake line"
    assert len(forged["X-Request-ID"]) == 32


def test_error_responses_and_personal_links_are_logged_without_the_token(client, caplog):
    caplog.set_level(logging.INFO, logger="ontmoetingen.requests")
    client.get("/bestaat-niet/")
    client.get("/agenda/aanmelding/geheim-token-123/")
    lines = request_lines(caplog)
    assert (lines[0].path, lines[0].status) == ("/bestaat-niet/", 404)
    assert lines[1].path == "/agenda/aanmelding/…"
    assert "geheim-token-123" not in lines[1].getMessage()


def test_records_written_during_a_request_carry_its_id(client, caplog):
    caplog.set_level(logging.INFO, logger="ontmoetingen.requests")
    caplog.handler.addFilter(RequestIdFilter())
    response = client.get("/robots.txt", headers={"X-Request-ID": "abc-123"})
    assert request_lines(caplog)[0].request_id == "abc-123"
    assert response["X-Request-ID"] == "abc-123"
    assert request_id.get() == "-"


def make_record(**extra) -> logging.LogRecord:
    record = logging.makeLogRecord(
        {"name": "ontmoetingen.requests", "levelno": logging.INFO, "levelname": "INFO"}
    )
    record.msg = "GET / 200"
    record.request_id = "r1"
    record.__dict__.update(extra)
    return record


def test_json_format_is_one_object_per_line_with_the_fields():
    line = JsonFormatter().format(make_record(status=200, path="/"))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "GET / 200"
    assert entry["request_id"] == "r1"
    assert entry["status"] == 200
    assert entry["logger"] == "ontmoetingen.requests"


def test_text_format_appends_the_fields_as_key_value():
    line = TextFormatter().format(make_record(status=200))
    assert "[r1] GET / 200 status=200" in line


def test_one_line_per_task(django_capture_on_commit_callbacks, caplog, outbox):
    caplog.set_level(logging.INFO)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        EmailMessage("Onderwerp", "Tekst", to=["a@voorbeeld.nl"]).send()
    lines = [r for r in caplog.records if r.name == "ontmoetingen.tasks"]
    assert len(lines) == 1
    assert lines[0].task == "ontmoetingen.core.mail.deliver_mail"
    assert lines[0].status == "SUCCESSFUL"
    assert len(outbox) == 1


def test_the_demo_summarises_mail_instead_of_a_line_per_mail(
    settings, django_capture_on_commit_callbacks
):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from ontmoetingen.core.management.commands.demo import mail_summary

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    since = timezone.now()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        EmailMessage("Onderwerp", "Tekst", to=["a@voorbeeld.nl"]).send()
        EmailMessage("Tweede", "Tekst", to=["b@voorbeeld.nl"]).send()
    assert mail_summary(since) == "Mail sinds de start: 0 bezorgd, 2 in de wachtrij, 0 mislukt."
    first, second = DBTaskResult.objects.order_by("pk")
    first.set_successful("sent")
    second.set_successful("retry")  # a retry is not a delivery (its next attempt is)
    assert mail_summary(since) == "Mail sinds de start: 1 bezorgd, 0 in de wachtrij, 0 mislukt."
