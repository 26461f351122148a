"""Regiotour: the public itinerary and the team's parts, reports with attendance from check-in,
follow-up actions with coordinators updating their own, the one-time overdue reminder."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.core.audit import audit_entries
from ontmoetingen.core.models import Theme
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory
from ontmoetingen.tracks import services
from ontmoetingen.tracks.models import FollowUpAction, Visit
from ontmoetingen.tracks.tasks import remind_overdue_actions
from ontmoetingen.tracks.tests.factories import ActionFactory, VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    return UserFactory(project_team=True)


def test_public_itinerary_hides_dropped_visits_and_internal_parts(regions, client):
    planned = VisitFactory(title="Bezoek Utrecht")
    VisitFactory(title="Vervallen bezoek", cancelled=True)
    html = client.get("/regiotour/").content.decode()
    assert "Bezoek Utrecht" in html and "Vervallen bezoek" not in html
    assert 'class="tour-region tour-region--gepland"' in html
    detail = client.get(f"/regiotour/{planned.pk}/").content.decode()
    assert "provincie Utrecht" in detail
    assert "06-12345678" not in detail and "Voor het projectteam" not in detail
    dropped = Visit.objects.get(title="Vervallen bezoek")
    assert client.get(f"/regiotour/{dropped.pk}/").status_code == 404


def test_team_sees_contacts_report_and_actions(regions, client, team):
    visit = VisitFactory(visited=True)
    ActionFactory(visit=visit, owner_coalition=CoalitionFactory(), description="Plan maken")
    client.force_login(team)
    html = client.get(f"/regiotour/{visit.pk}/").content.decode()
    assert "06-12345678" in html and "Plan maken" in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        ("professional", 403),
        ("coordinator", 403),
        ("partner", 403),
        ("project_team", 200),
    ],
)
@pytest.mark.parametrize(
    "url",
    [
        "/beheer/regiotour/",
        "/beheer/regiotour/nieuw/",
        "/beheer/regiotour/{visit}/bewerken/",
        "/beheer/regiotour/{visit}/verslag/",
        "/beheer/regiotour/{visit}/acties/nieuw/",
        "/beheer/regiotour/acties/{action}/",
        "/beheer/opnames/",
    ],
)
def test_who_may_manage_the_tour(regions, client, role, expected, url):
    action = ActionFactory(owner_coalition=CoalitionFactory())
    if role:
        client.force_login(UserFactory(**{role: True}))
    response = client.get(url.format(visit=action.visit_id, action=action.pk))
    assert response.status_code == expected


def test_team_creates_a_visit_through_the_form_with_audit(regions, client, team):
    host = CoalitionFactory(name="Coalitie Zeist", municipalities=["GM0355"])
    client.force_login(team)
    response = client.post(
        "/beheer/regiotour/nieuw/",
        {
            "title": "Regiotour Heuvelrug",
            "date": "2027-03-10",
            "status": "bevestigd",
            "region_kind": "gemeenten",
            "municipalities": ["GM0355", "GM0345"],
            "province": "PV26",  # dropped: the visit is a set of municipalities
            "hosts": [host.pk],
            "contacts": "Dhr. de Vries",
        },
    )
    visit = Visit.objects.get(title="Regiotour Heuvelrug")
    assert response.status_code == 302
    assert visit.province_id is None
    assert sorted(visit.municipalities.values_list("code", flat=True)) == ["GM0345", "GM0355"]
    assert list(visit.hosts.all()) == [host]
    entry = audit_entries(obj=visit).get()
    assert entry.action == "aangemaakt" and entry.actor == team


def test_visit_form_refuses_missing_region(regions, client, team):
    client.force_login(team)
    response = client.post(
        "/beheer/regiotour/nieuw/",
        {"title": "X", "date": "2027-03-10", "status": "gepland", "region_kind": "ggd"},
    )
    assert response.status_code == 200
    assert "Kies de GGD-regio" in response.content.decode()
    assert not Visit.objects.exists()


def test_report_records_themes_and_marks_visit_held_attendance_from_checkin(regions, client, team):
    start = timezone.now() - timedelta(days=2)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2), kind="regiotour")
    RegistrationFactory(event=event, checked_in_at=start, name="Anna Aanwezig")
    RegistrationFactory(event=event, name="Bert Afwezig")
    visit = VisitFactory(status="bevestigd")
    visit.events.set([event])
    theme = Theme.objects.create(name="Armoede", slug="armoede")
    client.force_login(team)
    response = client.post(
        f"/beheer/regiotour/{visit.pk}/verslag/",
        {
            "findings": "Veel vragen over armoede.",
            "agreements": "Kennismaking VSV.",
            "themes": [theme.pk],
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == "bezocht"
    assert list(visit.report.themes.all()) == [theme]
    html = client.get(f"/regiotour/{visit.pk}/").content.decode()
    assert "1 aanwezig volgens de check-in" in html
    assert "Anna Aanwezig" in html and "Bert Afwezig" not in html
    assert audit_entries(obj=visit).filter(action="verslag vastgelegd").exists()


def test_action_needs_exactly_one_owner(regions, client, team):
    visit = VisitFactory(visited=True)
    client.force_login(team)
    url = f"/beheer/regiotour/{visit.pk}/acties/nieuw/"
    data = {"description": "Bellen", "due_date": "2027-01-01", "status": "open"}
    assert "Kies één eigenaar" in client.post(url, data).content.decode()
    organisation = OrganisationFactory()
    assert client.post(url, {**data, "owner_organisation": organisation.pk}).status_code == 302
    action = FollowUpAction.objects.get()
    assert action.owner == organisation


def test_coordinator_updates_own_coalitions_action_not_others(regions, client):
    coordinator = UserFactory(coordinator=True)
    own = CoalitionFactory(coordinators=[coordinator])
    action = ActionFactory(owner_coalition=own, description="Eigen actie")
    other = ActionFactory(owner_coalition=CoalitionFactory(), description="Andermans actie")
    client.force_login(coordinator)
    mine = client.get("/mijn/").content.decode()
    assert "Eigen actie" in mine and "Andermans actie" not in mine
    coalition_page = client.get(f"/coalities/{own.pk}/").content.decode()
    assert "Eigen actie" in coalition_page and "Bereikt door" in coalition_page
    response = client.post(f"/regiotour/acties/{action.pk}/status/", {"status": "afgerond"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "afgerond" and action.completed_at is not None
    assert (
        client.post(f"/regiotour/acties/{other.pk}/status/", {"status": "afgerond"}).status_code
        == 404
    )
    other.refresh_from_db()
    assert other.status == "open"
    assert audit_entries(obj=action).get().actor == coordinator


def test_status_update_does_not_redirect_off_site(regions, client):
    coordinator = UserFactory(coordinator=True)
    action = ActionFactory(owner_coalition=CoalitionFactory(coordinators=[coordinator]))
    client.force_login(coordinator)
    response = client.post(
        f"/regiotour/acties/{action.pk}/status/",
        {"status": "bezig", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/mijn/"


def test_overdue_actions_remind_the_owner_once(regions, outbox, django_capture_on_commit_callbacks):
    coordinator = UserFactory(coordinator=True, email="coordinator@voorbeeld.nl")
    late = ActionFactory(overdue=True, owner_coalition=CoalitionFactory(coordinators=[coordinator]))
    ActionFactory(owner_coalition=CoalitionFactory(coordinators=[coordinator]))  # not due yet
    ActionFactory(overdue=True, status="afgerond", owner_organisation=OrganisationFactory())
    organisation = OrganisationFactory(contact_email="info@vsv.example")
    ActionFactory(overdue=True, owner_organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_overdue_actions.call() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_overdue_actions.call() == 0
    assert sorted(m.to[0] for m in outbox) == ["coordinator@voorbeeld.nl", "info@vsv.example"]
    assert late.description in outbox[0].body or late.description in outbox[1].body
    late.refresh_from_db()
    assert late.reminded_at is not None


def test_service_refuses_unknown_status(regions):
    action = ActionFactory(owner_coalition=CoalitionFactory())
    from ontmoetingen.core.errors import ServiceError

    with pytest.raises(ServiceError):
        services.action_set_status(action=action, status="weg", actor=None)


def test_backoffice_counts_overdue_actions(regions, client, team):
    ActionFactory(overdue=True, owner_coalition=CoalitionFactory())
    ActionFactory(owner_coalition=CoalitionFactory())
    client.force_login(team)
    html = client.get("/beheer/").content.decode()
    assert "vervolgacties regiotour over de datum" in html


def test_home_shows_the_next_visits(regions, client):
    VisitFactory(title="Regiotour Zeeland (voorbeeld)", province_id="PV29")
    VisitFactory(title="Vervallen (voorbeeld)", cancelled=True)
    html = client.get("/").content.decode()
    assert "Regiotour Zeeland (voorbeeld)" in html and "Vervallen (voorbeeld)" not in html
    assert "/nieuwsbrief/" in html
