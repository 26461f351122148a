"""A registrant without account erases their registration through the signed link."""

import pytest
from django.urls import reverse

from ontmoetingen.core.models import AuditLog
from ontmoetingen.core.privacy import pseudonym
from ontmoetingen.events import tokens
from ontmoetingen.events.models import Feedback
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_get_asks_post_erases_gives_up_the_place_and_sends_no_mail_to_the_person(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(capacity=1)
    registration = RegistrationFactory(
        event=event, name="Vera de Vries", email="vera@voorbeeld.nl", dietary="glutenvrij"
    )
    waiting = RegistrationFactory(event=event, waitlisted=True, email="wacht@voorbeeld.nl")
    token = tokens.registration_token(registration.pk)
    assert (
        "Mijn gegevens nu wissen"
        in client.get(reverse("events:registration", args=[token])).content.decode()
    )
    url = reverse("events:erase", args=[token])
    html = client.get(url).content.decode()
    assert "Ja, wis mijn gegevens" in html and "wachtlijst" in html
    registration.refresh_from_db()
    assert registration.name == "Vera de Vries"  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert "Uw gegevens zijn gewist" in response.content.decode()
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.name == "Geanonimiseerd" and "vera" not in registration.email
    assert registration.dietary == "" and registration.status == "cancelled"
    assert registration.domain  # still counted
    assert waiting.status == "confirmed"
    assert [m.to for m in mailoutbox] == [["wacht@voorbeeld.nl"]]
    entry = AuditLog.objects.get(action="Gegevens gewist door de deelnemer")
    assert entry.changes == {"deelnemer": pseudonym("vera@voorbeeld.nl")}
    assert "Vera" not in entry.object_repr
    # a second time: nothing left to erase, and the page says so
    assert "al gewist" in client.get(url).content.decode()
    assert client.post(url).status_code == 200


def test_erasing_after_the_event_keeps_the_attendance_and_feedback_rating(client):
    registration = RegistrationFactory(event=EventFactory(past=True), name="Piet Later")
    Feedback.objects.create(registration=registration, rating=5, useful="Piet: top")
    client.post(reverse("events:erase", args=[tokens.registration_token(registration.pk)]))
    registration.refresh_from_db()
    assert registration.name == "Geanonimiseerd" and registration.status == "confirmed"
    assert registration.feedback.rating == 5 and registration.feedback.useful == ""


def test_a_forged_erase_link_is_refused(client):
    registration = RegistrationFactory(name="Blijft Staan")
    response = client.post(reverse("events:erase", args=["abc"]))
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.name == "Blijft Staan"


def test_retention_also_removes_the_name_from_the_log(settings):
    from datetime import timedelta

    from django.utils import timezone

    from ontmoetingen.core.audit import record
    from ontmoetingen.events.retention import registrations_anonymise

    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    event = EventFactory(
        starts_at=timezone.now() - timedelta(days=60),
        ends_at=timezone.now() - timedelta(days=60, hours=-2),
    )
    registration = RegistrationFactory(event=event, name="Vera de Vries")
    record(registration, "aanmelding toegevoegd", changes={"naam": "Vera de Vries"})
    assert registrations_anonymise() == 1
    entry = AuditLog.objects.get(action="aanmelding toegevoegd")
    assert "Vera" not in entry.object_repr and entry.changes == {}
