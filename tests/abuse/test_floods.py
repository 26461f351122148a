"""Case 2: floods on public forms are stopped; a real burst from one office passes."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.events.models import Registration
from ontmoetingen.events.tests.factories import EventFactory
from ontmoetingen.questions.models import ThemeProposal
from ontmoetingen.toolkit.models import Resource

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.10"
ATTACKER = "198.51.100.66"


def registration(email: str, **extra) -> dict:
    return {
        "name": "Vera de Vries",
        "email": email,
        "organisation": "GGD",
        "domain": "jgz",
        "work_municipality": "",
        "consent": "on",
        **extra,
    }


def test_sixty_colleagues_from_one_office_register_within_a_minute(client_from):
    event = EventFactory(capacity=80)
    url = reverse("events:register", args=[event.slug])
    statuses = [
        client_from(OFFICE).post(url, registration(f"collega{n}@ggd.example")).status_code
        for n in range(60)
    ]
    assert statuses == [302] * 60
    assert Registration.objects.filter(event=event).count() == 60


def test_one_address_registering_hundreds_of_addresses_is_stopped(client_from, settings):
    event = EventFactory(capacity=500)
    url = reverse("events:register", args=[event.slug])
    ceiling = settings.RATE_LIMITS["registration_event_address"][0]
    statuses = [
        client_from(ATTACKER).post(url, registration(f"slachtoffer{n}@voorbeeld.nl")).status_code
        for n in range(ceiling + 20)
    ]
    assert statuses.count(302) == ceiling
    assert set(statuses[ceiling:]) == {429}
    assert Registration.objects.filter(event=event).count() == ceiling
    # someone else (another address) still gets in
    response = client_from(OFFICE).post(url, registration("echt@ggd.example"))
    assert response.status_code == 302


def test_limit_page_is_dutch_with_retry_after(client_from, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "registration_event_address": (1, 600)}
    event = EventFactory()
    url = reverse("events:register", args=[event.slug])
    client_from(ATTACKER).post(url, registration("een@voorbeeld.nl"))
    response = client_from(ATTACKER).post(url, registration("twee@voorbeeld.nl"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Even rustig aan" in html and "Probeer het over" in html


def test_one_email_address_registered_for_many_events_is_stopped(client_from, settings):
    limit = settings.RATE_LIMITS["registration_email"][0]
    events = [EventFactory() for _ in range(limit + 3)]
    statuses = []
    for n, event in enumerate(events):
        # from ever new addresses: the per-address limits do not help here
        response = client_from(f"192.0.2.{n + 1}").post(
            reverse("events:register", args=[event.slug]), registration("doelwit@voorbeeld.nl")
        )
        statuses.append(response.status_code)
    assert statuses.count(302) == limit
    assert Registration.objects.filter(email="doelwit@voorbeeld.nl").count() == limit


def test_password_reset_mails_for_one_account_are_capped(
    client_from, settings, django_capture_on_commit_callbacks, outbox
):
    UserFactory(email="vera@voorbeeld.nl")
    limit = settings.RATE_LIMITS["password_reset_account"][0]
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client_from(f"192.0.2.{n + 1}")
            .post(reverse("accounts:password_reset"), {"email": "vera@voorbeeld.nl"})
            .status_code
            for n in range(40)
        ]
    # the page looks the same every time (it does not tell whether the account exists) ...
    assert set(statuses) == {302}
    # ... but only the first few send a mail
    assert len(outbox) == limit


def test_password_reset_flood_from_one_address_gets_429(client_from, settings):
    limit = settings.RATE_LIMITS["password_reset_address"][0]
    url = reverse("accounts:password_reset")
    statuses = [
        client_from(ATTACKER).post(url, {"email": f"iemand{n}@voorbeeld.nl"}).status_code
        for n in range(limit + 5)
    ]
    assert statuses.count(302) == limit and statuses[-1] == 429


def test_theme_proposals_per_account_are_capped(client_from, settings):
    user = UserFactory(professional=True)
    limit = settings.RATE_LIMITS["theme_proposal_hour"][0]
    statuses = []
    for n in range(limit + 5):
        browser = client_from(f"192.0.2.{n + 1}")
        browser.force_login(user)
        data = {
            "title": f"Thema {n}",
            "description": "Hoe krijgen we huisartsen aan tafel?",
            "purpose": "webinar",
            "theme": "samenwerking-en-coalitievorming",
            "domain": "geboortezorg",
            "municipality": "",
        }
        statuses.append(browser.post("/themas/nieuw/", data).status_code)
    assert statuses.count(302) == limit and statuses[-1] == 429
    assert ThemeProposal.objects.filter(proposer=user).count() == limit


def _toolkit_proposal(n: int) -> dict:
    return {
        "title": f"Voorleesochtend {n}",
        "kind": "good-practice",
        "summary": "Ouders lezen samen voor terwijl ze wachten.",
        "body": "We begonnen in 2024 met de bibliotheek.",
        "domains": ["jgz"],
        "url": "https://voorbeeld.nl/voorlezen",
    }


def test_toolkit_proposals_per_account_are_capped(client_from, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    user = UserFactory(professional=True)
    browser = client_from(OFFICE)
    browser.force_login(user)
    limit = settings.RATE_LIMITS["toolkit_proposal_hour"][0]
    statuses = [
        browser.post(reverse("toolkit:propose"), _toolkit_proposal(n)).status_code
        for n in range(limit + 5)
    ]
    assert statuses.count(302) == limit and statuses[-1] == 429
    assert Resource.objects.filter(proposed_by=user).count() == limit


def test_oversized_toolkit_upload_refused_before_the_body_is_read(client_from, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    user = UserFactory(professional=True)
    browser = client_from(OFFICE)
    browser.force_login(user)
    body = b"x" * 100
    response = browser.generic(
        "POST",
        reverse("toolkit:propose"),
        body,
        content_type="multipart/form-data; boundary=grens",
        CONTENT_LENGTH=str(21 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "groter dan 20 MB" in response.content.decode()
    assert not Resource.objects.exists()


def test_deploy_check_warns_when_https_without_trusted_proxy(settings):
    settings.MFA_REQUIRED = True  # as in production (the test settings turn it off)
    settings.SITE_URL = "https://kansrijke-ontmoetingen.example"
    settings.TRUSTED_PROXY_COUNT = 0
    with pytest.raises(SystemCheckError, match=r"core\.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
    settings.TRUSTED_PROXY_COUNT = 1
    call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "ontmoetingen")
