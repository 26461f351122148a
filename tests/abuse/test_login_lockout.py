"""Case 1: the login lockout counts failures per account and real client address."""

import re

import pytest
from django.urls import reverse

from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.10"


def _login(client, email: str, password: str):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_office_colleagues_typos_do_not_lock_out_the_sixth(client_from, settings):
    colleagues = [UserFactory(email=f"collega{n}@ggd.example") for n in range(6)]
    for user in colleagues[:5]:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert _login(client_from(OFFICE), user.email, "typfout").status_code == 200
        # and each still logs in afterwards
        assert _login(client_from(OFFICE), user.email, PASSWORD).status_code == 302
    # one colleague makes one typo too many: only that account at that address is held
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client_from(OFFICE), colleagues[0].email, "typfout")
    assert _login(client_from(OFFICE), colleagues[0].email, PASSWORD).status_code == 429
    sixth = client_from(OFFICE)
    response = _login(sixth, colleagues[5].email, PASSWORD)
    assert response.status_code == 302
    assert sixth.session["_auth_user_id"] == str(colleagues[5].pk)


def test_a_stranger_cannot_lock_out_a_person_at_another_address(client_from, settings):
    vera = UserFactory(email="vera@voorbeeld.nl")
    for _ in range(settings.AXES_FAILURE_LIMIT + 3):
        _login(client_from("198.51.100.66"), "Vera@Voorbeeld.nl", "raden")
    assert _login(client_from("198.51.100.66"), vera.email, PASSWORD).status_code == 429
    assert _login(client_from(OFFICE), vera.email, PASSWORD).status_code == 302


def test_many_accounts_tried_from_one_address_each_locked(client_from, settings):
    users = [UserFactory() for _ in range(3)]
    attacker = "198.51.100.66"
    for user in users:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client_from(attacker), user.email, "raden")
        assert _login(client_from(attacker), user.email, PASSWORD).status_code == 429


def test_password_reset_ends_the_lockout(
    client_from, settings, django_capture_on_commit_callbacks, outbox
):
    vera = UserFactory(email="vera@voorbeeld.nl")
    browser = client_from(OFFICE)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(browser, vera.email, "fout")
    assert _login(browser, vera.email, PASSWORD).status_code == 429
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(reverse("accounts:password_reset"), {"email": vera.email})
    link = re.search(r"http://testserver(/wachtwoord-instellen/\S+/)", outbox[-1].body).group(1)
    form_page = browser.get(link, follow=True)
    new = "nieuw-lang-wachtwoord-7"
    response = browser.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert _login(browser, vera.email, new).status_code == 302
