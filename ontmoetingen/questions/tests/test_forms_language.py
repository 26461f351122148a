"""Issue 12 #22 for the questions, toolkit and glossary forms: Dutch, one placeholder style,
specific error messages, no "Markdown" jargon, what we know about the user filled in."""

import pytest

from ontmoetingen.events.tests.factories import RegistrationFactory
from ontmoetingen.questions.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

FORMS = ["/vragen/nieuw/", "/themas/nieuw/", "/toolkit/voorstellen/"]


def test_no_dashes_placeholders_or_jargon(client, professional, place):
    client.force_login(professional)
    for url in FORMS:
        html = client.get(url).content.decode()
        assert "---------" not in html and "— kies" not in html, url
        assert "Markdown" not in html, url
    html = client.get("/vragen/nieuw/").content.decode()
    assert ">Kies een thema</option>" in html and ">Kies een domein</option>" in html


def test_checkbox_groups_do_not_say_optional(client, professional):
    client.force_login(professional)
    html = client.get("/toolkit/voorstellen/").content.decode()
    legend = html.split("Fase van de eerste 1000 dagen", 1)[1].split("</legend>", 1)[0]
    assert "niet verplicht" not in legend


def test_specific_error_messages(client, professional, place):
    response = client.post("/vragen/nieuw/", {"kind": "question"})
    html = response.content.decode()
    for message in (
        "Vul uw vraag of behoefte in.",
        "Vul uw naam in.",
        "Vul uw e-mailadres in.",
        "Kies het domein waarin u werkt.",
    ):
        assert message in html, message
    assert "Dit veld is verplicht" not in html
    client.force_login(professional)
    html = client.post("/themas/nieuw/", {"title": ""}).content.decode()
    assert "Vul het thema in een paar woorden in." in html and "Vul een toelichting in." in html
    html = client.post("/toolkit/voorstellen/", {"title": ""}).content.decode()
    assert "Vul de titel in." in html and "Kies de soort." in html
    assert "Dit veld is verplicht" not in html


def test_domain_and_municipality_come_from_the_users_registration(client, professional, place):
    RegistrationFactory(
        user=professional,
        email=professional.email,
        domain="sociaal",
        work_municipality=place,
        organisation="Wijkteam Noord",
    )
    client.force_login(professional)
    html = client.get("/vragen/nieuw/").content.decode()
    assert '<option value="sociaal" selected>' in html
    assert f'<option value="{place.code}" selected>' in html
    html = client.get("/themas/nieuw/").content.decode()
    assert '<option value="sociaal" selected>' in html
    html = client.get("/toolkit/voorstellen/").content.decode()
    assert 'value="Wijkteam Noord"' in html
    assert (
        'value="sociaal" checked' in html
        or 'checked value="sociaal"' in html
        or (
            'name="domains" value="sociaal"' in html
            and "checked" in html.split('value="sociaal"')[1][:40]
        )
    )


def test_without_a_registration_an_earlier_question_fills_in(client, professional, place):
    QuestionFactory(user=professional, email=professional.email, domain="jgz", municipality=place)
    client.force_login(professional)
    html = client.get("/vragen/nieuw/").content.decode()
    assert '<option value="jgz" selected>' in html
