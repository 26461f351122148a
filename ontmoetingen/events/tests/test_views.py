import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.models import Theme
from ontmoetingen.events import tokens
from ontmoetingen.events.models import Registration
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def form_data(**extra):
    return {
        "name": "Vera de Vries",
        "email": "vera@voorbeeld.nl",
        "organisation": "Praktijk De Wieg",
        "role": "verloskundige",
        "domain": "geboortezorg",
        "work_municipality": "",
        "consent": "on",
        **extra,
    }


def test_agenda_lists_upcoming_published_events_only(client):
    EventFactory(title="Komt eraan")
    EventFactory(title="Nog concept", draft=True)
    EventFactory(title="Al geweest", past=True)
    html = client.get(reverse("events:list")).content.decode()
    assert "Komt eraan" in html
    assert "Nog concept" not in html
    assert "Al geweest" not in html
    archive = client.get(reverse("events:list") + "?archief=1").content.decode()
    assert "Al geweest" in archive and "Komt eraan" not in archive


def test_agenda_filters_and_empty_state(client):
    theme = Theme.objects.first()
    EventFactory(
        title="Webinar armoede", kind="webinar", online=True, audience="sociaal"
    ).themes.add(theme)
    EventFactory(title="Regiotour Zwolle", kind="regiotour", audience="geboortezorg")
    url = reverse("events:list")
    assert "Regiotour Zwolle" not in client.get(url + "?kind=webinar").content.decode()
    assert "Webinar armoede" in client.get(url + f"?theme={theme.slug}").content.decode()
    assert "Webinar armoede" not in client.get(url + "?domain=geboortezorg").content.decode()
    assert "Regiotour Zwolle" in client.get(url + "?mode=locatie").content.decode()
    empty = client.get(url + "?kind=conferentie").content.decode()
    assert "Geen bijeenkomsten gevonden" in empty


def test_agenda_query_count_is_constant(client, django_assert_max_num_queries):
    for _ in range(3):
        EventFactory()
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("events:list"))
    for _ in range(12):
        RegistrationFactory(event=EventFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("events:list"))


def test_agenda_htmx_gets_only_the_results(client):
    EventFactory(title="Komt eraan")
    html = client.get(reverse("events:list"), headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div id="agenda-resultaten"')
    assert "Komt eraan" in html and "<html" not in html


def test_agenda_pages(client, settings):
    settings.PAGE_SIZE = 2
    for i in range(5):
        EventFactory(title=f"Bijeenkomst {i}")
    html = client.get(reverse("events:list") + "?page=2").content.decode()
    assert "Pagina 2 van 3" in html


def test_event_page_shows_places_left_and_full(client):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event)
    assert "Nog 1 van de 2 plaatsen vrij" in client.get(event.get_absolute_url()).content.decode()
    RegistrationFactory(event=event)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Vol — u komt op de wachtlijst" in html


def test_online_link_only_for_confirmed_registrants(client):
    event = EventFactory(online=True, capacity=1)
    assert "meet.example" not in client.get(event.get_absolute_url()).content.decode()
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, waitlisted=True)
    url = lambda r: reverse("events:registration", args=[tokens.registration_token(r.pk)])  # noqa: E731
    assert "meet.example/geheim" in client.get(url(confirmed)).content.decode()
    assert "meet.example/geheim" not in client.get(url(waiting)).content.decode()


def test_draft_event_is_not_public(client):
    event = EventFactory(draft=True)
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:register", args=[event.slug])).status_code == 404


def test_register_confirms_and_redirects_to_outcome(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:register", args=[event.slug]), form_data())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="confirmed"' in page
    assert Registration.objects.get().status == "confirmed"
    assert mailoutbox[0].subject == f"Aanmelding bevestigd: {event.title}"


def test_register_when_full_shows_waiting_list_position(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, waitlisted=True)
    response = client.post(reverse("events:register", args=[event.slug]), form_data(), follow=True)
    html = response.content.decode()
    assert "U staat op de wachtlijst (plaats 2)" in html


def test_register_duplicate_shows_friendly_message_next_to_email(client):
    event = EventFactory()
    client.post(reverse("events:register", args=[event.slug]), form_data())
    response = client.post(reverse("events:register", args=[event.slug]), form_data(name="Ander"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "bent u al aangemeld" in html
    assert 'value="Ander"' in html  # input kept
    assert Registration.objects.count() == 1


def test_register_keeps_input_and_shows_dutch_errors(client):
    event = EventFactory()
    response = client.post(
        reverse("events:register", args=[event.slug]), form_data(email="geen-mail", consent="")
    )
    html = response.content.decode()
    assert "Geef toestemming" in html
    assert "Vera de Vries" in html
    assert not Registration.objects.exists()


def test_register_closed_window_shows_reason(client):
    event = EventFactory(registration_opens_at=timezone.now() + timedelta(days=2))
    response = client.get(reverse("events:register", args=[event.slug]))
    assert "Aanmelden kan vanaf" in response.content.decode()
    client.post(reverse("events:register", args=[event.slug]), form_data())
    assert not Registration.objects.exists()


def test_honeypot_refuses_bots(client):
    event = EventFactory()
    client.post(reverse("events:register", args=[event.slug]), form_data(website="spam"))
    assert not Registration.objects.exists()


def test_logged_in_user_is_prefilled_and_linked(client):
    user = UserFactory(full_name="Pien Professional", email="pien@voorbeeld.nl")
    client.force_login(user)
    event = EventFactory()
    html = client.get(reverse("events:register", args=[event.slug])).content.decode()
    assert 'value="Pien Professional"' in html and 'value="pien@voorbeeld.nl"' in html
    client.post(reverse("events:register", args=[event.slug]), form_data(email="pien@voorbeeld.nl"))
    assert Registration.objects.get().user == user


def test_full_session_is_shown_disabled_and_municipality_is_a_select(client, regions):
    event = EventFactory(capacity=10)
    full = SessionFactory(event=event, title="Workshop armoede", capacity=1)
    RegistrationFactory(event=event).sessions.add(full)
    html = client.get(reverse("events:register", args=[event.slug])).content.decode()
    assert "Workshop armoede (vol)" in html
    assert re.search(rf'value="{full.pk}"[^>]*disabled', html)
    assert '<option value="GM0363">Amsterdam</option>' in html
    response = client.post(
        reverse("events:register", args=[event.slug]),
        form_data(slot_1=str(full.pk), work_municipality="GM0363"),
    )
    assert response.status_code == 200  # refused: the full workshop cannot be chosen


def test_custom_questions_are_asked_and_stored(client):
    event = EventFactory()
    event.registration_questions.create(label="Wat wilt u leren?", kind="text", required=True)
    event.registration_questions.create(label="Lunch", kind="yesno")
    response = client.post(reverse("events:register", args=[event.slug]), form_data())
    assert "Wat wilt u leren?" in response.content.decode()  # required, refused
    q1, q2 = event.registration_questions.all()
    client.post(
        reverse("events:register", args=[event.slug]),
        form_data(**{f"q_{q1.pk}": "Taal van de ander", f"q_{q2.pk}": "ja"}),
    )
    assert Registration.objects.get().answers == {
        "Wat wilt u leren?": "Taal van de ander",
        "Lunch": "ja",
    }


def test_cancel_link_get_asks_post_cancels(client, django_capture_on_commit_callbacks, mailoutbox):
    event = EventFactory(capacity=1)
    registration = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, waitlisted=True)
    url = reverse("events:cancel", args=[tokens.registration_token(registration.pk)])
    assert "weet u zeker" in client.get(url).content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert (registration.status, waiting.status) == ("cancelled", "confirmed")


def test_tampered_cancel_link_is_refused(client):
    registration = RegistrationFactory()
    token = tokens.registration_token(registration.pk)
    forged = (
        tokens.registration_token(registration.pk + 1).split(":", 1)[0] + token[token.index(":") :]
    )
    signature_at = token.rindex(":") + 1
    other = "A" if token[signature_at] != "A" else "B"
    flipped = token[:signature_at] + other + token[signature_at + 1 :]
    for bad in (flipped, forged, "abc"):
        response = client.post(reverse("events:cancel", args=[bad]))
        assert response.status_code == 403
    # a check-in token is not a cancel token
    assert (
        client.post(
            reverse("events:cancel", args=[tokens.checkin_token(registration.pk)])
        ).status_code
        == 403
    )
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_expired_cancel_link_is_refused(client, settings):
    registration = RegistrationFactory()
    token = tokens.registration_token(registration.pk)
    settings.EVENTS_LINK_MAX_AGE = timedelta(seconds=-1)
    response = client.post(reverse("events:cancel", args=[token]))
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_event_ics_and_feed_parse(client):
    event = EventFactory(title="Startbijeenkomst Zwolle")
    EventFactory(title="Concept", draft=True)
    calendar = Calendar.from_ical(client.get(reverse("events:ics", args=[event.slug])).content)
    [item] = calendar.walk("VEVENT")
    assert str(item["summary"]) == "Startbijeenkomst Zwolle"
    assert item.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    feed = client.get("/agenda.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    summaries = [str(e["summary"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert "Startbijeenkomst Zwolle" in summaries and "Concept" not in summaries


def test_mine_lists_and_cancels_own_registrations_only(client):
    user = UserFactory(email="pien@voorbeeld.nl")
    mine = RegistrationFactory(
        email="pien@voorbeeld.nl", event=EventFactory(title="Mijn bijeenkomst")
    )
    other = RegistrationFactory(email="ander@voorbeeld.nl")
    client.force_login(user)
    html = client.get(reverse("accounts:mine")).content.decode()
    assert "Mijn bijeenkomst" in html
    assert client.post(reverse("events:cancel_mine", args=[other.pk])).status_code == 404
    client.post(reverse("events:cancel_mine", args=[mine.pk]))
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.status, other.status) == ("cancelled", "confirmed")


def test_cancel_mine_needs_login(client):
    registration = RegistrationFactory()
    response = client.post(reverse("events:cancel_mine", args=[registration.pk]))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_home_and_municipality_sections(client, regions):
    from ontmoetingen.regions.models import Municipality

    amsterdam = Municipality.objects.get(code="GM0363")
    EventFactory(title="Landelijke conferentie")
    local = EventFactory(
        title="Kennisbijeenkomst Amsterdam", is_national=False, municipality=amsterdam
    )
    local.municipalities.add(amsterdam)
    assert "Landelijke conferentie" in client.get("/").content.decode()
    html = client.get("/gemeenten/GM0363/").content.decode()
    assert "Bijeenkomsten in de buurt" in html and "Kennisbijeenkomst Amsterdam" in html
    assert "Kennisbijeenkomst Amsterdam" not in client.get("/gemeenten/GM0014/").content.decode()


def test_personal_data_export_includes_registrations():
    from ontmoetingen.core import registry

    user = UserFactory(email="pien@voorbeeld.nl")
    RegistrationFactory(email="pien@voorbeeld.nl", dietary="vegetarisch")
    data = registry.personal_data(user)["events"]
    assert data["aanmeldingen"][0]["dieetwensen"] == "vegetarisch"


def test_feedback_form_via_signed_link(client):
    registration = RegistrationFactory(event=EventFactory(past=True))
    theme = Theme.objects.first()
    url = reverse("events:feedback", args=[tokens.registration_token(registration.pk)])
    response = client.post(url, {"rating": "5", "useful": "De kennismaking", "themes": [theme.pk]})
    assert "Dank u wel" in response.content.decode()
    assert registration.feedback.rating == 5
    assert client.get(reverse("events:feedback", args=["vals"])).status_code == 403


def test_register_submit_counts_no_seats_and_the_page_after_it_is_light(client):
    """Issue 14 (the rush): a submit validates without counting the seats of the event (the
    service counts under the lock) and redirects; the page it redirects to stays light."""
    event = EventFactory(capacity=5)
    RegistrationFactory(event=event)
    with CaptureQueriesContext(connection) as submit:
        response = client.post(reverse("events:register", args=[event.slug]), form_data())
    assert response.status_code == 302
    assert not [q["sql"] for q in submit if "COUNT(DISTINCT" in q["sql"].upper()]
    with CaptureQueriesContext(connection) as after:
        page = client.get(response["Location"])
    assert page.status_code == 200
    assert len(after) <= 8  # the registration, its workshops and programme: no counting


@pytest.mark.django_db(transaction=True)
def test_submits_share_the_event_setup_until_it_changes(client):
    """A submit validates against a per-process copy of the event under the version of its
    setup: a registration leaves that version alone (the next submit loads nothing), a new
    question changes it (the next submit asks it)."""
    from ontmoetingen.core import versions
    from ontmoetingen.events.apps import SETUP_AREA
    from ontmoetingen.events.models import RegistrationQuestion

    event = EventFactory(capacity=5)
    url = reverse("events:register", args=[event.slug])
    client.post(url, form_data(email="eerste@voorbeeld.nl"))
    setup, agenda = versions.current([SETUP_AREA]), versions.current(["events"])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, form_data(email="tweede@voorbeeld.nl"))
    assert response.status_code == 302
    assert versions.current([SETUP_AREA]) == setup  # a registration is not the setup
    assert versions.current(["events"]) != agenda  # but the agenda shows places left
    event_reads = [q["sql"] for q in queries if 'FROM "events_registrationquestion"' in q["sql"]]
    assert event_reads == []  # the form's questions came from the copy

    RegistrationQuestion.objects.create(
        event=event, label="Uw werkgebied?", kind="text", required=True
    )
    assert versions.current([SETUP_AREA]) != setup
    response = client.post(url, form_data(email="derde@voorbeeld.nl"))
    assert response.status_code == 200
    assert "Uw werkgebied?" in response.content.decode()
    assert Registration.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_workshop_that_filled_up_shows_as_full_after_a_refused_submit(client):
    """The shared copy of the event keeps its workshops, not their seats: those are counted
    for every submit."""
    event = EventFactory(capacity=50)
    workshop = SessionFactory(event=event, capacity=1, title="Voeding in de wijk")
    url = reverse("events:register", args=[event.slug])
    client.post(url, form_data(email="eerste@voorbeeld.nl"))  # the copy is made here
    RegistrationFactory(event=event).sessions.add(workshop)  # the workshop fills up
    response = client.post(url, form_data(email="geen-mail"))
    assert response.status_code == 200
    assert "Voeding in de wijk (vol)" in response.content.decode()
