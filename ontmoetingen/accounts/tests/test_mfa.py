"""Two-step verification for the project team, with the requirement switched on (the test
settings switch it off for every other test)."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ontmoetingen.accounts import mfa
from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from ontmoetingen.core.audit import audit_entries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mfa_on(settings):
    settings.MFA_REQUIRED = True


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _login(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def _set_up(client, user) -> list[str]:
    """Log in and set up the app; returns the recovery codes shown."""
    _login(client, user)
    client.get(reverse("accounts:mfa_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts:mfa_setup"), {"code": _code(device)}, follow=True)
    html = response.content.decode()
    return re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", html)


def test_team_user_without_device_is_sent_to_setup_from_every_page(client):
    user = UserFactory(project_team=True)
    response = _login(client, user)
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:mfa_setup"))
    for path in ("/beheer/", "/", "/mijn/gegevens.json", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(reverse("accounts:mfa_setup")), path
    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "Stap 1" in html
    secret = TOTPDevice.objects.get(user=user, confirmed=False)
    assert mfa.secret_text(secret) in html


def test_superuser_is_required_too_and_logout_stays_open(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    _login(client, user)
    assert client.get("/beheer/").status_code == 302
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not response.wsgi_request.user.is_authenticated


def test_htmx_request_gets_a_redirect_header(client):
    user = UserFactory(project_team=True)
    client.force_login(user)
    response = client.get("/beheer/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:mfa_setup"))


def test_regular_professional_and_coordinator_are_not_forced(client):
    for user in (UserFactory(professional=True), UserFactory(coordinator=True)):
        client.force_login(user)
        assert client.get(reverse("accounts:mine")).status_code == 200
        # and the set-up page is not theirs
        assert client.get(reverse("accounts:mfa_setup")).status_code == 403


def test_setup_wrong_code_shows_error_next_to_the_field(client):
    user = UserFactory(project_team=True)
    _login(client, user)
    client.get(reverse("accounts:mfa_setup"))
    response = client.post(reverse("accounts:mfa_setup"), {"code": "000000"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_code-error"' in html
    assert "Deze code klopt niet" in html
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get("/beheer/").status_code == 302


def test_setup_gives_ten_codes_once_and_opens_the_site(client):
    user = UserFactory(project_team=True)
    codes = _set_up(client, user)
    assert len(codes) == 10 and len(set(codes)) == 10
    download = client.get(reverse("accounts:mfa_codes_download"))
    assert download["Content-Disposition"] == 'attachment; filename="herstelcodes.txt"'
    assert all(code in download.content.decode() for code in codes)
    response = client.post(reverse("accounts:mfa_codes"), {"action": "done", "next": "/beheer/"})
    assert response.url == "/beheer/"
    # shown once: the page and the download are gone afterwards
    assert client.get(reverse("accounts:mfa_codes")).status_code == 302
    assert client.get(reverse("accounts:mfa_codes_download")).status_code == 302
    assert client.get("/beheer/").status_code == 200
    assert audit_entries(obj=user).filter(action="tweestapsverificatie ingesteld").exists()


def test_next_login_asks_for_code_and_wrong_code_is_refused(client):
    user = UserFactory(project_team=True)
    _set_up(client, user)
    client.post(reverse("accounts:logout"))
    response = _login(client, user)
    response = client.get(response.url)
    assert response.url.startswith(reverse("accounts:mfa_verify"))
    response = client.post(reverse("accounts:mfa_verify"), {"code": "123456", "next": "/beheer/"})
    assert response.status_code == 400
    assert 'id="id_code-error"' in response.content.decode()
    assert client.get("/beheer/").status_code == 302


def test_app_code_opens_the_site(client):
    user = UserFactory(project_team=True)
    _set_up(client, user)
    client.post(reverse("accounts:logout"))
    _login(client, user)
    device = TOTPDevice.objects.get(user=user)
    device.last_t = -1  # the set-up used this time step's code
    device.save()
    response = client.post(
        reverse("accounts:mfa_verify"), {"code": _code(device), "next": "/beheer/"}
    )
    assert response.status_code == 302 and response.url == "/beheer/"
    assert client.get("/beheer/").status_code == 200


def test_recovery_code_works_once(client):
    user = UserFactory(project_team=True)
    codes = _set_up(client, user)
    client.post(reverse("accounts:logout"))
    _login(client, user)
    response = client.post(reverse("accounts:mfa_verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get("/beheer/").status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9
    client.post(reverse("accounts:logout"))
    _login(client, user)
    response = client.post(reverse("accounts:mfa_verify"), {"code": codes[0]})
    assert response.status_code == 400
    assert client.get("/beheer/").status_code == 302


def test_regenerate_replaces_the_codes(client):
    user = UserFactory(project_team=True)
    old = _set_up(client, user)
    client.post(reverse("accounts:mfa_codes"), {"action": "done"})
    overview = client.get(reverse("accounts:mfa_setup")).content.decode()
    assert "10 van de 10" in overview and "Maak nieuwe herstelcodes" in overview
    assert "Tweestapsverificatie" in client.get(reverse("accounts:mine")).content.decode()
    response = client.post(reverse("accounts:mfa_codes"), {"action": "regenerate"}, follow=True)
    new = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert stored == {mfa.normalise_code(code) for code in new}


def test_team_resets_a_colleagues_mfa_audited(client):
    colleague = UserFactory(project_team=True)
    colleague_client = client.__class__()
    _set_up(colleague_client, colleague)
    assert colleague_client.get("/beheer/").status_code == 200
    admin = UserFactory(project_team=True)
    _set_up(client, admin)
    response = client.post(
        reverse("encounters:person", args=[colleague.pk]), {"action": "mfa_reset"}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    entry = audit_entries(obj=colleague).get(action="tweestapsverificatie gewist")
    assert entry.actor == admin
    # the colleague's verified session stops counting: set it up again
    response = colleague_client.get("/beheer/")
    assert response.url.startswith(reverse("accounts:mfa_setup"))
