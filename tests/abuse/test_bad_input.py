"""Case 5: bad input that PostgreSQL refuses gets a Dutch answer (or is cleaned), never a 500.

Run on both databases: ``uv run pytest tests/abuse`` and the same with
``DATABASE_URL=postgres://...``.
"""

import pytest
from django.urls import reverse

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.events.models import Registration
from ontmoetingen.events.tests.factories import EventFactory
from ontmoetingen.questions.models import Question

pytestmark = pytest.mark.django_db

# valid in form (local part 64, labels of 60), but longer than the 254-character column
LONG_EMAILS = [
    "a" * 64 + "@" + "b" * 62 + "." + "c" * 62 + "." + "d" * 61 + ".nl",  # 255
    "a" * 64 + "@" + ".".join(["e" * 60] * 4) + ".nl",  # 311
]

PUBLIC_SEARCH_PAGES = [
    "/vragen/",
    "/toolkit/",
    "/organisaties/",
    "/coalities/",
    "/begrippen/",
    "/gemeenten/",
    "/agenda/",
    "/themas/",
]
TEAM_PAGES = [
    "/monitor/",
    "/monitor/gemeenten/",
    "/beheer/vragen/",
    "/beheer/organisaties/",
    "/beheer/coalities/",
    "/beheer/agenda/",
    "/toolkit/beheer/",
]


@pytest.mark.parametrize("email", LONG_EMAILS)
def test_registration_with_overlong_email_gets_a_dutch_message(client_from, email):
    assert len(email) > 254
    event = EventFactory()
    response = client_from("192.0.2.1").post(
        reverse("events:register", args=[event.slug]),
        {"name": "Vera", "email": email, "domain": "jgz", "consent": "on"},
    )
    assert response.status_code == 200
    assert "Dit e-mailadres is te lang" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize("email", LONG_EMAILS)
def test_question_with_overlong_email_gets_a_dutch_message(client_from, email):
    response = client_from("192.0.2.1").post(
        "/vragen/nieuw/",
        {
            "kind": "question",
            "domain": "jgz",
            "text": "Hoe vinden we de huisartsen?",
            "name": "Vera",
            "email": email,
        },
    )
    assert response.status_code == 200
    assert "Dit e-mailadres is te lang" in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize("email", LONG_EMAILS)
def test_coalition_and_organisation_forms_refuse_overlong_email(email):
    from ontmoetingen.coalitions.forms import CoalitionRecordForm
    from ontmoetingen.directory.forms import OrganisationForm

    for form_class in (CoalitionRecordForm, OrganisationForm):
        form = form_class(data={"contact_email": email})
        form.is_valid()
        assert "Dit e-mailadres is te lang" in str(form.errors["contact_email"]), form_class


@pytest.mark.parametrize("path", PUBLIC_SEARCH_PAGES)
def test_nul_in_query_string_of_public_pages(client_from, path):
    response = client_from("192.0.2.1").get(path + "?q=a%00b&pagina=1%00")
    assert response.status_code < 500


@pytest.mark.parametrize("path", TEAM_PAGES)
def test_nul_in_query_string_of_team_pages(client_from, path):
    browser = client_from("192.0.2.1")
    browser.force_login(UserFactory(project_team=True))
    response = browser.get(path + "?q=a%00b&status=%00")
    assert response.status_code < 500


def test_nul_in_form_data_is_stripped(client_from):
    event = EventFactory()
    response = client_from("192.0.2.1").post(
        reverse("events:register", args=[event.slug]),
        {
            "name": "Ve\x00ra",
            "email": "vera@voorbeeld.nl",
            "organisation": "GGD\x00",
            "domain": "jgz",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.name == "Vera" and registration.organisation == "GGD"
