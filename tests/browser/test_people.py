"""Profiles, the people directory, introductions (keyboard only) and suggestions in a real
browser, scanned with axe-core. With SCREENSHOT_DIR set, pages are saved at 1280 and 320 px."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from ontmoetingen.core.models import Theme
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.encounters.tests.factories import ProfessionalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZEIST, HEUVELRUG, UTRECHT = "GM0355", "GM1581", "GM0344"


def shoot(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOT_DIR")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
        page.screenshot(path=f"{folder}/{name}-{width}-top.png")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def people(regions):
    # a transactional test starts without the themes the data migration made
    theme = Theme.objects.filter(active=True).first() or Theme.objects.create(
        name="Armoede en geldzorgen", slug="armoede-en-geldzorgen"
    )
    organisation = OrganisationFactory(
        name="Verloskundigenpraktijk De Linde (voorbeeld)", service_area=[ZEIST, HEUVELRUG]
    )
    vera = ProfessionalFactory(
        user=UserFactory(full_name="Vera Verloskundige", email="vera@voorbeeld.nl"),
        organisation=organisation,
        working_area=[ZEIST, HEUVELRUG],
        themes=[theme],
        offer="Voorlichting over de kraamperiode aan ouders en collega's.",
        offer_tags="voorlichting kraamperiode, huisbezoek",
        ask="Contact met het wijkteam over gezinnen met geldzorgen.",
        ask_tags="schuldhulp, wijkteam",
        intro="Ik werk twaalf jaar als verloskundige in Zeist.",
    )
    wim = ProfessionalFactory(
        user=UserFactory(full_name="Wim Wijkteam", email="wim@voorbeeld.nl"),
        social=True,
        working_area=[ZEIST, UTRECHT],
        themes=[theme],
        ask="Wie geeft voorlichting kraamperiode aan jonge ouders?",
        offer_tags="schuldhulp",
    )
    for n in range(6):
        ProfessionalFactory(
            user=UserFactory(full_name=f"Collega {n} met een lange achternaam-Dubbel"),
            youth_health=n % 2 == 0,
            working_area=[ZEIST],
        )
    return vera, wim


def tab_to(page, text: str, limit: int = 80) -> None:
    """Press Tab until the focused element's text contains ``text``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.innerText")
        if focused and text in focused:
            return
    pytest.fail(f"{text!r} not reached with the keyboard")


def test_profile_edit_with_errors_then_saved(page, live_server, axe, login, regions):
    UserFactory(email="nieuw@voorbeeld.nl")
    login(page, "nieuw@voorbeeld.nl", PASSWORD)
    page.goto(f"{live_server.url}/mijn/profiel/")
    axe(page)
    page.select_option("#id_profession", "anders")
    page.fill("#id_area_codes", "XX99")
    page.click("button:has-text('Profiel opslaan')")
    expect(page.locator(".error-summary")).to_contain_text("Deze codes kennen we niet")
    axe(page)
    shoot(page, "profiel-fouten")
    page.select_option("#id_domain", "geboortezorg")
    page.select_option("#id_profession", "verloskundige")
    page.fill("#id_area_codes", "GM0355")
    page.click("button:has-text('Profiel opslaan')")
    expect(page.locator("h1")).to_have_text("Profiel publiceren")
    axe(page)
    page.check("#id_consent")
    page.click("button:has-text('Publiceren')")
    expect(page.locator(".alert--success")).to_contain_text("gepubliceerd")


def test_directory_and_profile(page, live_server, axe, login, people):
    login(page, "wim@voorbeeld.nl", PASSWORD)
    page.goto(f"{live_server.url}/professionals/")
    axe(page)
    shoot(page, "professionals")
    page.select_option("#id_domain", "geboortezorg")
    page.click("button:has-text('Zoeken')")
    results = page.locator("#professional-resultaten")
    expect(results).to_contain_text("Vera Verloskundige")
    expect(results).not_to_contain_text("Collega 0")
    page.click("text=Vera Verloskundige")
    expect(page.locator("h1")).to_contain_text("Vera Verloskundige")
    assert "vera@voorbeeld.nl" not in page.content()
    axe(page)
    shoot(page, "profiel")
    page.goto(f"{live_server.url}/professionals/?municipality=GM0014")
    expect(page.locator(".empty-state")).to_contain_text("groter gebied")
    axe(page)


def test_introduction_flow_keyboard_only(browser, page, live_server, axe, login, people):
    vera = people[0]
    login(page, "wim@voorbeeld.nl", PASSWORD)
    page.goto(f"{live_server.url}{vera.get_absolute_url()}")
    tab_to(page, "Kennismaking aanvragen")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Kennismaken met Vera")
    axe(page)
    tab_to(page, "")  # the skip link first; then walk to the message field
    page.locator("#id_message").focus()
    page.keyboard.type("Ik zoek voorlichting over de kraamperiode voor ouders in Zeist.")
    tab_to(page, "Verzoek versturen")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Mijn kennismakingen")
    expect(page.locator("main")).to_contain_text("wacht op antwoord")
    axe(page)

    context = browser.new_context(bypass_csp=True, locale="nl-NL")
    other = context.new_page()
    login(other, "vera@voorbeeld.nl", PASSWORD)
    other.goto(f"{live_server.url}/mijn/kennismakingen/")
    axe(other)
    shoot(other, "kennismakingen-open")
    tab_to(other, "Accepteren")
    other.keyboard.press("Enter")
    expect(other.locator("main")).to_contain_text("wim@voorbeeld.nl")
    axe(other)
    context.close()
    page.reload()
    expect(page.locator("main")).to_contain_text("vera@voorbeeld.nl")


def test_suggestions(page, live_server, axe, login, people):
    login(page, "vera@voorbeeld.nl", PASSWORD)
    page.goto(f"{live_server.url}/mijn/suggesties/")
    first = page.locator(".suggestion-list > li").first
    expect(first).to_contain_text("Wim Wijkteam")
    expect(first).to_contain_text("zoekt wat u aanbiedt: voorlichting kraamperiode")
    axe(page)
    shoot(page, "suggesties")
    page.goto(f"{live_server.url}/mijn/")
    expect(page.locator("main")).to_contain_text("Misschien wilt u kennismaken met")
    axe(page)
    shoot(page, "mijn")


def test_coalition_page_shows_professionals_at_the_table(page, live_server, axe, login, people):
    from ontmoetingen.coalitions.tests.factories import CoalitionFactory

    coalition = CoalitionFactory(name="Kansrijke Start Zeist (voorbeeld)", municipalities=[ZEIST])
    coordinator = UserFactory(coordinator=True, email="coord@voorbeeld.nl")
    coalition.coordinators.add(coordinator)
    login(page, "coord@voorbeeld.nl", PASSWORD)
    page.goto(f"{live_server.url}{coalition.get_absolute_url()}")
    section = page.locator("section:has(#professionals-aan-tafel)")
    expect(section).to_contain_text("Wim Wijkteam")
    expect(section).to_contain_text("Vera Verloskundige")
    axe(page)
    shoot(page, "coalitie-aan-tafel")
    section.get_by_role("link", name="Uitnodigen voor een kennismaking: Wim Wijkteam").click()
    expect(page.locator("h1")).to_contain_text("Kennismaken met Wim Wijkteam")


def test_invitation_signup_and_people_overview(browser, page, live_server, axe, login, regions):
    from ontmoetingen.encounters.invitations import invitation_token
    from ontmoetingen.encounters.models import Invitation

    UserFactory(project_team=True, email="team@voorbeeld.nl", full_name="Tessa Team")
    UserFactory(partner=True, full_name="Piet Partner")
    login(page, "team@voorbeeld.nl", PASSWORD)
    page.goto(f"{live_server.url}/beheer/mensen/")
    expect(page.locator("main")).to_contain_text("Piet Partner")
    axe(page)
    shoot(page, "mensen")
    page.click("text=Iemand uitnodigen")
    page.fill("#id_email", "nieuw@voorbeeld.nl")
    page.check("input[value='partner']")
    page.click("button:has-text('Uitnodiging versturen')")
    expect(page.locator(".alert--success")).to_contain_text("nieuw@voorbeeld.nl")
    axe(page)
    link = invitation_token(Invitation.objects.get(email="nieuw@voorbeeld.nl"))
    context = browser.new_context(bypass_csp=True, locale="nl-NL")
    guest = context.new_page()
    guest.goto(f"{live_server.url}/uitnodiging/{link}/")
    axe(guest)
    guest.fill("#id_full_name", "Nina Nieuw")
    guest.fill("#id_password1", "een-lang-nieuw-wachtwoord-9")
    guest.fill("#id_password2", "een-lang-nieuw-wachtwoord-9")
    guest.click("button:has-text('Account aanmaken')")
    expect(guest.locator("h1")).to_have_text("Mijn pagina")
    context.close()
    anonymous = browser.new_context(bypass_csp=True, locale="nl-NL").new_page()
    anonymous.goto(f"{live_server.url}/uitnodiging/{link}/")
    expect(anonymous.locator("h1")).to_have_text("Uitnodiging al gebruikt")
    axe(anonymous)
    anonymous.goto(f"{live_server.url}/registreren/")
    anonymous.click("button:has-text('Account aanmaken')")
    expect(anonymous.locator(".error-summary")).to_be_visible()
    axe(anonymous)
