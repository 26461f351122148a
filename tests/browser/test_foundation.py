"""Home, municipalities and login in a real browser, each page scanned with axe-core."""

import pytest

from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from tests.browser.conftest import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page(page, live_server, axe, regions):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Samen werken aan een kansrijke start"
    assert page.locator("html").get_attribute("lang") == "nl"
    axe(page)


def test_skip_link_is_first_and_moves_focus(page, live_server, regions):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"


def test_municipality_search_narrows_while_typing(page, live_server, axe, regions):
    page.goto(live_server.url + "/gemeenten/")
    assert page.locator("#gemeenten-resultaten a[href^='/gemeenten/GM']").count() == 342
    axe(page)
    page.locator("#id_q").press_sequentially("sudwest", delay=20)
    wait_for_js(
        page,
        "document.querySelectorAll('#gemeenten-resultaten a[href^=\"/gemeenten/GM\"]').length === 1",
    )
    assert "Súdwest-Fryslân" in page.locator("#gemeenten-resultaten").inner_text()
    assert "q=sudwest" in page.url  # the narrowed list has its own address
    axe(page)


def test_municipality_search_without_javascript(nojs_page, live_server, regions):
    nojs_page.goto(live_server.url + "/gemeenten/")
    nojs_page.fill("#id_q", "amster")
    nojs_page.click("button:has-text('Zoeken')")
    links = nojs_page.locator("#gemeenten-resultaten a[href^='/gemeenten/GM']")
    assert links.count() == 1
    assert links.first.inner_text() == "Amsterdam"


def test_municipality_page(page, live_server, axe, regions):
    page.goto(live_server.url + "/gemeenten/GM0363/")
    assert page.locator("h1").inner_text() == "Gemeente Amsterdam"
    assert page.locator("svg.map path.map__highlight").count() == 2
    axe(page)
    # a neighbour on the map is a keyboard-reachable link
    page.locator("svg a[aria-label='Amstelveen']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/gemeenten/GM0362/")


def test_login_flow_with_error_then_success(page, live_server, axe, regions):
    UserFactory(email="vera@voorbeeld.nl", full_name="Vera de Vries", professional=True)
    page.goto(live_server.url + "/inloggen/")
    axe(page)
    page.fill("#id_username", "vera@voorbeeld.nl")
    page.fill("#id_password", "verkeerd")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "kennen we niet" in page.locator(".error-summary").inner_text()
    assert page.input_value("#id_username") == "vera@voorbeeld.nl"  # input kept
    axe(page)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/mijn/")
    assert "Welkom, Vera" in page.content()
    axe(page)
    page.click("button:has-text('Uitloggen')")
    page.wait_for_url(live_server.url + "/")
    assert page.locator(".account-nav a").inner_text() == "Inloggen"


def test_narrow_screen_has_no_horizontal_scroll(browser, live_server, regions):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    for path in ["/", "/gemeenten/", "/gemeenten/GM0363/", "/inloggen/"]:
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    context.close()
