"""Case 8: formulas in exports, absurd dates, the reset link's host, idle sessions, invisible
characters in names."""

import io
import re
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.events.models import Event, Registration, RegistrationQuestion
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client_from):
    browser = client_from("192.0.2.1")
    browser.force_login(UserFactory(project_team=True))
    return browser


def test_xlsx_and_csv_exports_neutralise_formulas_in_headers_and_cells(team):
    event = EventFactory()
    RegistrationQuestion.objects.create(
        event=event, kind="text", label='=HYPERLINK("https://kwaad.example")', order=0
    )
    RegistrationFactory(event=event, name="@SUM(1+1)", organisation="+31 6 1234", role="\tx")
    url = reverse("events:manage_export", args=[event.pk, "xlsx"])
    workbook = load_workbook(io.BytesIO(team.get(url).content))
    sheet = workbook.active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert '\'=HYPERLINK("https://kwaad.example")' in header
    assert not any(isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") for v in values)
    text = team.get(reverse("events:manage_export", args=[event.pk, "csv"])).content.decode()
    assert "'=HYPERLINK" in text and "'@SUM" in text and "'+31" in text


def _event_data(**extra):
    start = timezone.localtime() + timedelta(days=20)
    return {
        "title": "Bijeenkomst",
        "kind": "kennisbijeenkomst",
        "summary": "Samen",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "venue": "Stadskantoor",
        "is_national": "on",
        "sessies-TOTAL_FORMS": "0",
        "sessies-INITIAL_FORMS": "0",
        "vragen-TOTAL_FORMS": "0",
        "vragen-INITIAL_FORMS": "0",
        **extra,
    }


@pytest.mark.parametrize("value", ["0001-01-01T00:00", "9999-12-31T23:59", "1899-05-01T10:00"])
def test_event_dates_outside_a_sane_range_are_refused(team, value):
    response = team.post(
        reverse("events:manage_create"), _event_data(starts_at=value, ends_at=value)
    )
    assert response.status_code in (200, 400)
    assert "Kies een datum tussen 2000 en 2100" in response.content.decode()
    assert not Event.objects.exists()


def test_password_reset_link_uses_site_url_not_the_host_header(
    client, settings, django_capture_on_commit_callbacks, outbox
):
    settings.SITE_URL = "https://kansrijke-ontmoetingen.example"
    settings.ALLOWED_HOSTS = ["*"]
    UserFactory(email="vera@voorbeeld.nl")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:password_reset"),
            {"email": "vera@voorbeeld.nl"},
            HTTP_HOST="kwaadaardig.example",
        )
    body = outbox[0].body
    assert "kwaadaardig.example" not in body
    assert re.search(r"https://kansrijke-ontmoetingen\.example/wachtwoord-instellen/", body)


@pytest.mark.parametrize("traits", [{"project_team": True}, {"coordinator": True}])
def test_team_and_coordinators_are_logged_out_when_idle(client, settings, traits):
    settings.SESSION_IDLE_TIMEOUT = 60 * 60
    client.force_login(UserFactory(**traits))
    assert client.get("/mijn/").status_code == 200
    session = client.session
    session["last_activity"] = int(time.time()) - 2 * 60 * 60
    session.save()
    response = client.get("/mijn/")
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert "_auth_user_id" not in client.session


def test_professionals_keep_their_session_when_idle(client, settings):
    client.force_login(UserFactory(professional=True))
    session = client.session
    session["last_activity"] = int(time.time()) - 2 * 60 * 60
    session.save()
    assert client.get("/mijn/").status_code == 200


def test_bidi_overrides_and_zero_width_characters_are_stripped_from_names(client_from):
    event = EventFactory()
    response = client_from("192.0.2.1").post(
        reverse("events:register", args=[event.slug]),
        {
            "name": "Vera\u202e sevirV ed\u200b\u2066",
            "email": "vera@voorbeeld.nl",
            "domain": "jgz",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert Registration.objects.get().name == "Vera sevirV ed"
