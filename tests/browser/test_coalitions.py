"""A coalition page and the coordinator's edit form in a real browser, scanned with axe-core."""

import pytest

from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from ontmoetingen.coalitions.models import CoalitionMembership, CoalitionStatus
from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.directory.tests.factories import OrganisationFactory
from tests.browser.conftest import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coalition(regions):
    coalition = CoalitionFactory(
        name="Kansrijke Start Utrecht",
        municipalities=["GM0344", "GM0307"],
        status=CoalitionStatus.WERKEND,
        description="## Samen\n\nWij werken **samen** aan een kansrijke start.",
        ambitions="Elke zwangere vroeg in beeld.",
        contact_name="Anna de Boer",
        contact_email="coalitie@voorbeeld.nl",
    )
    MembershipFactory(
        coalition=coalition, organisation__name="Gemeente Utrecht", organisation__municipality=True
    )
    MembershipFactory(
        coalition=coalition, organisation__name="Sociaal team Utrecht", organisation__social=True
    )
    OrganisationFactory(name="Verloskundigen De Wieg", service_area=["GM0344"])
    OrganisationFactory(
        name="Kraamzorg Het Nest", type="kraamzorg", service_area=["GM0307"], contact_email=""
    )
    return coalition


@pytest.fixture
def coordinator(coalition):
    user = UserFactory(email="carla@voorbeeld.nl", full_name="Carla Coördinator", coordinator=True)
    coalition.coordinators.add(user)
    return user


def test_public_coalition_page(page, live_server, axe, coalition):
    page.goto(f"{live_server.url}/coalities/{coalition.pk}/")
    assert page.locator("h1").inner_text() == "Kansrijke Start Utrecht"
    domains = page.locator("#tafel-titel + p + ul.domains").inner_text()
    assert "sociaal domein" in domains and "geboortezorg" in domains
    assert page.locator("text=Wie ontbreekt aan tafel").count() == 0
    axe(page)


def test_coalition_list(page, live_server, axe, coalition):
    CoalitionFactory(name="Kansrijke Start Amsterdam", municipalities=["GM0363"])
    page.goto(f"{live_server.url}/coalities/?status=werkend")
    assert page.locator("#coalitie-resultaten").inner_text().count("Kansrijke Start") == 1
    axe(page)


def test_coordinator_sees_missing_and_invites(
    page, live_server, axe, login, coalition, coordinator
):
    login(page, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/coalities/{coalition.pk}/")
    missing = page.locator("#wie-ontbreekt").locator("xpath=..")
    assert "Verloskundigen De Wieg" in missing.inner_text()
    assert "geen contactadres bekend" in missing.inner_text()
    axe(page)
    missing.locator("button:has-text('Uitnodigen als partner')").first.click()
    assert "is uitgenodigd" in page.locator(".messages").inner_text()
    axe(page)


def test_coordinator_edit_form_with_errors_then_saved(
    page, live_server, axe, login, coalition, coordinator
):
    login(page, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/coalities/{coalition.pk}/bewerken/")
    axe(page)
    page.fill("#id_ambitions", "Vroeg signaleren en samen optrekken")
    page.fill("#id_contact_email", "geen-adres")
    page.fill("#id_action_plan_date", "2999-01-01")
    page.click("button:has-text('Opslaan')")
    summary = page.locator("#foutmeldingen")
    assert "e-mailadres" in summary.inner_text()
    assert page.locator("#id_contact_email").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_ambitions").input_value() == "Vroeg signaleren en samen optrekken"
    axe(page)
    page.fill("#id_contact_email", "anna@voorbeeld.nl")
    page.fill("#id_action_plan_date", "")
    page.click("button:has-text('Opslaan')")
    page.wait_for_url(f"**/coalities/{coalition.pk}/")
    assert "Vroeg signaleren en samen optrekken" in page.locator("main").inner_text()


def test_status_change_form(page, live_server, axe, login, coalition, coordinator):
    login(page, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/coalities/{coalition.pk}/status/")
    axe(page)
    page.check("input[name=status][value=geborgd]")
    page.fill("#id_note", "Structureel in de begroting")
    page.click("button:has-text('Status wijzigen')")
    page.wait_for_url(f"**/coalities/{coalition.pk}/")
    assert "geborgd" in page.locator("h1 + p").inner_text()


def test_edit_without_javascript(nojs_page, live_server, login, coalition, coordinator):
    login(nojs_page, coordinator.email, PASSWORD)
    nojs_page.goto(f"{live_server.url}/coalities/{coalition.pk}/partners/?q=wieg")
    nojs_page.click("button:has-text('Toevoegen')")
    assert CoalitionMembership.objects.filter(organisation__name="Verloskundigen De Wieg").exists()


def test_list_filters_update_in_place_with_javascript(page, live_server, coalition):
    CoalitionFactory(name="Kansrijke Start Amsterdam", municipalities=["GM0363"])
    page.goto(f"{live_server.url}/coalities/")
    assert page.locator("#coalitie-resultaten tbody tr").count() == 2
    page.select_option("#id_status", "werkend")
    wait_for_js(page, "document.querySelectorAll('#coalitie-resultaten tbody tr').length === 1")
    assert "status=werkend" in page.url


def test_team_settings_and_partners_pages(page, live_server, axe, login, coalition):
    UserFactory(email="pim@voorbeeld.nl", project_team=True)
    login(page, "pim@voorbeeld.nl", PASSWORD)
    page.goto(f"{live_server.url}/coalities/{coalition.pk}/instellingen/")
    axe(page)
    page.goto(f"{live_server.url}/coalities/{coalition.pk}/partners/?q=kraamzorg")
    assert "Kraamzorg Het Nest" in page.locator("main").inner_text()
    axe(page)


def test_change_log_and_refused_settings(page, live_server, axe, login, coalition):
    from ontmoetingen.coalitions import services

    team = UserFactory(email="pim@voorbeeld.nl", full_name="Pim Projectteam", project_team=True)
    services.coalition_update(coalition=coalition, actor=team, ambitions="Nog eerder in beeld.")
    CoalitionFactory(name="Kansrijke Start Amsterdam", municipalities=["GM0363"])
    login(page, "pim@voorbeeld.nl", PASSWORD)
    page.goto(f"{live_server.url}/beheer/wijzigingen/?soort=coalitie")
    row = page.locator("tbody tr").first
    assert "gegevens gewijzigd" in row.inner_text() and "Pim Projectteam" in row.inner_text()
    row.locator("a:has-text('Kansrijke Start Utrecht')").click()
    assert page.locator("h1").inner_text() == "Kansrijke Start Utrecht"
    page.goto(f"{live_server.url}/beheer/wijzigingen/")
    axe(page)
    # a settings form that must be refused shows the error and saves nothing
    page.goto(f"{live_server.url}/coalities/{coalition.pk}/instellingen/")
    # the municipality picker: a filter box (script) opens the province with the match
    for name, code in (("Amersfoort", "GM0307"), ("Amsterdam", "GM0363")):
        page.fill("#id_municipalities-filter", name)
        page.check(f"input[name=municipalities][value={code}]")
    assert page.locator("input[name=municipalities]:checked").count() == 3
    page.click("button:has-text('Opslaan')")
    assert "ten hoogste één actieve coalitie" in page.locator("main").inner_text()
    axe(page)
    assert not coalition.coalition_municipalities.filter(municipality_id="GM0363").exists()


def test_coordinator_pages_fit_a_narrow_screen(
    page, live_server, axe, login, coalition, coordinator
):
    page.set_viewport_size({"width": 320, "height": 800})
    login(page, coordinator.email, PASSWORD)
    for path in ("/mijn/", f"/coalities/{coalition.pk}/", f"/coalities/{coalition.pk}/partners/"):
        page.goto(f"{live_server.url}{path}")
        page.screenshot(path=f"/tmp/a2_320{path.replace('/', '_')}.png", full_page=True)
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
            " > 321).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id)"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, (path, wide)
    page.goto(f"{live_server.url}/mijn/")
    axe(page)
