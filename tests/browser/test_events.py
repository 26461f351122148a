"""The agenda, an event page and the whole registration flow, done with the keyboard only,
scanned with axe (WCAG 2.0/2.1 A and AA)."""

import pytest

from ontmoetingen.events.models import Registration
from ontmoetingen.events.tests.factories import EventFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 120


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


@pytest.fixture
def event(regions):
    event = EventFactory(
        title="Kennisbijeenkomst Zwolle",
        capacity=1,
        description="## Programma\n\nKennismaken en **samen werken**.",
        co_organisers="NCJ",
        audience="geboortezorg,sociaal",
    )
    SessionFactory(event=event, title="Workshop elkaars taal", capacity=5)
    SessionFactory(event=event, title="Workshop geldzorgen", capacity=0)
    EventFactory(title="Webinar armoede", kind="webinar", online=True)
    return event


def test_agenda_is_accessible(page, live_server, axe, event):
    page.goto(f"{live_server.url}/agenda/")
    assert page.get_by_role("heading", name="Agenda", level=1).is_visible()
    assert page.get_by_role("link", name="Kennisbijeenkomst Zwolle").is_visible()
    axe(page)
    page.goto(f"{live_server.url}/agenda/?kind=conferentie")
    assert page.get_by_text("Geen bijeenkomsten gevonden").is_visible()
    axe(page)


def test_event_page_is_accessible(page, live_server, axe, event):
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    assert page.get_by_role("heading", name="Kennisbijeenkomst Zwolle").is_visible()
    assert page.get_by_text("Nog 1 van de 1 plaatsen vrij").is_visible()
    axe(page)


def test_registration_with_the_keyboard_only(page, live_server, axe, event):
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    tab_to(page, "a.button[href$='/aanmelden/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/aanmelden/")
    axe(page)

    # first submit without anything: the errors are announced and linked
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    axe(page)

    tab_to(page, "#id_name")
    page.keyboard.type("Vera de Vries")
    tab_to(page, "#id_email")
    page.keyboard.type("vera@voorbeeld.nl")
    tab_to(page, "#id_organisation")
    page.keyboard.type("Verloskundigenpraktijk De Wieg")
    tab_to(page, "#id_domain")
    page.keyboard.type("geboortezorg")
    tab_to(page, "#id_work_municipality")
    page.keyboard.type("Zwolle")
    # the workshop slot: arrow keys move within the radio group; the full one is skipped
    tab_to(page, "input[name=slot_1]")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.choice').innerText").startswith(
        "Workshop elkaars taal"
    )
    assert page.is_disabled("input[name=slot_1] >> nth=2")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#uitkomst")
    assert page.get_attribute("#uitkomst", "data-status") == "confirmed"
    assert page.get_by_text("U bent aangemeld").first.is_visible()
    axe(page)

    registration = Registration.objects.get()
    assert registration.email == "vera@voorbeeld.nl"
    assert registration.work_municipality.name == "Zwolle"
    assert [s.title for s in registration.sessions.all()] == ["Workshop elkaars taal"]

    # cancel with the keyboard, through the link on the outcome page
    tab_to(page, "a[href$='/annuleren/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/annuleren/")
    axe(page)
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#uitkomst")
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_waiting_list_outcome_is_accessible(page, live_server, axe, event):
    Registration.objects.create(
        event=event, name="Eerste", email="eerste@voorbeeld.nl", domain="jgz", status="confirmed"
    )
    page.goto(f"{live_server.url}/agenda/{event.slug}/aanmelden/")
    assert page.get_by_text("De bijeenkomst is vol").first.is_visible()
    page.fill("#id_name", "Sanne Wachter")
    page.fill("#id_email", "sanne@voorbeeld.nl")
    page.select_option("#id_domain", "sociaal")
    page.check("#id_consent")
    page.click("button[type=submit]")
    page.wait_for_selector("#uitkomst")
    assert page.get_by_text("U staat op de wachtlijst (plaats 1)").is_visible()
    axe(page)


def test_back_office_pages_are_accessible(page, live_server, axe, login, event):
    from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
    from ontmoetingen.events.tests.factories import RegistrationFactory

    RegistrationFactory(event=event, name="Anna Aanwezig")
    RegistrationFactory(event=event, name="Bert Wacht", waitlisted=True)
    user = UserFactory(project_team=True)
    login(page, user.email, PASSWORD)
    for path in (
        "/beheer/agenda/",
        f"/beheer/agenda/{event.pk}/",
        f"/beheer/agenda/{event.pk}/check-in/",
        f"/beheer/agenda/{event.pk}/bewerken/",
    ):
        page.goto(f"{live_server.url}{path}")
        axe(page)
    page.goto(f"{live_server.url}/beheer/agenda/{event.pk}/check-in/")
    page.locator("button", has_text="Anna Aanwezig").click()
    assert page.get_by_text("1 aanwezig van 1 verwacht").is_visible()


def test_refused_workshop_capacity_is_shown_at_the_top_and_next_to_the_field(
    page, live_server, axe, login, event
):
    from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
    from ontmoetingen.events.tests.factories import RegistrationFactory

    workshop = event.sessions.get(title="Workshop elkaars taal")
    for name in ("Anna Aanwezig", "Bert Binnen"):
        RegistrationFactory(event=event, name=name).sessions.add(workshop)
    user = UserFactory(project_team=True)
    login(page, user.email, PASSWORD)
    page.goto(f"{live_server.url}/beheer/agenda/{event.pk}/bewerken/")
    page.fill("#id_sessies-0-capacity", "1")
    page.click("button[type=submit]:has-text('Opslaan')")
    message = "De workshop “Workshop elkaars taal” heeft al 2 bevestigde deelnemers"
    assert page.get_by_text(message).count() == 2
    axe(page)
    workshop.refresh_from_db()
    assert workshop.capacity == 5


def test_checkin_at_the_door_on_a_phone(page, live_server, axe, login, event):
    """320 px wide: no sideways scrolling, buttons of at least 44 px, and one letter in the
    search box narrows the list (HTMX, no submit)."""
    from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
    from ontmoetingen.events.tests.factories import RegistrationFactory

    for name in ("Anna de Vries", "Anna de Vries", "Bert Binnen"):
        RegistrationFactory(event=event, name=name)
    user = UserFactory(project_team=True)
    login(page, user.email, PASSWORD)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/beheer/agenda/{event.pk}/check-in/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    buttons = page.locator(".checkin-row button")
    assert buttons.count() == 3
    for i in range(3):
        box = buttons.nth(i).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    axe(page)
    page.fill("#id_q", "b")
    from playwright.sync_api import expect

    expect(page.locator(".checkin-row")).to_have_count(1)
    assert "Bert Binnen" in page.locator("#checkin-lijst").inner_text()
    page.locator("button", has_text="Bert Binnen").click()
    assert page.get_by_text("1 aanwezig van 3 verwacht").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_cancelling_an_event_asks_for_a_reason(page, live_server, axe, login, event):
    from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory

    user = UserFactory(project_team=True)
    login(page, user.email, PASSWORD)
    page.goto(f"{live_server.url}/beheer/agenda/{event.pk}/")
    page.get_by_role("link", name="Bijeenkomst annuleren").click()
    assert page.get_by_role("heading", name="Bijeenkomst annuleren").is_visible()
    page.click("button[type=submit]:has-text('Ja, annuleer')")
    import re

    from playwright.sync_api import expect

    expect(page).to_have_title(re.compile("^Fout:"))  # waits for the answer to the submit
    axe(page)
    page.fill("#id_reason", "De zaal is niet beschikbaar.")
    page.click("button[type=submit]:has-text('Ja, annuleer')")
    assert page.get_by_text("De bijeenkomst is geannuleerd").is_visible()
    event.refresh_from_db()
    assert (event.status, event.cancel_reason) == ("cancelled", "De zaal is niet beschikbaar.")
