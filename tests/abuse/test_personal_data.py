"""Case 7: what the consent text promises is what happens; personal pages are not cached;
a registration link shows less after cancelling and stops working after the event."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.models import Theme
from ontmoetingen.events import tokens
from ontmoetingen.events.models import Feedback, Registration
from ontmoetingen.events.retention import registrations_anonymise
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_consent_text_states_the_configured_retention(client, settings):
    event = EventFactory()
    settings.PERSONAL_DATA_RETENTION_DAYS = 183
    html = client.get(reverse("events:register", args=[event.slug])).content.decode()
    assert "tot 6 maanden na de bijeenkomst" in html
    assert "een jaar" not in html
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    html = client.get(reverse("events:register", args=[event.slug])).content.decode()
    assert "tot een jaar na de bijeenkomst" in html


def test_registrations_are_anonymised_after_the_retention_period(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 183
    old = EventFactory(
        starts_at=timezone.now() - timedelta(days=200),
        ends_at=timezone.now() - timedelta(days=200) + timedelta(hours=3),
    )
    recent = EventFactory(past=True)
    user = UserFactory()
    gone = RegistrationFactory(
        event=old, user=user, name="Vera de Vries", organisation="De Wieg", dietary="vegan"
    )
    Feedback.objects.create(registration=gone, rating=4, useful="Vera vond het fijn")
    kept = RegistrationFactory(event=recent, name="Piet Recent")
    assert registrations_anonymise() == 1
    assert registrations_anonymise() == 0  # idempotent
    gone.refresh_from_db()
    assert gone.name == "Geanonimiseerd" and "vera" not in gone.email.lower()
    assert gone.organisation == gone.dietary == "" and gone.user is None
    assert gone.domain and gone.status == "confirmed"  # still counted
    assert gone.feedback.rating == 4 and gone.feedback.useful == ""
    kept.refresh_from_db()
    assert kept.name == "Piet Recent"


def test_anonymising_is_a_periodic_task():
    from ontmoetingen.core import registry

    names = [task.name for task in registry.periodic_tasks()]
    assert "anonymise_registrations" in names


def test_data_export_holds_workshops_and_feedback(client):
    user = UserFactory(email="vera@voorbeeld.nl")
    event = EventFactory(past=True)
    session = SessionFactory(event=event, title="Workshop Samen starten")
    registration = RegistrationFactory(event=event, user=user, email=user.email)
    registration.sessions.set([session])
    feedback = Feedback.objects.create(registration=registration, rating=5, useful="Heel nuttig")
    theme = Theme.objects.first()
    if theme:
        feedback.next_themes.set([theme])
    client.force_login(user)
    response = client.get(reverse("accounts:data_export"))
    assert response["Cache-Control"].count("no-store") == 1
    item = response.json()["gegevens"]["events"]["aanmeldingen"][0]
    assert item["workshops"] == ["Workshop Samen starten"]
    assert (
        item["feedback"]["waardering"] == 5 and item["feedback"]["wat_was_nuttig"] == "Heel nuttig"
    )


@pytest.mark.parametrize("path", ["/mijn/", "/beheer/agenda/", "/monitor/export.csv"])
def test_pages_and_exports_for_logged_in_people_are_not_stored(client, path):
    client.force_login(UserFactory(project_team=True))
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_registration_link_page_is_not_stored_and_shows_less_after_cancelling(client):
    registration = RegistrationFactory(name="Vera de Vries", email="vera@voorbeeld.nl")
    url = reverse("events:registration", args=[tokens.registration_token(registration.pk)])
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    assert "vera@voorbeeld.nl" in response.content.decode()
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    html = client.get(url).content.decode()
    assert "geannuleerd" in html
    assert "vera@voorbeeld.nl" not in html and "Vera de Vries" not in html


def test_registration_link_expires_after_the_event(client, settings):
    settings.REGISTRATION_LINK_DAYS_AFTER_EVENT = 30
    event = EventFactory(
        starts_at=timezone.now() - timedelta(days=40),
        ends_at=timezone.now() - timedelta(days=40) + timedelta(hours=3),
    )
    registration = RegistrationFactory(event=event, email="vera@voorbeeld.nl")
    token = tokens.registration_token(registration.pk)
    for name in ("events:registration", "events:cancel", "events:feedback"):
        response = client.get(reverse(name, args=[token]))
        assert response.status_code == 410
        assert "vera@voorbeeld.nl" not in response.content.decode()
    recent = RegistrationFactory(event=EventFactory(past=True))
    url = reverse("events:registration", args=[tokens.registration_token(recent.pk)])
    assert client.get(url).status_code == 200
