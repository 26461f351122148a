"""A past event says "afgelopen" and shows its recording; the recording links back; the event's
back-office page carries its reach block."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory
from ontmoetingen.toolkit.tests.factories import ResourceFactory
from ontmoetingen.tracks import services
from ontmoetingen.tracks.models import Recording

pytestmark = pytest.mark.django_db


def _past_webinar():
    start = timezone.now() - timedelta(days=7)
    return EventFactory(
        title="Webinar armoede", kind="webinar", starts_at=start, ends_at=start + timedelta(hours=1)
    )


def test_past_event_shows_afgelopen_and_recording_which_links_back(client):
    event = _past_webinar()
    resource = ResourceFactory(title="Opname webinar armoede", kind="webinar-opname")
    services.recording_add(event=event, resource=resource, kind="opname", actor=None)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Afgelopen" in html and "plaatsen vrij" not in html
    assert "Opname webinar armoede" in html and resource.get_absolute_url() in html
    back = client.get(resource.get_absolute_url()).content.decode()
    assert "Hoort bij" in back and event.get_absolute_url() in back


def test_future_event_shows_places_and_no_recording_block(client):
    event = EventFactory()
    html = client.get(event.get_absolute_url()).content.decode()
    assert "plaatsen vrij" in html and 'id="recordings-title"' not in html


def test_recording_only_for_past_events_and_once(db):
    resource = ResourceFactory()
    with pytest.raises(ServiceError):
        services.recording_add(event=EventFactory(), resource=resource, kind="opname", actor=None)
    event = _past_webinar()
    services.recording_add(event=event, resource=resource, kind="slides", actor=None)
    with pytest.raises(ServiceError):
        services.recording_add(event=event, resource=resource, kind="opname", actor=None)
    assert Recording.objects.count() == 1


def test_team_links_and_unlinks_a_recording(client):
    client.force_login(UserFactory(project_team=True))
    event, resource = _past_webinar(), ResourceFactory()
    response = client.post(
        "/beheer/opnames/", {"event": event.pk, "resource": resource.pk, "kind": "opname"}
    )
    assert response.status_code == 302
    recording = Recording.objects.get()
    client.post(f"/beheer/opnames/{recording.pk}/verwijderen/")
    assert not Recording.objects.exists()


def test_event_backoffice_page_has_reach_block(regions, client):
    event = _past_webinar()
    RegistrationFactory(
        event=event, work_municipality_id="GM0363", domain="sociaal", checked_in_at=event.starts_at
    )
    client.force_login(UserFactory(project_team=True))
    html = client.get(f"/beheer/agenda/{event.pk}/").content.decode()
    assert "Bereik van deze bijeenkomst" in html
    assert "1 aanwezig (ingecheckt), uit 1 gemeente" in html
    assert "Amsterdam: 1" in html


def test_agenda_feed_filters_by_province_and_theme(regions, client):
    from ontmoetingen.core.models import Theme

    armoede = Theme.objects.create(name="Armoede", slug="armoede")
    utrecht = EventFactory(title="Bijeenkomst Utrecht", is_national=False)
    utrecht.provinces.set(["PV26"])
    utrecht.themes.set([armoede])
    groningen = EventFactory(title="Bijeenkomst Groningen", is_national=False)
    groningen.provinces.set(["PV20"])
    EventFactory(title="Landelijke dag", is_national=True)
    everything = client.get("/agenda.ics").content.decode()
    assert "Bijeenkomst Groningen" in everything
    in_utrecht = client.get("/agenda.ics?provincie=PV26").content.decode()
    assert "Bijeenkomst Utrecht" in in_utrecht and "Landelijke dag" in in_utrecht
    assert "Bijeenkomst Groningen" not in in_utrecht
    themed = client.get("/agenda.ics?provincie=PV26&thema=armoede").content.decode()
    assert "Bijeenkomst Utrecht" in themed and "Landelijke dag" not in themed
