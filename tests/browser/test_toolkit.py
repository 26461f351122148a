"""The toolkit in a real browser: accessible (axe) with results and without, a resource,
a side-by-side page; search while typing (HTMX) and without JavaScript."""

import io
import os
import random

import pytest

from ontmoetingen.glossary import demo as glossary_demo
from ontmoetingen.toolkit import demo
from ontmoetingen.toolkit.models import Resource
from tests.browser.conftest import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("TOOLKIT_SCREENSHOTS", "")


@pytest.fixture
def content(transactional_db, regions, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    demo.seed(scale="small", rng=random.Random(5), stdout=io.StringIO())
    glossary_demo.seed(scale="small", rng=random.Random(5), stdout=io.StringIO())


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_list_with_results_is_accessible(page, live_server, axe, content):
    page.goto(f"{live_server.url}/toolkit/")
    assert page.locator("h1").inner_text() == "Toolkit"
    assert page.locator(".toolkit-card").count() == 25
    assert page.locator(".toolkit-mirror-note").count() >= 1
    _shot(page, "toolkit-list")
    axe(page)


def test_list_without_results_is_accessible(page, live_server, axe, content):
    page.goto(f"{live_server.url}/toolkit/?q=onvindbaarwoord")
    assert page.locator(".empty-state").is_visible()
    _shot(page, "toolkit-empty")
    axe(page)


def test_search_while_typing_and_filter(page, live_server, content):
    page.goto(f"{live_server.url}/toolkit/")
    page.fill("#id_q", "schulden")
    page.wait_for_url("**/toolkit/?q=schulden*")
    wait_for_js(page, "document.querySelector('.toolkit-summary').innerText.includes('schulden')")
    found = page.locator(".toolkit-card").count()
    assert 0 < found < 25
    first = page.locator('input[name="soort"]').first
    value = first.get_attribute("value")
    label = page.locator(f'label[for="f-soort-{value}"]')
    kind_label = label.inner_text().split(" (")[0]
    label.click()
    page.wait_for_url(f"**soort={value}*")
    wait_for_js(page, f"document.querySelector('#f-soort-{value}').checked")
    page.wait_for_load_state("networkidle")
    kinds = page.locator(".toolkit-card .card__meta .badge--muted").all_inner_texts()
    assert kinds and all(k == kind_label for k in kinds)


def test_search_without_javascript(nojs_page, live_server, content):
    nojs_page.goto(f"{live_server.url}/toolkit/")
    nojs_page.fill("#id_q", "coalities")
    nojs_page.click("button:has-text('Zoeken')")
    assert "q=coalities" in nojs_page.url
    assert nojs_page.locator(".toolkit-card").count() >= 1
    nojs_page.check("#f-domein-gemeente")
    nojs_page.click("button:has-text('Filters toepassen')")
    assert "domein=gemeente" in nojs_page.url


def test_resource_page_is_accessible_with_marked_terms(page, live_server, axe, content):
    resource = Resource.objects.get(title="Gesprekskaart geldzorgen voor verloskundigen")
    page.goto(f"{live_server.url}{resource.get_absolute_url()}")
    assert page.locator("h1").inner_text().startswith(resource.title)
    assert page.locator(".prose a.term").count() >= 1
    _shot(page, "toolkit-resource")
    axe(page)


def test_side_by_side_is_accessible(page, live_server, axe, content):
    resource = Resource.objects.get(title="Verwijsroute: van verloskundige naar wijkteam")
    page.goto(f"{live_server.url}{resource.get_absolute_url()}")
    page.click("text=Bekijk ze naast elkaar")
    assert page.url.endswith("/naast/")
    assert page.locator(".toolkit-pair__side").count() == 2
    _shot(page, "toolkit-side-by-side")
    axe(page)


def test_download_from_resource_page(page, live_server, content):
    resource = Resource.objects.get(title="Gesprekskaart geldzorgen voor verloskundigen")
    page.goto(f"{live_server.url}{resource.get_absolute_url()}")
    with page.expect_download() as info:
        page.click("a:has-text('Download PDF')")
    assert info.value.suggested_filename.endswith(".pdf")


def test_proposal_form_is_accessible_with_errors(page, live_server, axe, login, content):
    from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory

    user = UserFactory(professional=True)
    login(page, user.email, PASSWORD)
    page.goto(f"{live_server.url}/toolkit/voorstellen/")
    page.fill("#id_title", "Mijn voorstel")
    page.click("button:has-text('Voorstel versturen')")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_title").input_value() == "Mijn voorstel"
    _shot(page, "toolkit-proposal-errors")
    axe(page)
