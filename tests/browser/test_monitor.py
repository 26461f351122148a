"""The monitor in a real browser: accessible (axe), the as-of date works without JavaScript."""

import os
from datetime import date

import pytest

from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from ontmoetingen.monitor.tests.helpers import make_coalition, midwives, social_team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("MONITOR_SCREENSHOTS", "")


@pytest.fixture
def coalitions(transactional_db, regions):
    make_coalition(
        "Kansrijke Start Amstel (voorbeeld)",
        ["GM0363", "GM0384"],
        history=[
            (date(2019, 12, 1), "orienterend"),
            (date(2021, 6, 1), "in_opbouw"),
            (date(2022, 2, 1), "werkend"),
        ],
        partners=[(midwives(serves=["GM0363"]), date(2023, 5, 1))],
        action_plan=True,
    )
    make_coalition(
        "Coalitie Haaglanden (voorbeeld)",
        ["GM0518"],
        history=[(date(2020, 3, 1), "orienterend"), (date(2023, 9, 1), "geborgd")],
        partners=[(social_team(serves=["GM0518"]), date(2021, 3, 1))],
    )
    make_coalition(
        "Samen Rotterdam (voorbeeld)", ["GM0599"], history=[(date(2024, 1, 1), "in_opbouw")]
    )
    midwives("Verloskundigen Maas (voorbeeld)", serves=["GM0599"])


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_monitor_page_has_no_accessibility_violations(page, live_server, axe, coalitions):
    page.goto(f"{live_server.url}/monitor/")
    assert page.locator("h1").inner_text() == "Monitor lokale coalities Kansrijke Start"
    assert page.locator('svg.status-map a[aria-label="Amsterdam: werkend"]').count() == 1
    assert page.locator("svg.status-map a").count() == 342
    page.locator("summary", has_text="Tabel bij de grafiek").click()
    _shot(page, "monitor")
    axe(page)


def test_map_link_leads_to_the_municipality(page, live_server, coalitions):
    page.goto(f"{live_server.url}/monitor/")
    page.locator('svg.status-map a[aria-label="Amsterdam: werkend"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/gemeenten/GM0363/")


def test_as_of_date_redraws_the_map_without_javascript(nojs_page, live_server, coalitions):
    nojs_page.goto(f"{live_server.url}/monitor/")
    nojs_page.fill("#id_peildatum", "2020-12-31")
    nojs_page.click("button:has-text('Toon de stand')")
    assert "peildatum=2020-12-31" in nojs_page.url
    assert nojs_page.locator('a[aria-label="Amsterdam: oriënterend"]').count() == 1
    assert nojs_page.locator('a[aria-label="Rotterdam: geen coalitie"]').count() == 1
    assert "31 december 2020" in nojs_page.locator(".as-of").inner_text()


def test_table_and_invalid_date_are_accessible(page, live_server, axe, coalitions):
    page.goto(f"{live_server.url}/monitor/gemeenten/?status=werkend")
    assert page.locator("tbody tr").count() == 2
    axe(page)
    page.goto(f"{live_server.url}/monitor/?peildatum=2099-01-01")
    assert page.locator(".error-summary").is_visible()
    _shot(page, "monitor-error")
    axe(page)


def test_outreach_list_for_the_project_team(page, live_server, axe, login, coalitions):
    user = UserFactory(project_team=True)
    login(page, user.email, PASSWORD)
    page.wait_for_url("**/mijn/")
    page.goto(f"{live_server.url}/monitor/outreach/")
    assert page.locator("h2", has_text="Samen Rotterdam (voorbeeld)").count() == 1
    assert page.locator("text=Verloskundigen Maas (voorbeeld)").count() == 1
    _shot(page, "outreach")
    axe(page)


def test_home_map_is_accessible(page, live_server, axe, coalitions):
    page.goto(f"{live_server.url}/")
    assert page.locator("#monitor-home-titel").is_visible()
    _shot(page, "home")
    axe(page)
