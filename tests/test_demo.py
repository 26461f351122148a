"""The demo set-up: seeding is deterministic, idempotent and marks everything as an example."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {
            "accounts",
            "regions",
            "directory",
            "coalitions",
            "events",
            "toolkit",
            "glossary",
            "questions",
        }
    }


def test_seed_demo_small_is_idempotent():
    call_command("seed_demo", scale="small", stdout=io.StringIO())
    first = _counts()
    assert first["accounts.User"] >= 4
    assert first["regions.Municipality"] == 342
    call_command("seed_demo", scale="small", stdout=io.StringIO())
    assert _counts() == first

    from django.utils import timezone

    from ontmoetingen.events.models import Event

    weekend = [
        e.title for e in Event.objects.all() if timezone.localtime(e.starts_at).weekday() >= 5
    ]
    assert weekend == []


def test_demo_logins_work(client):
    from ontmoetingen.accounts.demo import DEMO_PASSWORD, DEMO_USERS

    call_command("seed_demo", scale="small", stdout=io.StringIO())
    for email, name, _role in DEMO_USERS:
        assert "(voorbeeld)" in name
        response = client.post("/inloggen/", {"username": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        client.post("/uitloggen/")


def test_cli_reads_data_dir_before_settings(tmp_path, monkeypatch):
    import os

    from ontmoetingen import cli

    monkeypatch.setattr("django.core.management.execute_from_command_line", lambda argv: None)
    monkeypatch.setenv("ONTMOETINGEN_DATA_DIR", "")  # restored after the test
    cli.main(["ontmoetingen", "demo", "--data-dir", str(tmp_path / "demo")])
    assert os.environ["ONTMOETINGEN_DATA_DIR"] == str(tmp_path / "demo")


def test_demo_change_log_has_entries_once(client):
    """The demo's change log (/beheer/wijzigingen/) is not empty: the recent seeded history is
    written through core.audit.record, once."""
    from ontmoetingen.coalitions.models import Coalition
    from ontmoetingen.core.models import AuditLog

    call_command("seed_demo", scale="small", stdout=io.StringIO())
    entries = AuditLog.objects.for_model(Coalition)
    first = entries.count()
    assert first > 0
    assert entries.filter(action="status gewijzigd", actor__isnull=False).exists()
    call_command("seed_demo", scale="small", stdout=io.StringIO())
    assert entries.count() == first
    client.post(
        "/inloggen/",
        {
            "username": "projectteam@demo.kansrijke-ontmoetingen.nl",
            "password": "kansrijk-demo-2026",
        },
    )
    html = client.get("/beheer/wijzigingen/").content.decode()
    assert "status gewijzigd" in html
