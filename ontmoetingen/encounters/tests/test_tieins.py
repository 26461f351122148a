"""The people layer on other areas' pages: coalition, organisation, event."""

import pytest
from django.urls import reverse

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.encounters.models import Consent
from ontmoetingen.encounters.tests.factories import ProfessionalFactory
from ontmoetingen.events.models import RegistrationStatus
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_coalition_page_shows_professionals_of_missing_domains(client, area):
    coalition = CoalitionFactory(municipalities=[area["Zeist"]])
    MembershipFactory(coalition=coalition, organisation=OrganisationFactory(birth_care=True))
    coordinator = UserFactory(coordinator=True)
    coalition.coordinators.add(coordinator)
    social = ProfessionalFactory(
        user=UserFactory(full_name="Sanne Sociaal"), social=True, working_area=[area["Zeist"]]
    )
    ProfessionalFactory(
        user=UserFactory(full_name="Bea Geboortezorg"), working_area=[area["Zeist"]]
    )
    ProfessionalFactory(
        user=UserFactory(full_name="Gert Groningen"), social=True, working_area=[area["Groningen"]]
    )
    ProfessionalFactory(
        user=UserFactory(full_name="Vera Verborgen"),
        social=True,
        unpublished=True,
        working_area=[area["Zeist"]],
    )
    client.force_login(coordinator)
    body = client.get(coalition.get_absolute_url()).content.decode()
    assert "Professionals die hier werken" in body
    assert "Sanne Sociaal" in body
    assert reverse("encounters:introduce", args=[social.pk]) in body
    for absent in ("Bea Geboortezorg", "Gert Groningen", "Vera Verborgen"):
        assert absent not in body
    client.force_login(UserFactory(professional=True))
    assert "Sanne Sociaal" not in client.get(coalition.get_absolute_url()).content.decode()
    client.logout()
    assert "Sanne Sociaal" not in client.get(coalition.get_absolute_url()).content.decode()


def test_organisation_page_lists_its_published_professionals(client, area):
    organisation = OrganisationFactory()
    ProfessionalFactory(user=UserFactory(full_name="Olga Organisatie"), organisation=organisation)
    ProfessionalFactory(
        user=UserFactory(full_name="Otto Onzichtbaar"), organisation=organisation, unpublished=True
    )
    body = client.get(organisation.get_absolute_url()).content.decode()
    assert "1 professional van deze organisatie heeft een profiel" in body
    assert "Olga Organisatie" not in body  # names for logged-in users only
    client.force_login(UserFactory())
    body = client.get(organisation.get_absolute_url()).content.decode()
    assert "Olga Organisatie" in body and "Otto Onzichtbaar" not in body


def test_event_attendee_list_is_opt_in_and_for_registrants_only(client, area):
    event = EventFactory()
    me = UserFactory()
    other = UserFactory()
    ProfessionalFactory(user=other)
    RegistrationFactory(event=event, user=me, status=RegistrationStatus.CONFIRMED)
    theirs = RegistrationFactory(
        event=event, user=other, name="Anouk Aangemeld", status=RegistrationStatus.CONFIRMED
    )
    RegistrationFactory(event=event, name="Stil Persoon", status=RegistrationStatus.CONFIRMED)
    client.force_login(other)
    response = client.post(reverse("encounters:attendee_list", args=[event.slug]), {"show": "1"})
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.show_in_attendee_list
    assert Consent.objects.filter(user=other, kind="deelnemerslijst").exists()

    client.force_login(me)
    body = client.get(event.get_absolute_url()).content.decode()
    assert "Anouk Aangemeld" in body and other.professional.get_absolute_url() in body
    assert "Stil Persoon" not in body
    client.force_login(UserFactory())  # logged in, not registered
    assert "Anouk Aangemeld" not in client.get(event.get_absolute_url()).content.decode()
    client.logout()
    assert "Anouk Aangemeld" not in client.get(event.get_absolute_url()).content.decode()
    client.force_login(UserFactory())
    response = client.post(reverse("encounters:attendee_list", args=[event.slug]), {"show": "1"})
    assert response.status_code == 404
