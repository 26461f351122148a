"""Pages of workshops by preference and networking rounds: roles, the preference form, the
signed link to change choices, the draft page and the printouts."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.events import tokens
from ontmoetingen.events.models import (
    NetworkingPlan,
    Programme,
    Registration,
    SessionMode,
    TableSeat,
    WorkshopPreference,
)
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    event = EventFactory(capacity=40)
    Programme.objects.create(event=event, mode=SessionMode.PREFERENCE)
    slot = event.starts_at + timedelta(hours=1)
    sessions = [SessionFactory(event=event, title=t, starts_at=slot, capacity=5) for t in "ABC"]
    return event, sessions


def backoffice_urls(event, session):
    return [
        ("get", reverse("events:manage_programme", args=[event.pk])),
        ("post", reverse("events:manage_programme_run", args=[event.pk])),
        ("post", reverse("events:manage_programme_publish", args=[event.pk])),
        ("get", reverse("events:manage_workshop_list", args=[event.pk, session.pk])),
        ("get", reverse("events:manage_workshop_export", args=[event.pk, session.pk, "csv"])),
        ("get", reverse("events:manage_workshop_export", args=[event.pk, session.pk, "xlsx"])),
        ("get", reverse("events:manage_networking", args=[event.pk])),
        ("post", reverse("events:manage_networking_generate", args=[event.pk])),
        ("post", reverse("events:manage_networking_pair", args=[event.pk])),
        ("get", reverse("events:manage_networking_tables", args=[event.pk])),
        ("get", reverse("events:manage_networking_cards", args=[event.pk])),
    ]


def test_url_by_role(client, conference):
    event, (a, *_) = conference
    NetworkingPlan.objects.create(event=event)
    for method, url in backoffice_urls(event, a):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/inloggen/" in response["Location"], url
    client.force_login(UserFactory(professional=True))
    for method, url in backoffice_urls(event, a):
        assert getattr(client, method)(url).status_code == 403, url
    client.force_login(UserFactory(project_team=True))
    for method, url in backoffice_urls(event, a):
        assert getattr(client, method)(url).status_code in (200, 302), url


def test_preference_form_registers_choices(client, conference):
    event, (a, b, _c) = conference
    page = client.get(reverse("events:register", args=[event.slug]))
    html = page.content.decode()
    assert "1e keus" in html and "3e keus" in html and "<legend" in html
    response = client.post(
        reverse("events:register", args=[event.slug]),
        {
            "name": "Vera",
            "email": "vera@voorbeeld.nl",
            "domain": "geboortezorg",
            "consent": "on",
            "pref_1_1": str(b.pk),
            "pref_1_2": str(a.pk),
            "pref_1_3": "",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(email="vera@voorbeeld.nl")
    assert list(registration.preferences.values_list("rank", "session__title")) == [
        (1, "B"),
        (2, "A"),
    ]
    assert not registration.sessions.exists()
    detail = client.get(response["Location"]).content.decode()
    assert "1e keus: B" in detail and "Keuzes wijzigen" in detail


def test_same_workshop_twice_is_refused(client, conference):
    event, (a, *_) = conference
    response = client.post(
        reverse("events:register", args=[event.slug]),
        {
            "name": "Vera",
            "email": "vera@voorbeeld.nl",
            "domain": "geboortezorg",
            "consent": "on",
            "pref_1_1": str(a.pk),
            "pref_1_2": str(a.pk),
        },
    )
    assert response.status_code == 200
    assert "hooguit één keer" in response.content.decode()
    assert not Registration.objects.exists()


def test_change_choices_through_the_signed_link_until_the_deadline(client, conference):
    event, (a, b, c) = conference
    registration = RegistrationFactory(event=event)
    token = tokens.registration_token(registration.pk)
    url = reverse("events:preferences_edit", args=[token])
    response = client.post(url, {"pref_1_1": str(c.pk), "pref_1_2": str(a.pk)})
    assert response.status_code == 302
    assert list(
        WorkshopPreference.objects.filter(registration=registration).values_list(
            "session__title", flat=True
        )
    ) == ["C", "A"]
    Programme.objects.filter(event=event).update(
        allocation_deadline=timezone.now() - timedelta(hours=1)
    )
    response = client.post(url, {"pref_1_1": str(b.pk)})
    assert response.status_code == 200
    assert "niet meer wijzigen" in response.content.decode()
    assert registration.preferences.get(rank=1).session == c


def test_draft_page_shows_fill_mix_and_comparison(client, conference):
    event, (a, b, _c) = conference
    for i in range(7):
        registration = RegistrationFactory(event=event, domain="sociaal" if i % 2 else "jgz")
        WorkshopPreference.objects.create(
            registration=registration, slot=a.starts_at, rank=1, session=a
        )
        WorkshopPreference.objects.create(
            registration=registration, slot=a.starts_at, rank=2, session=b
        )
    client.force_login(UserFactory(project_team=True))
    client.post(reverse("events:manage_programme_run", args=[event.pk]))
    html = client.get(reverse("events:manage_programme", args=[event.pk])).content.decode()
    assert "Wie het eerst komt" in html
    assert "5 van 5" in html  # A is full in the draft
    assert "sociaal domein: " in html
    client.post(reverse("events:manage_programme_publish", args=[event.pk]))
    response = client.get(reverse("events:manage_workshop_export", args=[event.pk, a.pk, "csv"]))
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 5
    assert rows[0] == ["Naam", "Organisatie", "Domein", "E-mailadres", "Aanwezig", "Handtekening"]
    assert {row[2] for row in rows[1:]} <= {"sociaal domein", "jeugdgezondheidszorg (JGZ)"}
    assert {row[4] for row in rows[1:]} == {"nee"}
    url = reverse("events:manage_workshop_export", args=[event.pk, a.pk, "csv"]) + "?codes=1"
    machine = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8"))))
    assert machine[0] == ["name", "organisation", "domain", "email", "checked_in", "signature"]
    assert {row[2] for row in machine[1:]} <= {"sociaal", "jgz"}
    assert {row[4] for row in machine[1:]} == {"false"}
    url = reverse("events:manage_workshop_export", args=[event.pk, a.pk, "xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    assert next(sheet.iter_rows(max_row=1))[0].value == "Naam"
    printable = reverse("events:manage_workshop_list", args=[event.pk, a.pk])
    assert "sociaal domein" in client.get(printable).content.decode()


def test_cards_and_registration_page_show_the_tables(client):
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=1))
    people = [RegistrationFactory(event=event, checked_in_at=timezone.now()) for _ in range(8)]
    plan = NetworkingPlan.objects.create(event=event, rounds=2, table_size=4)
    client.force_login(UserFactory(project_team=True))
    client.post(reverse("events:manage_networking_generate", args=[event.pk]))
    assert TableSeat.objects.filter(plan=plan).count() == 16
    html = client.get(reverse("events:manage_networking_cards", args=[event.pk])).content.decode()
    assert people[0].name in html and "Ronde 2: <strong>tafel" in html
    client.logout()
    token = tokens.registration_token(people[0].pk)
    html = client.get(reverse("events:registration", args=[token])).content.decode()
    assert "Ronde 1: tafel" in html
    client.post(reverse("events:networking_opt_out", args=[token]))
    assert not TableSeat.objects.filter(registration=people[0]).exists()
    html = client.get(reverse("events:registration", args=[token])).content.decode()
    assert "U doet niet mee aan de netwerkronde" in html


def test_switch_workshop_through_the_signed_link(client, conference):
    event, (a, b, _c) = conference
    registration = RegistrationFactory(event=event)
    WorkshopPreference.objects.create(
        registration=registration, slot=a.starts_at, rank=1, session=a
    )
    Programme.objects.filter(event=event).update(state="published", lottery_seed=1)
    registration.sessions.set([a])
    token = tokens.registration_token(registration.pk)
    html = client.get(reverse("events:registration", args=[token])).content.decode()
    assert "Liever een andere workshop?" in html
    response = client.post(reverse("events:workshop_switch", args=[token]), {"session": b.pk})
    assert response.status_code == 302
    assert list(registration.sessions.values_list("title", flat=True)) == ["B"]


def test_no_choice_changes_once_published(client, conference):
    event, _sessions = conference
    registration = RegistrationFactory(event=event)
    Programme.objects.filter(event=event).update(state="published")
    token = tokens.registration_token(registration.pk)
    html = client.get(reverse("events:registration", args=[token])).content.decode()
    assert "Keuzes wijzigen" not in html
    html = client.get(reverse("events:preferences_edit", args=[token])).content.decode()
    assert "niet meer wijzigen" in html
