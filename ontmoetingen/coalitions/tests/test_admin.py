"""The Django admin is not a second write path: it shows coalitions and organisations but
cannot change them around the services (status history, partners, audit log)."""

import pytest

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions.models import Coalition, CoalitionMembership
from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.directory.models import Organisation
from ontmoetingen.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_coalition_admin_shows_but_does_not_change(admin_client, regions):
    coalition = CoalitionFactory(name="Utrecht", municipalities=["GM0344"])
    membership = MembershipFactory(coalition=coalition)
    url = f"/beheer/django/coalitions/coalition/{coalition.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200 and "Utrecht" in page.content.decode()
    response = admin_client.post(
        url,
        {
            "name": "Gewijzigd buiten de site om",
            "status": "geborgd",
            "active": "",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-DELETE": "on",
        },
    )
    assert response.status_code == 403
    coalition.refresh_from_db()
    assert (coalition.name, coalition.active) == ("Utrecht", True)
    assert CoalitionMembership.objects.filter(pk=membership.pk).exists()
    assert (
        admin_client.post("/beheer/django/coalitions/coalition/add/", {"name": "X"}).status_code
        == 403
    )
    delete = f"/beheer/django/coalitions/coalition/{coalition.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Coalition.objects.count() == 1


def test_organisation_admin_shows_but_does_not_change(admin_client, regions):
    organisation = OrganisationFactory(name="Praktijk", service_area=["GM0344"])
    url = f"/beheer/django/directory/organisation/{organisation.pk}/change/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"name": "Anders", "type": "ggd", "service_area": []})
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert (organisation.name, organisation.type) == ("Praktijk", "verloskundigenpraktijk")
    assert organisation.service_area.count() == 1
    add = admin_client.post(
        "/beheer/django/directory/organisation/add/", {"name": "N", "type": "ggd"}
    )
    assert add.status_code == 403
    assert Organisation.objects.count() == 1
