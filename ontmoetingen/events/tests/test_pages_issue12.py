"""Issue 12 points 6, 11, 15 and 16 as a user sees them: the check-in list at the door,
cancelling an event, past and online events, and events near a municipality."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.audit import audit_entries
from ontmoetingen.events.models import Event
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    client.force_login(UserFactory(project_team=True))
    return client


# --- 6: check-in at the door -------------------------------------------------------------------


def checkin_html(client, event, q=""):
    return client.get(reverse("events:checkin", args=[event.pk]), {"q": q}).content.decode()


def test_checkin_rows_tell_two_people_with_the_same_name_apart(team):
    event = EventFactory()
    first = RegistrationFactory(event=event, name="Anna de Vries", email="anna.devries@ggd.nl")
    second = RegistrationFactory(event=event, name="Anna de Vries", email="a.vries@wijkteam.nl")
    html = checkin_html(team, event)
    assert "anna.devries@…" in html and "a.vries@…" in html
    assert f"nr. {first.pk}" in html and f"nr. {second.pk}" in html
    assert "<table" not in html.split('id="checkin-lijst"')[1]  # rows, not a wide table


def test_checkin_search_finds_a_person_with_one_or_two_keystrokes(team):
    event = EventFactory()
    # (addresses without digits: a number also matches digits in an address, and the factory's
    # numbered addresses could contain Karin's registration number)
    RegistrationFactory(
        event=event, name="Vera Jansen", organisation="GGD Utrecht", email="vera@voorbeeld.nl"
    )
    RegistrationFactory(
        event=event, name="Piet van Dam", organisation="Wijkteam Oost", email="piet@voorbeeld.nl"
    )
    RegistrationFactory(
        event=event, name="Karin Bakker", organisation="Kraamzorg Vera", email="karin@voorbeeld.nl"
    )
    # "v": the first letter of a first or last name, not any "v" in the middle
    html = checkin_html(team, event, "v")
    assert "Vera Jansen" in html and "Piet van Dam" in html
    assert "Karin Bakker" not in html
    html = checkin_html(team, event, "ja")
    assert "Vera Jansen" in html and "Piet van Dam" not in html
    # the registration number finds exactly one person
    karin = event.registrations.get(name="Karin Bakker")
    html = checkin_html(team, event, str(karin.pk))
    assert "Karin Bakker" in html and "Vera Jansen" not in html


def test_checkin_page_refused_for_others(client):
    event = EventFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("events:checkin", args=[event.pk])).status_code == 403


# --- 11: cancelling an event asks first, with a reason ---------------------------------------------


def test_cancelling_an_event_asks_for_confirmation_and_a_reason(team):
    event = EventFactory(title="Regiotour Zwolle")
    RegistrationFactory(event=event)
    url = reverse("events:manage_cancel", args=[event.pk])
    page = team.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Weet u zeker" in html and 'name="reason"' in html
    event.refresh_from_db()
    assert event.status == "published"  # looking at the question changes nothing

    response = team.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "<title>Fout:" in response.content.decode()
    event.refresh_from_db()
    assert event.status == "published"

    team.post(url, {"reason": "De spreker is ziek."})
    event.refresh_from_db()
    assert (event.status, event.cancel_reason) == ("cancelled", "De spreker is ziek.")
    [entry] = audit_entries(obj=event)
    assert entry.changes["reden"] == [None, "De spreker is ziek."]
    public = team.get(event.get_absolute_url()).content.decode()
    assert "Deze bijeenkomst gaat niet door." in public and "De spreker is ziek." in public
    assert "plaatsen vrij" not in public and "Zet in uw agenda" not in public


def test_cancel_confirmation_refused_for_others(client):
    event = EventFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("events:manage_cancel", args=[event.pk])).status_code == 403
    assert client.post(reverse("events:manage_cancel", args=[event.pk])).status_code == 403
    assert Event.objects.get(pk=event.pk).status == "published"


# --- 15: past and online events ---------------------------------------------------------------


def test_past_events_say_afgelopen_in_the_archive_and_on_their_page(client):
    event = EventFactory(past=True, capacity=60, title="Terugblik Utrecht")
    RegistrationFactory.create_batch(19, event=event)
    archive = client.get("/agenda/", {"archief": "1"}).content.decode()
    assert "Terugblik Utrecht" in archive
    assert "afgelopen" in archive and "nog 41 plaatsen" not in archive
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Afgelopen" in page and "plaatsen vrij" not in page
    assert "Aanmelden" not in page.split("<main")[1]
    assert "Zet in uw agenda" not in page


def test_online_event_pages_never_mention_the_qr_code(client):
    from ontmoetingen.events import tokens

    registration = RegistrationFactory(event=EventFactory(online=True))
    token = tokens.registration_token(registration.pk)
    for url in (
        registration.event.get_absolute_url(),
        reverse("events:registration", args=[token]) + "?nieuw=1",
    ):
        html = client.get(url).content.decode()
        # what a visitor reads: the text and the attributes people hear (alt, aria-label,
        # title); random values (the link's token, nonces, the CSRF token) may contain "QR"
        words = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
        heard = re.findall(r'\b(?:alt|aria-label|title)="([^"]*)"', words)
        text = " ".join([re.sub(r"<[^>]+>", " ", words), *heard]).replace(token, "")
        assert "QR" not in text and "ingang" not in text.lower()


# --- 16: events near a municipality ----------------------------------------------------------------


def test_municipality_page_shows_nearby_events_before_national_webinars(client, regions):
    from ontmoetingen.regions.models import Municipality

    amstelveen = Municipality.objects.get(code="GM0362")  # GGD Amsterdam, Noord-Holland
    groningen = Municipality.objects.get(code="GM0014")
    soon = timezone.now() + timedelta(days=2)
    for n in range(6):
        EventFactory(
            title=f"Landelijk webinar {n}", online=True, starts_at=soon + timedelta(hours=n)
        )
    nearby = EventFactory(
        title="Kennisbijeenkomst Amstelveen",
        is_national=False,
        municipality=amstelveen,
        starts_at=soon + timedelta(days=10),
    )
    nearby.municipalities.add(amstelveen)
    RegistrationFactory.create_batch(3, event=nearby)  # of 10 seats
    html = client.get("/gemeenten/GM0363/").content.decode()  # Amsterdam
    section = html.split("Bijeenkomsten in de buurt")[1]
    assert "Kennisbijeenkomst Amstelveen" in section
    assert "nog 7 plaatsen" in section
    assert section.index("Kennisbijeenkomst Amstelveen") < section.index("Landelijk en online")
    assert section.index("Landelijk en online") < section.index("Landelijk webinar 0")
    other = client.get(f"/gemeenten/{groningen.code}/").content.decode()
    assert "Kennisbijeenkomst Amstelveen" not in other and "Landelijk webinar 0" in other
