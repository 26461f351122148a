"""Invitations (every state), sign-up with verification, role removal over HTTP."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.encounters.invitations import invitation_create
from ontmoetingen.encounters.models import Invitation

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "een-lang-nieuw-wachtwoord-9"


def _link(message) -> str:
    return re.search(r"http://testserver(/\S+/)", message.body).group(1)


@pytest.fixture
def team():
    return UserFactory(project_team=True)


def _invite(team, capture, *, role=Role.PARTNER, coalition=None, email="nieuw@voorbeeld.nl"):
    with capture(execute=True):
        return invitation_create(
            email=email, full_name="Nina Nieuw", role=role, coalition=coalition, actor=team
        )


def test_team_invites_and_accepting_sets_password_and_lands_on_mine(
    client, team, django_capture_on_commit_callbacks, outbox
):
    client.force_login(team)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("encounters:invite"),
            {"email": "Nieuw@Voorbeeld.nl", "full_name": "Nina Nieuw", "role": "partner"},
        )
    assert response.status_code == 302
    assert outbox[-1].to == ["nieuw@voorbeeld.nl"]
    link = _link(outbox[-1])
    client.logout()
    page = client.get(link)
    assert "Kies een wachtwoord" in page.content.decode()
    response = client.post(
        link,
        {"full_name": "Nina Nieuw", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response.url == reverse("accounts:mine")
    user = User.objects.get(email="nieuw@voorbeeld.nl")
    assert user.check_password(NEW_PASSWORD)
    assert user.has_role(Role.PARTNER)
    assert user.email_verified_at is not None
    assert client.get(reverse("accounts:mine")).status_code == 200


def test_weak_password_is_refused_by_the_validators(
    client, team, django_capture_on_commit_callbacks, outbox
):
    _invite(team, django_capture_on_commit_callbacks)
    response = client.post(
        _link(outbox[-1]), {"full_name": "Nina", "password1": "12345", "password2": "12345"}
    )
    assert response.status_code == 200
    assert "Controleer het formulier" in response.content.decode()
    assert not User.objects.filter(email="nieuw@voorbeeld.nl").exists()


def test_invitation_cannot_be_used_twice(client, team, django_capture_on_commit_callbacks, outbox):
    _invite(team, django_capture_on_commit_callbacks)
    link = _link(outbox[-1])
    data = {"full_name": "Nina", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert client.post(link, data).status_code == 302
    client.logout()
    response = client.get(link)
    assert response.status_code == 410
    assert "Uitnodiging al gebruikt" in response.content.decode()
    assert client.post(link, data).status_code == 410


def test_withdrawn_invitation_shows_its_own_page(
    client, team, django_capture_on_commit_callbacks, outbox
):
    invitation = _invite(team, django_capture_on_commit_callbacks)
    client.force_login(team)
    client.post(reverse("encounters:invitation_action", args=[invitation.pk, "intrekken"]))
    client.logout()
    response = client.get(_link(outbox[-1]))
    assert response.status_code == 410
    assert "Uitnodiging ingetrokken" in response.content.decode()


def test_expired_invitation_shows_its_own_page(
    client, team, django_capture_on_commit_callbacks, outbox
):
    invitation = _invite(team, django_capture_on_commit_callbacks)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(_link(outbox[-1]))
    assert response.status_code == 410
    assert "Uitnodiging verlopen" in response.content.decode()


def test_resend_replaces_the_old_link(client, team, django_capture_on_commit_callbacks, outbox):
    invitation = _invite(team, django_capture_on_commit_callbacks)
    old = _link(outbox[-1])
    client.force_login(team)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("encounters:invitation_action", args=[invitation.pk, "opnieuw"]))
    new = _link(outbox[-1])
    client.logout()
    assert old != new
    assert client.get(old).status_code == 410
    assert client.get(new).status_code == 200


def test_wrong_user_logged_in_gets_a_clear_page(
    client, team, django_capture_on_commit_callbacks, outbox
):
    _invite(team, django_capture_on_commit_callbacks)
    client.force_login(UserFactory(email="iemand-anders@voorbeeld.nl"))
    response = client.get(_link(outbox[-1]))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Ingelogd met een ander account" in body and "iemand-anders@voorbeeld.nl" in body


def test_existing_account_accepts_after_logging_in(
    client, team, django_capture_on_commit_callbacks, outbox
):
    coalition = CoalitionFactory()
    person = UserFactory(email="nieuw@voorbeeld.nl", professional=True)
    _invite(team, django_capture_on_commit_callbacks, role=Role.COORDINATOR, coalition=coalition)
    link = _link(outbox[-1])
    assert "Log in" in client.get(link).content.decode()
    client.force_login(person)
    assert client.post(link).status_code == 302
    person.refresh_from_db()
    assert person.has_role(Role.COORDINATOR) and person.has_role(Role.PROFESSIONAL)
    assert coalition.coordinators.filter(pk=person.pk).exists()


def test_coordinator_invites_members_of_own_coalition_only(client):
    own, other = CoalitionFactory(), CoalitionFactory()
    coordinator = UserFactory(coordinator=True)
    own.coordinators.add(coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("encounters:invite")).content.decode()
    assert own.name in page and other.name not in page
    assert 'value="coordinator"' not in page  # only the team grants coordinator roles
    response = client.post(
        reverse("encounters:invite"),
        {"email": "lid@voorbeeld.nl", "role": "coordinator", "coalition": own.pk},
    )
    assert response.status_code == 200 and not Invitation.objects.exists()
    response = client.post(
        reverse("encounters:invite"),
        {"email": "lid@voorbeeld.nl", "role": "professional", "coalition": other.pk},
    )
    assert response.status_code == 200 and not Invitation.objects.exists()
    response = client.post(
        reverse("encounters:invite"),
        {"email": "lid@voorbeeld.nl", "role": "professional", "coalition": own.pk},
    )
    assert response.status_code == 302
    assert Invitation.objects.get().coalition == own


def test_professional_cannot_invite(client):
    client.force_login(UserFactory(professional=True))
    assert client.get(reverse("encounters:invite")).status_code == 403


def test_signup_verifies_email_and_grants_professional_only(
    client, django_capture_on_commit_callbacks, outbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:signup"),
            {
                "full_name": "Sara Sociaal",
                "email": "sara@voorbeeld.nl",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "role": "projectteam",  # ignored: sign-up never grants more
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="sara@voorbeeld.nl")
    assert not user.is_active and user.email_verified_at is None
    assert sorted(user.role_names) == ["professional"]
    # cannot log in before verifying
    client.post(
        reverse("accounts:login"), {"username": "sara@voorbeeld.nl", "password": NEW_PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    link = _link(outbox[-1])
    assert client.get(link).status_code == 200  # shows a button; GET changes nothing
    user.refresh_from_db()
    assert not user.is_active
    response = client.post(link)
    assert response.status_code == 302 and response.url == reverse("accounts:mine")
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at is not None
    client.logout()
    second = client.get(link)
    assert second.status_code == 410 and "al bevestigd" in second.content.decode()


def test_signup_for_existing_address_creates_nothing_and_says_the_same(
    client, django_capture_on_commit_callbacks, outbox
):
    UserFactory(email="vera@voorbeeld.nl")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:signup"),
            {
                "full_name": "Vera",
                "email": "vera@voorbeeld.nl",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )
    assert response.status_code == 302 and response.url == reverse("accounts:signup_sent")
    assert User.objects.filter(email="vera@voorbeeld.nl").count() == 1
    assert "al een account" in outbox[-1].subject


def test_verification_link_never_reactivates_a_deactivated_account(client):
    from ontmoetingen.accounts.services import signup_token

    user = UserFactory(is_active=False, email_verified_at=timezone.now())
    response = client.post(reverse("accounts:signup_verify", args=[signup_token(user)]))
    assert response.status_code == 410
    user.refresh_from_db()
    assert not user.is_active


def test_removing_coordinator_role_stops_editing_on_next_request(client, team, area):
    coalition = CoalitionFactory(municipalities=[area["Zeist"]])
    coordinator = UserFactory(coordinator=True, email="coord@voorbeeld.nl")
    coalition.coordinators.add(coordinator)
    coordinator_client = client
    coordinator_client.post(
        reverse("accounts:login"), {"username": "coord@voorbeeld.nl", "password": PASSWORD}
    )
    edit = reverse("coalitions:edit", args=[coalition.pk])
    assert coordinator_client.get(edit).status_code == 200

    from django.test import Client

    team_client = Client()
    team_client.force_login(team)
    response = team_client.post(
        reverse("encounters:person", args=[coordinator.pk]),
        {"action": "roles", "roles": ["professional"]},
    )
    assert response.status_code == 302
    # the same session, the very next request
    assert coordinator_client.get(edit).status_code in (403, 404)
    assert not coalition.coordinators.filter(pk=coordinator.pk).exists()


def test_deactivating_logs_out_on_next_request(client, team):
    person = UserFactory(professional=True, email="p@voorbeeld.nl")
    client.post(reverse("accounts:login"), {"username": "p@voorbeeld.nl", "password": PASSWORD})
    assert client.get(reverse("encounters:directory")).status_code == 200
    from django.test import Client

    team_client = Client()
    team_client.force_login(team)
    team_client.post(reverse("encounters:person", args=[person.pk]), {"action": "deactivate"})
    person.refresh_from_db()
    assert not person.is_active
    assert client.get(reverse("encounters:directory")).status_code == 302


def test_people_overview_search_and_filters(client, team):
    coalition = CoalitionFactory(name="Coalitie Zeist")
    coordinator = UserFactory(coordinator=True, full_name="Carla Coördinator")
    coalition.coordinators.add(coordinator)
    UserFactory(partner=True, full_name="Piet Partner")
    client.force_login(team)
    url = reverse("encounters:people")
    body = client.get(url, {"role": "coordinator"}).content.decode()
    assert "Carla Coördinator" in body and "Piet Partner" not in body
    body = client.get(url, {"coalition": coalition.pk}).content.decode()
    assert "Carla Coördinator" in body and "Piet Partner" not in body
    body = client.get(url, {"q": "piet"}).content.decode()
    assert "Piet Partner" in body and "Carla" not in body


def _edit_attempts(client, coalition):
    """GET and POST of the coalition's edit page for the client's user."""
    edit = reverse("coalitions:edit", args=[coalition.pk])
    data = {"description": "Overgenomen door een oud-coördinator", "contact_name": "X"}
    return client.get(edit), client.post(edit, data)


def test_former_coordinator_cannot_get_or_post_the_edit_page(client, team, area):
    """Removed as coordinator of this coalition (the role kept for another one): the very next
    GET and POST are refused and nothing is saved."""
    coalition = CoalitionFactory(municipalities=[area["Zeist"]], description="Origineel")
    coordinator = UserFactory(coordinator=True)
    coalition.coordinators.add(coordinator)
    client.force_login(coordinator)
    assert client.get(reverse("coalitions:edit", args=[coalition.pk])).status_code == 200
    coalition.coordinators.remove(coordinator)
    for response in _edit_attempts(client, coalition):
        assert response.status_code in (403, 404)
    coalition.refresh_from_db()
    assert coalition.description == "Origineel"
    # and with the role withdrawn (still listed on the coalition by mistake): refused too
    coalition.coordinators.add(coordinator)
    coordinator.groups.clear()
    for response in _edit_attempts(client, coalition):
        assert response.status_code in (403, 404)
    coalition.refresh_from_db()
    assert coalition.description == "Origineel"


def test_coordinator_invitation_dies_when_the_coalition_stops(
    client, team, area, django_capture_on_commit_callbacks, outbox
):
    coalition = CoalitionFactory(municipalities=[area["Zeist"]], name="Kansrijke Start Zeist")
    _invite(team, django_capture_on_commit_callbacks, role=Role.COORDINATOR, coalition=coalition)
    link = _link(outbox[-1])
    coalition.active = False
    coalition.save()
    response = client.get(link)
    assert response.status_code == 410
    html = response.content.decode()
    assert "Coalitie gestopt" in html and "is gestopt" in html
    data = {"full_name": "Nina", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert client.post(link, data).status_code == 410
    assert not User.objects.filter(email="nieuw@voorbeeld.nl").exists()
