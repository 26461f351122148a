import re

import pytest
from django.db import transaction
from icalendar import Calendar

from ontmoetingen.events import services, tokens
from ontmoetingen.events.mails import QR_FILENAME
from ontmoetingen.events.services import RegistrationInput
from ontmoetingen.events.tests.factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db


def register(event, i=0, **extra):
    return services.registration_create(
        event_id=event.pk,
        data=RegistrationInput(
            name=f"Vera {i}", email=f"vera{i}@voorbeeld.nl", domain="geboortezorg", **extra
        ),
    )


def test_confirmation_mail_has_details_cancel_link_ics_and_qr(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(title="Regiotour Utrecht", online=True)
    workshop = SessionFactory(event=event, title="Workshop armoede")
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, session_ids=[workshop.pk])
    [mail] = mailoutbox
    assert mail.to == ["vera0@voorbeeld.nl"]
    assert mail.subject == "Aanmelding bevestigd: Regiotour Utrecht"
    [token] = re.findall(r"http://testserver/agenda/aanmelding/([^/]+)/annuleren/", mail.body)
    assert tokens.registration_id_from_token(token) == registration.pk
    cancel_url = f"http://testserver/agenda/aanmelding/{token}/annuleren/"
    assert "Workshop armoede" in mail.body
    assert "https://meet.example/geheim" in mail.body  # confirmed: the online link
    html = mail.alternatives[0][0]
    assert cancel_url in html
    names = {a[0]: a for a in mail.attachments}
    calendar = Calendar.from_ical(names["bijeenkomst.ics"][1])
    [item] = calendar.walk("VEVENT")
    assert str(item["summary"]) == "Regiotour Utrecht"
    assert item.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert str(item["location"]) == "https://meet.example/geheim"
    assert QR_FILENAME not in names  # online: no door, no QR code
    assert "QR-code" not in mail.body and "QR-code" not in html


def test_confirmation_mail_for_an_event_with_a_door_has_the_qr_code(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(title="Regiotour Zwolle")
    with django_capture_on_commit_callbacks(execute=True):
        register(event)
    [mail] = mailoutbox
    names = {a[0]: a for a in mail.attachments}
    qr = names[QR_FILENAME]
    assert qr[2] == "image/png" and qr[1].startswith(b"\x89PNG")
    assert "Laat de QR-code bij de ingang zien" in mail.body


def test_qr_code_encodes_the_checkin_page():
    from ontmoetingen.events.mails import links, qr_png

    event = EventFactory()
    registration = register(event)
    url = links(registration)["checkin_url"]
    assert "/beheer/check-in/" in url
    assert qr_png(url).startswith(b"\x89PNG")


def test_waitlist_mail_has_position_and_plain_reason(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, 0)
        register(event, 1)
    waiting = mailoutbox[1]
    assert waiting.subject.startswith("U staat op de wachtlijst")
    assert "op plaats 1" in waiting.body
    assert "meet.example" not in waiting.body
    assert not waiting.attachments


def test_balance_waitlist_mail_explains_in_plain_dutch(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(capacity=10, balance_max_share=10)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, 0)
        register(event, 1)
    assert "alle domeinen aan tafel zitten" in mailoutbox[1].body


def test_nothing_is_sent_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                register(event)
                raise RuntimeError("iets ging mis na de aanmelding")
        except RuntimeError:
            pass
    assert mailoutbox == []
    assert not event.registrations.exists()


def test_mail_text_is_not_html_escaped(django_capture_on_commit_callbacks, mailoutbox):
    event = EventFactory(title="Geboortezorg & sociaal domein")
    with django_capture_on_commit_callbacks(execute=True):
        register(event)
    assert "Geboortezorg & sociaal domein" in mailoutbox[0].body
    assert "&amp;" not in mailoutbox[0].subject
