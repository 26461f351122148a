"""Organisation list and page in a real browser, scanned with axe-core."""

import pytest
from playwright.sync_api import expect

from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.directory.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organisation_list_and_detail(page, live_server, axe, regions):
    organisation = OrganisationFactory(
        name="Verloskundigen De Wieg",
        service_area=["GM0344", "GM0307"],
        website="https://dewieg.nl",
    )
    OrganisationFactory(name="Sociaal team Amsterdam", social=True, service_area=["GM0363"])
    coalition = CoalitionFactory(name="Kansrijke Start Utrecht", municipalities=["GM0344"])
    MembershipFactory(coalition=coalition, organisation=organisation)
    page.goto(f"{live_server.url}/organisaties/")
    axe(page)
    page.select_option("#id_domein", "geboortezorg")
    page.click("button:has-text('Filteren')")
    # with JavaScript the results are swapped in place: wait for them rather than a page load
    results = page.locator("#organisatie-resultaten")
    expect(results).not_to_contain_text("Sociaal team Amsterdam")
    expect(results).to_contain_text("Verloskundigen De Wieg")
    assert "domein=geboortezorg" in page.url
    page.click("text=Verloskundigen De Wieg")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Verloskundigen De Wieg"
    assert page.locator("svg.map path.map__area").count() == 2
    # the page may still be parsing below the map: wait for the section rather than read at once
    expect(page.locator("main")).to_contain_text("Kansrijke Start Utrecht")
    axe(page)
