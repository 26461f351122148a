"""Partner invitation links over HTTP: single use, dead when withdrawn, when the coalition
stops, or after expiry, each with its own Dutch page."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions import services
from ontmoetingen.coalitions.models import CoalitionMembership, Invitation
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.core.models import AuditLog
from ontmoetingen.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(coordinator=True)


@pytest.fixture
def invitation(coordinator, regions):
    coalition = CoalitionFactory(name="Kansrijke Start Zeist", municipalities=["GM0355"])
    coalition.coordinators.add(coordinator)
    organisation = OrganisationFactory(
        name="Praktijk De Linde", contact_email="info@linde.nl", service_area=["GM0355"]
    )
    return services.invitation_create(
        coalition=coalition, organisation=organisation, actor=coordinator
    )


def _url(invitation) -> str:
    return f"/coalities/uitnodiging/{services.invitation_token(invitation)}/"


def _partners(invitation) -> int:
    return CoalitionMembership.objects.filter(
        coalition=invitation.coalition, organisation=invitation.organisation
    ).count()


def test_link_cannot_add_the_organisation_again_after_it_was_removed(client, invitation):
    url = _url(invitation)
    assert client.post(url, {"antwoord": "ja"}).status_code == 200
    assert _partners(invitation) == 1
    # a second click while still partner is harmless
    assert client.post(url, {"antwoord": "ja"}).status_code == 200
    services.membership_remove(
        coalition=invitation.coalition, organisation=invitation.organisation, actor=None
    )
    response = client.post(url, {"antwoord": "ja"})
    assert response.status_code == 410
    assert "al gebruikt" in response.content.decode()
    assert _partners(invitation) == 0
    assert client.get(url).status_code == 410


def test_withdrawn_invitation_link_is_dead(client, invitation, coordinator):
    url = _url(invitation)
    client.force_login(coordinator)
    page = client.get(f"/coalities/{invitation.coalition.pk}/").content.decode()
    assert "Uitnodiging intrekken" in page
    response = client.post(
        f"/coalities/{invitation.coalition.pk}/uitnodigingen/{invitation.pk}/intrekken/"
    )
    assert response.status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert AuditLog.objects.filter(action="uitnodiging ingetrokken", actor=coordinator).exists()
    client.logout()
    for response in (client.get(url), client.post(url, {"antwoord": "ja"})):
        assert response.status_code == 400
        assert "ingetrokken" in response.content.decode()
    assert _partners(invitation) == 0


def test_only_an_editor_can_withdraw(client, invitation):
    client.force_login(UserFactory(coordinator=True))
    response = client.post(
        f"/coalities/{invitation.coalition.pk}/uitnodigingen/{invitation.pk}/intrekken/"
    )
    assert response.status_code in (403, 404)
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_link_dies_when_the_coalition_stops(client, invitation):
    invitation.coalition.active = False
    invitation.coalition.save()
    url = _url(invitation)
    for response in (client.get(url), client.post(url, {"antwoord": "ja"})):
        assert response.status_code == 410
        assert "is gestopt" in response.content.decode()
    assert _partners(invitation) == 0


def test_link_expires(client, invitation):
    url = _url(invitation)
    later = signing.time.time() + services.INVITATION_MAX_AGE + timedelta(days=1).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(url, {"antwoord": "ja"})
    assert response.status_code == 400
    assert "verlopen" in response.content.decode()
    assert _partners(invitation) == 0
