"""A registration link after cancellation: looking still works, changing nothing does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from ontmoetingen.events import tokens
from ontmoetingen.events.models import Programme, RegistrationStatus, SessionMode
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cancelled():
    event = EventFactory(capacity=40)
    Programme.objects.create(event=event, mode=SessionMode.PREFERENCE)
    slot = event.starts_at + timedelta(hours=1)
    sessions = [SessionFactory(event=event, title=t, starts_at=slot, capacity=5) for t in "AB"]
    registration = RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    return registration, sessions


def test_cancelled_registration_link_cannot_pick_workshops_or_change_anything(client, cancelled):
    registration, (a, b) = cancelled
    token = tokens.registration_token(registration.pk)
    # looking still works: the page says the person is cancelled
    assert client.get(reverse("events:registration", args=[token])).status_code == 200
    refused = [
        client.get(reverse("events:preferences_edit", args=[token])),
        client.post(reverse("events:preferences_edit", args=[token]), {"pref_1_1": str(a.pk)}),
        client.post(reverse("events:workshop_switch", args=[token]), {"session": str(b.pk)}),
        client.post(reverse("events:networking_opt_out", args=[token]), {"meedoen": "1"}),
        client.get(reverse("events:cancel", args=[token])),
        client.post(reverse("events:cancel", args=[token])),
    ]
    for response in refused:
        assert response.status_code == 410
        assert "afgemeld" in response.content.decode()
    assert not registration.preferences.exists()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_registration_and_checkin_links_are_not_interchangeable(client, cancelled):
    registration, _ = cancelled
    checkin = tokens.checkin_token(registration.pk)
    response = client.get(reverse("events:registration", args=[checkin]))
    assert response.status_code == 403
