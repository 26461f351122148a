import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.events import tokens
from ontmoetingen.events.models import Event, Registration
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    client.force_login(UserFactory(project_team=True))
    return client


def manage_urls(event, registration):
    return [
        ("get", reverse("events:manage_list")),
        ("get", reverse("events:manage_create")),
        ("get", reverse("events:manage_edit", args=[event.pk])),
        ("post", reverse("events:manage_publish", args=[event.pk])),
        ("post", reverse("events:manage_cancel", args=[event.pk])),
        ("get", reverse("events:manage_registrations", args=[event.pk])),
        ("get", reverse("events:manage_export", args=[event.pk, "csv"])),
        ("get", reverse("events:manage_export", args=[event.pk, "xlsx"])),
        ("get", reverse("events:manage_add", args=[event.pk])),
        ("post", reverse("events:manage_promote", args=[event.pk, registration.pk])),
        ("get", reverse("events:manage_cancel_registration", args=[event.pk, registration.pk])),
        ("post", reverse("events:manage_cancel_registration", args=[event.pk, registration.pk])),
        ("get", reverse("events:checkin", args=[event.pk])),
        ("post", reverse("events:checkin_mark", args=[event.pk, registration.pk])),
        ("get", reverse("events:checkin_person", args=[tokens.checkin_token(registration.pk)])),
        ("get", reverse("events:manage_feedback", args=[event.pk])),
        ("post", reverse("events:manage_feedback", args=[event.pk])),
    ]


def test_anonymous_is_sent_to_login_everywhere(client):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    for method, url in manage_urls(event, registration):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/inloggen/" in response["Location"]
    event.refresh_from_db()
    assert event.status == "published"


@pytest.mark.parametrize("role", ["professional", "coordinator", "partner"])
def test_other_roles_are_refused_everywhere(client, role):
    client.force_login(UserFactory(**{role: True}))
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    for method, url in manage_urls(event, registration):
        assert getattr(client, method)(url).status_code == 403, url
    event.refresh_from_db()
    registration.refresh_from_db()
    assert (event.status, registration.status, registration.checked_in_at) == (
        "published",
        "confirmed",
        None,
    )


def test_backoffice_links_to_events(team):
    html = team.get("/beheer/").content.decode()
    assert reverse("events:manage_list") in html


def test_create_publish_and_cancel_event(team, django_capture_on_commit_callbacks, mailoutbox):
    start = (timezone.localtime() + timedelta(days=20)).replace(second=0, microsecond=0)
    data = {
        "title": "Kennisbijeenkomst Zwolle",
        "kind": "kennisbijeenkomst",
        "summary": "Samen aan tafel",
        "description": "**Welkom**",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "30",
        "venue": "Stadskantoor",
        "is_national": "on",
        "audience_domains": ["geboortezorg", "sociaal"],
        "ask_dietary": "on",
        "sessies-TOTAL_FORMS": "1",
        "sessies-INITIAL_FORMS": "0",
        "sessies-0-title": "Workshop taal",
        "sessies-0-starts_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "sessies-0-ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "sessies-0-capacity": "15",
        "vragen-TOTAL_FORMS": "1",
        "vragen-INITIAL_FORMS": "0",
        "vragen-0-label": "Wat wilt u leren?",
        "vragen-0-kind": "text",
        "vragen-0-order": "0",
    }
    response = team.post(reverse("events:manage_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert (event.slug, event.status, event.audience_domains) == (
        "kennisbijeenkomst-zwolle",
        "draft",
        ["geboortezorg", "sociaal"],
    )
    assert event.sessions.get().title == "Workshop taal"
    assert event.registration_questions.get().label == "Wat wilt u leren?"
    team.post(reverse("events:manage_publish", args=[event.pk]))
    event.refresh_from_db()
    assert event.status == "published"
    RegistrationFactory(event=event, email="vera@voorbeeld.nl")
    with django_capture_on_commit_callbacks(execute=True):
        team.post(
            reverse("events:manage_cancel", args=[event.pk]),
            {"reason": "De spreker is ziek."},
        )
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert mailoutbox[0].subject.startswith("Gaat niet door")
    assert "De reden: De spreker is ziek." in mailoutbox[0].body


def test_cancelling_a_registration_asks_first_then_mails_and_moves_the_waiting_list(
    team, django_capture_on_commit_callbacks, mailoutbox
):
    from ontmoetingen.core.audit import audit_entries

    event = EventFactory(capacity=1)
    seated = RegistrationFactory(event=event, name="Anna Zetel", email="anna@voorbeeld.nl")
    waiting = RegistrationFactory(event=event, name="Bert Wacht", waitlisted=True)
    url = reverse("events:manage_cancel_registration", args=[event.pk, seated.pk])
    listing = team.get(reverse("events:manage_registrations", args=[event.pk])).content.decode()
    assert f'href="{url}"' in listing  # a link to the question, not a form that acts at once

    page = team.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Aanmelding van Anna Zetel annuleren?" in html
    assert "krijgt een e-mail op anna@voorbeeld.nl" in html
    assert "eerstvolgende op de wachtlijst (1 persoon wacht)" in html
    assert 'class="button button--danger" type="submit">Ja, annuleer de aanmelding' in html
    seated.refresh_from_db()
    assert seated.status == "confirmed"  # looking changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = team.post(url)
    assert response.status_code == 302
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.status, waiting.status) == ("cancelled", "confirmed")
    assert sorted(m.to[0] for m in mailoutbox) == sorted(["anna@voorbeeld.nl", waiting.email])
    entry = audit_entries(obj=seated).get()
    assert entry.action == "aanmelding geannuleerd"
    assert entry.actor is not None
    assert entry.changes == {
        "Bijeenkomst": event.title,
        "Status": ["bevestigd", "geannuleerd"],
        "Van de wachtlijst bevestigd": 1,
    }
    log = team.get(reverse("coalitions:log")).content.decode()
    assert "Anna Zetel" in log and "Van de wachtlijst bevestigd" in log
    again = team.get(url)
    assert again.status_code == 302  # already cancelled: back to the list


def test_event_form_errors_in_dutch(team):
    response = team.post(
        reverse("events:manage_create"),
        {
            "title": "",
            "sessies-TOTAL_FORMS": "0",
            "sessies-INITIAL_FORMS": "0",
            "vragen-TOTAL_FORMS": "0",
            "vragen-INITIAL_FORMS": "0",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul dit veld in." in html
    assert "Kies landelijk, of een regio" in html


def test_changing_time_mails_everyone_registered(
    team, django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory()
    RegistrationFactory(event=event, email="a@voorbeeld.nl")
    RegistrationFactory(event=event, email="b@voorbeeld.nl", cancelled=True)
    event.starts_at += timedelta(hours=1)
    event.ends_at += timedelta(hours=1)
    from ontmoetingen.events import services

    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, actor=None)
    assert [m.to for m in mailoutbox] == [["a@voorbeeld.nl"]]
    assert mailoutbox[0].subject.startswith("Gewijzigd")


def test_registrations_page_counts_and_filters(team, django_assert_max_num_queries):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event, name="Anna Geboorte", domain="geboortezorg")
    RegistrationFactory(event=event, name="Bert Sociaal", domain="sociaal")
    RegistrationFactory(event=event, name="Cees Wacht", waitlisted=True)
    url = reverse("events:manage_registrations", args=[event.pk])
    html = team.get(url).content.decode()
    assert "Anna Geboorte" in html and "Cees Wacht" in html
    filtered = team.get(url + "?status=waitlisted").content.decode()
    assert "Cees Wacht" in filtered and "Anna Geboorte" not in filtered
    assert "Bert Sociaal" in team.get(url + "?domain=sociaal").content.decode()
    assert "Anna" not in team.get(url + "?q=bert").content.decode().split("Aanmeldingen (")[1]
    with django_assert_max_num_queries(20) as baseline:
        team.get(url)
    for _ in range(10):
        RegistrationFactory(event=event, waitlisted=True).sessions.add(SessionFactory(event=event))
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        team.get(url)


def test_export_csv_and_xlsx_have_a_row_per_registration_with_answers(team):
    event = EventFactory()
    event.registration_questions.create(label="Wat wilt u leren?", kind="text")
    workshop = SessionFactory(event=event, title="Workshop taal")
    registration = RegistrationFactory(
        event=event,
        name="=HYPERLINK(1)",
        domain="jgz",
        answers={"Wat wilt u leren?": "Elkaars taal"},
        checked_in_at=timezone.now(),
    )
    registration.sessions.add(workshop)
    RegistrationFactory(event=event, waitlisted=True, domain="sociaal")
    response = team.get(reverse("events:manage_export", args=[event.pk, "csv"]))
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Dutch Excel
    assert b"\r\n" in body
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:9] == [
        "Naam",
        "E-mailadres",
        "Organisatie",
        "Functie",
        "Domein",
        "Werkgemeente",
        "Status",
        "Plaats op de wachtlijst",
        "Aangemeld op",
    ]
    assert rows[0][-1] == "Wat wilt u leren?"
    assert len(rows) == 3
    first, waiting = rows[1], rows[2]
    assert first[0] == "'=HYPERLINK(1)"  # no formula injection
    assert (first[4], first[6], first[7]) == ("jeugdgezondheidszorg (JGZ)", "bevestigd", "")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", first[8])
    assert "Workshop taal" in first[11]
    assert (first[12], first[13], first[-1]) == ("ja", "nee", "Elkaars taal")
    assert (waiting[4], waiting[6], waiting[7], waiting[12]) == (
        "sociaal domein",
        "wachtlijst",
        "1",
        "nee",
    )

    response = team.get(reverse("events:manage_export", args=[event.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(table) == 3
    assert table[0][6] == "Status" and table[1][6] == "bevestigd" and table[1][12] == "ja"


def test_export_codes_variant_keeps_machine_columns_and_values(team):
    event = EventFactory()
    question = event.registration_questions.create(label="Wat wilt u leren?", kind="text")
    RegistrationFactory(event=event, domain="jgz", answers={"Wat wilt u leren?": "Taal"})
    RegistrationFactory(event=event, waitlisted=True)
    url = reverse("events:manage_export", args=[event.pk, "csv"]) + "?codes=1"
    body = team.get(url).content
    assert not body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8")), delimiter=","))
    assert rows[0] == [
        "name",
        "email",
        "organisation",
        "role",
        "domain",
        "work_municipality",
        "status",
        "waitlist_position",
        "registered_at",
        "dietary",
        "accessibility",
        "workshops",
        "checked_in",
        "is_demo",
        f"question_{question.pk}",
    ]
    assert (rows[1][4], rows[1][6], rows[1][12], rows[1][-1]) == (
        "jgz",
        "confirmed",
        "false",
        "Taal",
    )
    assert (rows[2][6], rows[2][7]) == ("waitlisted", "1")
    assert "T" in rows[1][8]  # ISO 8601
    url = reverse("events:manage_export", args=[event.pk, "xlsx"]) + "?codes=1"
    sheet = load_workbook(io.BytesIO(team.get(url).content)).active
    assert [cell.value for cell in next(sheet.iter_rows(max_row=1))][:2] == ["name", "email"]


def test_add_by_hand_and_move_from_waiting_list(team):
    event = EventFactory(capacity=1, registration_closes_at=timezone.now() - timedelta(days=1))
    RegistrationFactory(event=event)
    data = {"name": "Handmatig", "email": "hand@voorbeeld.nl", "domain": "jgz"}
    response = team.post(reverse("events:manage_add", args=[event.pk]), data)
    assert response.status_code == 302
    added = Registration.objects.get(email="hand@voorbeeld.nl")
    assert added.status == "waitlisted"
    response = team.post(reverse("events:manage_promote", args=[event.pk, added.pk]), follow=True)
    assert "geen plaats vrij" in response.content.decode()
    event.capacity = 2
    event.save()
    team.post(reverse("events:manage_promote", args=[event.pk, added.pk]))
    added.refresh_from_db()
    assert added.status == "confirmed"


def test_checkin_search_mark_and_counts(team):
    event = EventFactory()
    anna = RegistrationFactory(event=event, name="Anna Aanwezig")
    RegistrationFactory(event=event, name="Bert Later")
    RegistrationFactory(event=event, name="Cees Wachtlijst", waitlisted=True)
    url = reverse("events:checkin", args=[event.pk])
    html = team.get(url).content.decode()
    assert "<strong>0</strong> aanwezig van <strong>2</strong> verwacht" in html
    assert "Cees Wachtlijst" not in html
    assert "Bert" not in team.get(url + "?q=anna").content.decode()
    response = team.post(
        reverse("events:checkin_mark", args=[event.pk, anna.pk]),
        {"present": "1", "next": "//elders.example/"},
    )
    assert response["Location"] == url  # no redirect to another site
    anna.refresh_from_db()
    assert anna.checked_in_at is not None
    assert "<strong>1</strong> aanwezig van <strong>2</strong>" in team.get(url).content.decode()


def test_checkin_person_page_from_qr_token(team):
    registration = RegistrationFactory(name="Anna Aanwezig")
    html = team.get(
        reverse("events:checkin_person", args=[tokens.checkin_token(registration.pk)])
    ).content.decode()
    assert "Anna Aanwezig" in html and "Aanwezig melden" in html
    bad = team.get(
        reverse("events:checkin_person", args=[tokens.registration_token(registration.pk)])
    )
    assert bad.status_code == 403


def test_feedback_results_and_sending(team, django_capture_on_commit_callbacks, mailoutbox):
    from ontmoetingen.events import services

    event = EventFactory(past=True)
    people = [RegistrationFactory(event=event) for _ in range(3)]
    for rating, registration in zip((4, 5), people, strict=False):
        services.feedback_submit(
            registration=registration, rating=rating, useful="Nuttig", themes=[], themes_text=""
        )
    html = team.get(reverse("events:manage_feedback", args=[event.pk])).content.decode()
    assert "4.5 van 5" in html or "4,5 van 5" in html
    with django_capture_on_commit_callbacks(execute=True):
        team.post(reverse("events:manage_feedback", args=[event.pk]))
    assert len(mailoutbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        team.post(reverse("events:manage_feedback", args=[event.pk]))
    assert len(mailoutbox) == 3  # once per person


def test_event_form_explains_formatting_without_jargon(team):
    html = team.get(reverse("events:manage_create")).content.decode()
    assert "Markdown" not in html
    assert "een lijst met een streepje" in html
