import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ontmoetingen.accounts.permissions import is_project_team
from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_user_logs_in_with_email_case_insensitive(client):
    user = UserFactory(email="vera@voorbeeld.nl")
    response = client.post(
        reverse("accounts:login"), {"username": "Vera@Voorbeeld.NL", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.wsgi_request.user == user


def test_wrong_password_shows_dutch_error_next_to_form(client):
    UserFactory(email="vera@voorbeeld.nl")
    response = client.post(
        reverse("accounts:login"), {"username": "vera@voorbeeld.nl", "password": "fout"}
    )
    assert response.status_code == 200
    assert (
        "Deze combinatie van e-mailadres en wachtwoord kennen we niet" in response.content.decode()
    )


def test_lockout_after_repeated_failures_with_clear_message(client, settings):
    UserFactory(email="vera@voorbeeld.nl")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"), {"username": "vera@voorbeeld.nl", "password": "fout"}
        )
    # even the right password is refused while locked out
    response = client.post(
        reverse("accounts:login"), {"username": "vera@voorbeeld.nl", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2_in_production_settings(settings):
    assert "Argon2PasswordHasher" in " ".join(settings.PASSWORD_HASHERS)
    from config import settings as project_settings

    # tests put a fast hasher first; outside tests Argon2 is the default
    assert any("Argon2" in h for h in project_settings.PASSWORD_HASHERS)


def test_password_reset_sends_mail_through_queue(
    client, django_capture_on_commit_callbacks, outbox
):
    UserFactory(email="vera@voorbeeld.nl", full_name="Vera de Vries")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "vera@voorbeeld.nl"})
    assert response.status_code == 302
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["vera@voorbeeld.nl"]
    assert "Nieuw wachtwoord" in message.subject
    link = re.search(r"http://testserver(/wachtwoord-instellen/\S+/)", message.body).group(1)
    response = client.get(link, follow=True)
    assert "Nieuw wachtwoord instellen" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "nieuw-lang-wachtwoord-7", "new_password2": "nieuw-lang-wachtwoord-7"},
    )
    assert response.status_code == 302
    assert (
        get_user_model()
        .objects.get(email="vera@voorbeeld.nl")
        .check_password("nieuw-lang-wachtwoord-7")
    )


def test_mine_requires_login(client):
    response = client.get(reverse("accounts:mine"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_data_export_contains_own_data_only(client):
    user = UserFactory(email="vera@voorbeeld.nl", full_name="Vera de Vries", professional=True)
    UserFactory(email="ander@voorbeeld.nl")
    client.force_login(user)
    response = client.get(reverse("accounts:data_export"))
    assert response.status_code == 200
    data = response.json()
    assert data["gegevens"]["accounts"]["e-mailadres"] == "vera@voorbeeld.nl"
    assert "ander@voorbeeld.nl" not in response.content.decode()


def test_roles_and_backoffice_permission(client):
    team = UserFactory(project_team=True)
    professional = UserFactory(professional=True)
    assert is_project_team(team)
    assert not is_project_team(professional)
    client.force_login(professional)
    assert client.get(reverse("core:backoffice")).status_code == 403
    client.force_login(team)
    assert client.get(reverse("core:backoffice")).status_code == 200


def test_roles_exist_as_groups():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {
        "projectteam",
        "coordinator",
        "professional",
        "partner",
    }
