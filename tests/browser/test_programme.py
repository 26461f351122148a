"""Workshops by preference and networking rounds in the browser: the preference form ranked
with the keyboard only, the draft allocation page and a printed table card, each scanned with
axe (WCAG 2.0/2.1 A and AA). Screenshots at 1280 and 320 px go to var/screenshots/ when
SCREENSHOTS=1 (to look at, not compared)."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from ontmoetingen.events.models import (
    NetworkingPlan,
    Programme,
    Registration,
    SessionMode,
    WorkshopPreference,
)
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 120
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def tab_to(page, selector: str) -> None:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


def shoot(page, name: str) -> None:
    if not os.environ.get("SCREENSHOTS"):
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def conference(regions):
    event = EventFactory(title="Landelijke conferentie", capacity=100)
    Programme.objects.create(event=event, mode=SessionMode.PREFERENCE)
    morning = event.starts_at + timedelta(hours=1)
    afternoon = event.starts_at + timedelta(hours=3)
    for title, slot in (
        ("Kwetsbare zwangeren signaleren", morning),
        ("Geldzorgen bespreekbaar maken", morning),
        ("De warme overdracht", morning),
        ("Nu niet zwanger", afternoon),
        ("Een coalitie bouwen", afternoon),
    ):
        SessionFactory(event=event, title=title, starts_at=slot, capacity=3)
    return event


def test_preference_form_ranked_with_the_keyboard_only(page, live_server, axe, conference):
    page.goto(f"{live_server.url}/agenda/{conference.slug}/aanmelden/")
    assert page.get_by_role("group", name="Workshops").first.is_visible()
    axe(page)
    shoot(page, "voorkeuren-formulier")
    tab_to(page, "#id_name")
    page.keyboard.type("Vera de Vries")
    tab_to(page, "#id_email")
    page.keyboard.type("vera@voorbeeld.nl")
    tab_to(page, "#id_domain")
    page.keyboard.type("geboortezorg")
    # a select is ranked with the keyboard: typing the start of an option picks it
    tab_to(page, "#id_pref_1_1")
    page.keyboard.type("Geld")
    tab_to(page, "#id_pref_1_2")
    page.keyboard.type("Kwets")
    tab_to(page, "#id_pref_2_1")
    page.keyboard.type("Een")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#uitkomst")
    registration = Registration.objects.get()
    ranked = list(
        registration.preferences.order_by("slot", "rank").values_list("rank", "session__title")
    )
    assert ranked == [
        (1, "Geldzorgen bespreekbaar maken"),
        (2, "Kwetsbare zwangeren signaleren"),
        (1, "Een coalitie bouwen"),
    ]
    assert page.get_by_text("1e keus: Geldzorgen bespreekbaar maken").is_visible()
    axe(page)


def test_draft_allocation_page(page, live_server, axe, login, conference):
    from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory

    sessions = list(conference.sessions.order_by("starts_at", "title"))
    for i in range(8):
        registration = RegistrationFactory(
            event=conference, name=f"Deelnemer {i}", domain=["jgz", "sociaal", "gemeente"][i % 3]
        )
        for rank, session in enumerate([sessions[2], sessions[1], sessions[0]], start=1):
            WorkshopPreference.objects.create(
                registration=registration, slot=session.starts_at, rank=rank, session=session
            )
    user = UserFactory(project_team=True)
    login(page, user.email, PASSWORD)
    page.goto(f"{live_server.url}/beheer/agenda/{conference.pk}/workshops/")
    page.get_by_role("button", name="Verdeling berekenen (concept)").click()
    page.wait_for_selector("text=Dit is een concept")
    assert page.get_by_role(
        "table", name="Hoeveel keuzes werden 1e, 2e, 3e of geen keus"
    ).is_visible()
    axe(page)
    shoot(page, "conceptverdeling")


def test_printed_table_card(page, live_server, axe, login, conference):
    from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory

    for i in range(16):
        RegistrationFactory(
            event=conference,
            name=f"Gast {i:02}",
            domain="geboortezorg" if i % 2 else "sociaal",
            checked_in_at=timezone.now(),
        )
    NetworkingPlan.objects.create(event=conference, rounds=3, table_size=4)
    user = UserFactory(project_team=True)
    login(page, user.email, PASSWORD)
    page.goto(f"{live_server.url}/beheer/agenda/{conference.pk}/netwerkronde/")
    page.get_by_role("button", name="Indelen").click()
    page.wait_for_selector("text=Tafels met beide domeinen")
    repeats = page.get_by_role("row", name="Paren die elkaar opnieuw treffen")
    assert repeats.get_by_role("cell").first.inner_text() == "0"
    axe(page)
    shoot(page, "netwerkronde")
    page.goto(f"{live_server.url}/beheer/agenda/{conference.pk}/netwerkronde/kaarten/")
    page.emulate_media(media="print")
    assert page.get_by_role("heading", name="Gast 00").is_visible()
    assert not page.locator(".site-header").is_visible()
    axe(page)
    shoot(page, "tafelkaart-print")
    if os.environ.get("SCREENSHOTS"):
        page.pdf(path=str(SHOTS / "tafelkaarten.pdf"), prefer_css_page_size=True)
