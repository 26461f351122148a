"""The glossary in a real browser: A-Z page and a term page are accessible (axe)."""

import io
import os
import random

import pytest

from ontmoetingen.glossary import demo as glossary_demo
from tests.browser.conftest import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("TOOLKIT_SCREENSHOTS", "")


@pytest.fixture
def terms(transactional_db):
    glossary_demo.seed(scale="small", rng=random.Random(5), stdout=io.StringIO())


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_glossary_list_is_accessible_and_letters_jump(page, live_server, axe, terms):
    page.goto(f"{live_server.url}/begrippen/")
    assert page.locator("h1").inner_text() == "Begrippen"
    page.click(".glossary-letters a:has-text('V')")
    assert page.url.endswith("#letter-V")
    _shot(page, "glossary-list")
    axe(page)


def test_glossary_search_and_filter(page, live_server, terms):
    page.goto(f"{live_server.url}/begrippen/")
    page.fill("#id_q", "wijkteam")
    page.wait_for_url("**q=wijkteam*")
    wait_for_js(
        page,
        "document.querySelector('#begrippen-resultaten [role=status]').innerText.includes('wijkteam')",
    )
    assert page.locator(".glossary-list dt a", has_text="Wijkteam").count() == 1
    page.select_option("#id_domein", "geboortezorg")
    page.wait_for_url("**domein=geboortezorg*")


def test_term_page_is_accessible(page, live_server, axe, terms):
    page.goto(f"{live_server.url}/begrippen/verloskundig-samenwerkingsverband/")
    assert "Verloskundig samenwerkingsverband" in page.locator("h1").inner_text()
    assert page.locator("text=Uitleg voor het andere domein").is_visible()
    _shot(page, "glossary-term")
    axe(page)
