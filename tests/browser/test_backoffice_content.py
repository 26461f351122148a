"""The project team's own pages for glossary, toolkit and themes, and the signals page, in a
real browser: accessible (axe, 0 violations) at 1280 and 320 px, no sideways scrolling on a
phone, the error state of each form, and the confirmation steps."""

import io
import os
import random

import pytest

from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from ontmoetingen.core.models import Theme
from ontmoetingen.glossary import demo as glossary_demo
from ontmoetingen.glossary.models import Term
from ontmoetingen.questions.tests.factories import QuestionFactory
from ontmoetingen.toolkit import demo as toolkit_demo
from ontmoetingen.toolkit.models import Resource, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("BACKOFFICE_SCREENSHOTS", "")
WIDTHS = (1280, 320)


@pytest.fixture
def content(transactional_db, regions, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    # a transactional test empties the tables the migrations filled
    theme = Theme.objects.get_or_create(
        slug="armoede-en-geldzorgen", defaults={"name": "Armoede en geldzorgen"}
    )[0]
    toolkit_demo.seed(scale="small", rng=random.Random(5), stdout=io.StringIO())
    glossary_demo.seed(scale="small", rng=random.Random(5), stdout=io.StringIO())
    for _ in range(3):
        QuestionFactory(theme=theme)
    QuestionFactory(theme=None)


@pytest.fixture
def team(page, live_server, login, content):
    user = UserFactory(project_team=True, full_name="Pim Projectteam")
    login(page, user.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/**")
    return user


WIDE = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 322)
  .slice(0, 6).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def _wide(page) -> list[str]:
    return page.evaluate(WIDE)


def _look(page, axe, name: str) -> None:
    """axe and no horizontal scrolling at each width, with a screenshot when asked for."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if SCREENSHOTS:
            page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-{width}.png"), full_page=True)
        if width == 320:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= 320, f"{name}: page is {scroll} px wide at 320 px: {_wide(page)}"
        axe(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_glossary_pages(page, live_server, axe, team):
    base = live_server.url
    page.goto(f"{base}/beheer/")
    page.click("a:has-text('Begrippen beheren')")
    assert page.url == f"{base}/beheer/begrippen/"
    _look(page, axe, "beheer-begrippen")
    page.click("a:has-text('Nieuw begrip')")
    page.click("button:has-text('Opslaan')")
    assert page.locator(".error-summary").is_visible()
    assert page.title().startswith("Fout:")
    _look(page, axe, "beheer-begrip-fouten")
    page.fill("#id_term", "Zwangerschapsverlof")
    page.select_option("#id_domain", "overig")
    page.fill(
        "#id_definition", "Verlof voor de zwangere rond de bevalling. Het duurt zestien weken."
    )
    page.click("button:has-text('Opslaan')")
    assert "is opgeslagen" in page.locator("main").inner_text()
    term = Term.objects.get(term="Zwangerschapsverlof")
    page.goto(f"{base}/beheer/begrippen/{term.pk}/")
    _look(page, axe, "beheer-begrip-bewerken")
    page.click("a:has-text('Dit begrip verwijderen')")
    _look(page, axe, "beheer-begrip-verwijderen")
    page.click("button:has-text('Ja, verwijderen')")
    assert not Term.objects.filter(pk=term.pk).exists()


def test_toolkit_pages(page, live_server, axe, team):
    base = live_server.url
    page.goto(f"{base}/beheer/toolkit/")
    _look(page, axe, "beheer-toolkit")
    item = Resource.objects.get(title="Gesprekskaart geldzorgen voor verloskundigen")
    page.goto(f"{base}/beheer/toolkit/{item.pk}/")
    _look(page, axe, "beheer-toolkit-bewerken")
    page.fill("#id_title", "")
    page.click("button:has-text('Opslaan')")
    assert page.locator(".error-summary").is_visible()
    _look(page, axe, "beheer-toolkit-fouten")
    page.goto(f"{base}/beheer/toolkit/{item.pk}/verwijderen/")
    _look(page, axe, "beheer-toolkit-verwijderen")
    page.goto(f"{base}/beheer/toolkit/?q=Gesprekskaart+geldzorgen")
    row = page.locator("tr", has=page.locator("th", has_text=item.title))
    row.locator("button:has-text('Offline halen')").click()
    item.refresh_from_db()
    assert item.status == Status.DRAFT


def test_theme_pages(page, live_server, axe, team):
    base = live_server.url
    page.goto(f"{base}/beheer/themas/")
    _look(page, axe, "beheer-themas")
    page.click("a:has-text('Nieuw thema')")
    page.click("button:has-text('Opslaan')")
    _look(page, axe, "beheer-thema-fouten")


def test_reject_asks_first(page, live_server, axe, team):
    proposal = Resource.objects.filter(status=Status.PROPOSED).first()
    page.goto(f"{live_server.url}/toolkit/beheer/{proposal.pk}/")
    page.fill("#id_reason", "Dit staat al in de toolkit.")
    page.click("button:has-text('Afwijzen')")
    assert "afwijzen?" in page.locator("h1").inner_text()
    _look(page, axe, "voorstel-afwijzen-bevestigen")
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED
    page.click("button:has-text('Ja, afwijzen')")
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED


def test_signals_chart_and_links(page, live_server, axe, team):
    page.goto(f"{live_server.url}/monitor/signalen/")
    assert page.locator(".trend__chart").count() >= 2
    _look(page, axe, "signalen")
    page.locator(".trend-table a").first.click()
    assert "/beheer/vragen/?thema=" in page.url
    assert page.locator(".period-filter").is_visible()
    _look(page, axe, "vragen-gefilterd")
