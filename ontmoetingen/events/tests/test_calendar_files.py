"""Issue 12 points 13 and 14: the calendar files in the mails are invitations for one
registration (METHOD:REQUEST / METHOD:CANCEL, one stable UID, a rising SEQUENCE), and a person
on the waiting list is never told they are in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.events import services
from ontmoetingen.events.mails import time_left
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


def invitation(mail):
    """(METHOD, UID, SEQUENCE, STATUS, content type) of the mail's calendar file, or None."""
    files = [a for a in mail.attachments if a[0].endswith(".ics")]
    if not files:
        return None
    [(_, content, mimetype)] = files
    calendar = Calendar.from_ical(content)
    [item] = calendar.walk("VEVENT")
    return (
        str(calendar["method"]),
        str(item["uid"]),
        int(item["sequence"]),
        str(item["status"]),
        mimetype,
    )


def test_confirmation_change_and_self_cancellation_update_one_appointment(
    django_capture_on_commit_callbacks, mailoutbox
):
    staff = UserFactory(project_team=True)
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event)
    method, uid, sequence, status, mimetype = invitation(mailoutbox[0])
    assert (method, status, mimetype) == ("REQUEST", "CONFIRMED", "text/calendar; method=REQUEST")
    assert uid == f"event-{event.pk}@kansrijke-ontmoetingen"
    assert sequence == 0
    attendees = Calendar.from_ical(mailoutbox[0].attachments[0][1]).walk("VEVENT")[0]["attendee"]
    assert str(attendees) == "mailto:vera0@voorbeeld.nl"

    event.refresh_from_db()
    event.starts_at += timedelta(hours=1)
    event.ends_at += timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, actor=staff)
    changed = mailoutbox[1]
    assert changed.subject.startswith("Gewijzigd")
    assert invitation(changed)[:4] == ("REQUEST", uid, 1, "CONFIRMED")

    # a change that does not move the appointment keeps the SEQUENCE
    event.refresh_from_db()
    event.summary = "Nieuwe samenvatting"
    services.event_save(event=event, actor=staff)
    event.refresh_from_db()
    assert event.ics_sequence == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration_id=registration.pk)
    cancelled = mailoutbox[2]
    assert cancelled.subject.startswith("Afmelding ontvangen")
    method, cancel_uid, cancel_sequence, status, mimetype = invitation(cancelled)
    assert (method, cancel_uid, status) == ("CANCEL", uid, "CANCELLED")
    assert mimetype == "text/calendar; method=CANCEL"
    assert cancel_sequence > 1
    assert "verdwijnt de afspraak uit uw agenda" in cancelled.body


def test_event_cancellation_sends_cancel_with_a_higher_sequence_to_seat_holders_only(
    django_capture_on_commit_callbacks, mailoutbox
):
    staff = UserFactory(project_team=True)
    event = EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, 0)
        register(event, 1)  # waiting list
    first_sequence = invitation(mailoutbox[0])[2]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, actor=staff, reason="De zaal is niet beschikbaar.")
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    method, uid, sequence, status, _ = invitation(by_address["vera0@voorbeeld.nl"])
    assert (method, status) == ("CANCEL", "CANCELLED")
    assert uid == f"event-{event.pk}@kansrijke-ontmoetingen"
    assert sequence > first_sequence
    # the waiting person never had an appointment: no calendar file, but the reason
    waiting = by_address["vera1@voorbeeld.nl"]
    assert invitation(waiting) is None
    assert "De reden: De zaal is niet beschikbaar." in waiting.body
    assert "agendabestand" not in waiting.body


def test_waitlisted_people_are_not_told_they_are_in(
    django_capture_on_commit_callbacks, mailoutbox, client
):
    staff = UserFactory(project_team=True)
    event = EventFactory(capacity=1)
    workshop = SessionFactory(event=event, title="Workshop armoede", capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, 0, session_ids=[workshop.pk])
        waiting = register(event, 1, session_ids=[workshop.pk])
    waitlisted_mail = mailoutbox[1]
    assert waitlisted_mail.subject.startswith("U staat op de wachtlijst")
    for text in (waitlisted_mail.body, waitlisted_mail.alternatives[0][0]):
        assert "Uw workshops" not in text and "Workshop armoede" not in text
    assert invitation(waitlisted_mail) is None

    # a change of time: the waiting person hears about it, without a calendar file
    mailoutbox.clear()
    event.refresh_from_db()
    event.venue = "Bibliotheek"
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, actor=staff)
    changed = {mail.to[0]: mail for mail in mailoutbox}["vera1@voorbeeld.nl"]
    assert invitation(changed) is None
    assert "Uw workshops" not in changed.body and "agendabestand" not in changed.body

    from ontmoetingen.events import tokens

    page = client.get(f"/agenda/aanmelding/{tokens.registration_token(waiting.pk)}/")
    html = page.content.decode()
    assert "U staat op de wachtlijst" in html
    assert "Zet in uw agenda" not in html and "Uw workshops" not in html


def test_moving_up_from_the_waiting_list_sends_the_invitation(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(capacity=1)
    workshop = SessionFactory(event=event, title="Workshop armoede", capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, 0)
        register(event, 1, session_ids=[workshop.pk])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration_id=first.pk)
    promoted = {mail.to[0]: mail for mail in mailoutbox}["vera1@voorbeeld.nl"]
    assert promoted.subject.startswith("Er is een plaats voor u")
    assert "bent nu aangemeld" in promoted.body
    assert "Uw workshops" in promoted.body and "Workshop armoede" in promoted.body
    method, uid, _, status, _ = invitation(promoted)
    assert (method, status) == ("REQUEST", "CONFIRMED")
    assert uid == f"event-{event.pk}@kansrijke-ontmoetingen"


def public_download(client, event):
    """(UID, SEQUENCE) of the event's public .ics download."""
    response = client.get(reverse("events:ics", args=[event.slug]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["method"]) == "PUBLISH"
    [item] = calendar.walk("VEVENT")
    return str(item["uid"]), int(item["sequence"])


def test_public_download_and_every_mail_share_one_uid(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    staff = UserFactory(project_team=True)
    event = EventFactory()
    SessionFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event)
    download_uid, _ = public_download(client, event)
    invited = invitation(mailoutbox[-1])
    assert invited[1] == download_uid  # the confirmation's appointment is the download's

    event.refresh_from_db()
    event.venue = "Bibliotheek"
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, actor=staff)
    changed = invitation(mailoutbox[-1])
    assert changed[:2] == ("REQUEST", download_uid)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration_id=registration.pk)
    cancelled = invitation(mailoutbox[-1])
    assert cancelled[:2] == ("CANCEL", download_uid)
    assert cancelled[2] > changed[2]

    # registering again: the same appointment comes back, with a SEQUENCE above the CANCEL
    with django_capture_on_commit_callbacks(execute=True):
        register(event)
    again = invitation(mailoutbox[-1])
    assert again[:2] == ("REQUEST", download_uid)
    assert again[2] > cancelled[2]
    assert public_download(client, event) == (download_uid, again[2])
    feed = Calendar.from_ical(client.get(reverse("events:feed")).content)
    assert download_uid in {str(item["uid"]) for item in feed.walk("VEVENT")}

    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, actor=staff, reason="Zaal dicht")
    assert invitation(mailoutbox[-1])[:2] == ("CANCEL", download_uid)


def test_programme_calendar_uses_the_same_uids():
    from ontmoetingen.events import ics
    from ontmoetingen.events.programme_mails import personal_calendar

    event = EventFactory()
    workshop = SessionFactory(event=event)
    registration = register(event, session_ids=[workshop.pk])
    items = Calendar.from_ical(personal_calendar(registration)).walk("VEVENT")
    assert [str(i["uid"]) for i in items] == [
        ics.calendar_uid(event.pk),
        ics.calendar_uid(event.pk, session_id=workshop.pk),
    ]
    assert str(items[0]["uid"]) == f"event-{event.pk}@kansrijke-ontmoetingen"


def test_time_left_is_counted_in_calendar_days():
    now = timezone.make_aware(timezone.datetime(2026, 3, 9, 23, 30))
    assert time_left(now + timedelta(minutes=60), now) == "morgen"  # 00:30 the next day
    assert time_left(now + timedelta(minutes=10), now) == "vandaag"
    assert time_left(now + timedelta(days=2, hours=1), now) == "over 3 dagen"


def test_reminder_says_how_long_it_really_is(django_capture_on_commit_callbacks, mailoutbox):
    tomorrow = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    event = EventFactory(starts_at=tomorrow + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        register(event)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 1
    [mail] = mailoutbox
    assert "Morgen is het zover" in mail.body
    assert "twee dagen" not in mail.body
    assert invitation(mail)[0] == "REQUEST"


def test_online_event_mails_never_mention_the_qr_code_at_the_door(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(online=True, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, 0)
        register(event, 1)
        services.registration_cancel(registration_id=first.pk)
    assert len(mailoutbox) >= 3
    for mail in mailoutbox:
        for text in (mail.body, mail.alternatives[0][0]):
            assert "QR-code" not in text and "ingang" not in text
        assert all(not name.endswith(".png") for name, *_ in mail.attachments)
