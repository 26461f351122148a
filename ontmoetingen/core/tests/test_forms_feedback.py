"""Every form page that comes back with errors says so in its title and moves focus to the
summary of errors (issue 12 §22): checked on forms from several areas."""

import re

import pytest

from ontmoetingen.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/inloggen/", {"username": "niemand@example.org", "password": "fout-wachtwoord"}),
        ("/vragen/nieuw/", {"name": ""}),
        ("/wachtwoord-vergeten/", {"email": "geen-adres"}),
    ],
)
def test_failed_submit_title_starts_with_fout_and_summary_takes_focus(client, path, data):
    response = client.post(path, data)
    html = response.content.decode()
    assert _title(html).startswith("Fout: ")
    summary = re.search(r'<div class="error-summary"[^>]*>', html).group(0)
    assert "autofocus" in summary


def test_a_page_without_errors_has_a_plain_title(client):
    html = client.get("/vragen/nieuw/").content.decode()
    assert not _title(html).startswith("Fout")
    assert "error-summary" not in html


def test_triage_page_with_a_refused_action_says_fout(client, regions):
    from ontmoetingen.questions.tests.factories import QuestionFactory

    team = UserFactory(project_team=True)
    client.force_login(team)
    question = QuestionFactory()
    response = client.post(f"/beheer/vragen/{question.pk}/", {"action": "answer", "answer": ""})
    assert response.status_code == 400
    assert _title(response.content.decode()).startswith("Fout: ")
