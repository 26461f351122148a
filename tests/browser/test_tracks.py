"""Reach, regiotour, visit report, progress report and newsletter in a real browser: no axe
violations, no CSP violations, and the pages work at 320 px. Screenshots land in
TRACKS_SCREENSHOTS when it is set."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.core.models import Theme
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory
from ontmoetingen.newsletter.models import Digest, Subscriber
from ontmoetingen.tracks import services
from ontmoetingen.tracks.tests.factories import ActionFactory, VisitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("TRACKS_SCREENSHOTS", "")


WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter((el) => !(el.parentElement && el.parentElement.closest('.table-wrapper, svg')))
  .map((el) => el.tagName + '.' + el.className).slice(0, 5)"""


def _fits(page) -> None:
    """Nothing but a table's own scroll box is wider than the screen."""
    assert page.evaluate(WIDEST) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def world(transactional_db, regions):
    coalition = CoalitionFactory(
        name="Kansrijke Start Amstel (voorbeeld)", municipalities=["GM0363"]
    )
    CoalitionFactory(name="Samen Rotterdam (voorbeeld)", municipalities=["GM0599"])
    midwives = OrganisationFactory(name="Verloskundigen Maas (voorbeeld)", birth_care=True)
    midwives.service_area.set(["GM0599"])
    start = timezone.now() - timedelta(days=6)
    event = EventFactory(
        title="Regiotour Amsterdam (voorbeeld)",
        kind="regiotour",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    for n, (code, domain) in enumerate(
        [
            ("GM0363", "sociaal"),
            ("GM0363", "geboortezorg"),
            ("GM0344", "jgz"),
            ("GM0518", "gemeente"),
        ]
    ):
        RegistrationFactory(
            event=event,
            work_municipality_id=code,
            domain=domain,
            checked_in_at=start,
            name=f"Deelnemer {n} (voorbeeld)",
            organisation=f"Organisatie {n} (voorbeeld)",
        )
    visit = VisitFactory(title="Regiotour Amsterdam (voorbeeld)", visited=True, province_id="PV27")
    visit.events.set([event])
    VisitFactory(title="Regiotour Utrecht (voorbeeld)")
    VisitFactory(title="Regiotour Groningen (voorbeeld)", status="bevestigd", province_id="PV20")
    team = UserFactory(project_team=True)
    theme = Theme.objects.create(name="Armoede", slug="armoede")
    services.visit_report_save(
        visit=visit,
        data={
            "findings": "Geldzorgen bij zwangeren.",
            "agreements": "Kennismaking VSV.",
            "themes": [theme],
        },
        actor=team,
    )
    ActionFactory(
        visit=visit, owner_coalition=coalition, description="VSV uitnodigen", overdue=True
    )
    ActionFactory(
        visit=visit, owner_organisation=midwives, description="Folder delen", status="bezig"
    )
    return {"team": team, "visit": visit}


@pytest.mark.parametrize("width", [1280, 320])
def test_reach_page(page, live_server, axe, login, world, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, world["team"].email, PASSWORD)
    page.goto(f"{live_server.url}/monitor/bereik/")
    assert page.locator("svg.reach-map a").count() == 342
    assert page.locator('svg.reach-map a[aria-label="Amsterdam: 2 aanwezig"]').count() == 1
    _fits(page)
    _shot(page, f"reach-{width}")
    axe(page)


def test_reach_filters_work_without_javascript(nojs_page, live_server, login, world):
    login(nojs_page, world["team"].email, PASSWORD)
    nojs_page.goto(f"{live_server.url}/monitor/bereik/")
    nojs_page.select_option("#id_domein", "geboortezorg")
    nojs_page.click("button:has-text('Toon het bereik')")
    assert nojs_page.locator('svg.reach-map a[aria-label="Amsterdam: 1 aanwezig"]').count() == 1


@pytest.mark.parametrize("width", [1280, 320])
def test_regiotour_page(page, live_server, axe, world, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/regiotour/")
    assert page.locator(".tour-marker").count() == 3
    _fits(page)
    _shot(page, f"regiotour-{width}")
    axe(page)


@pytest.mark.parametrize("width", [1280, 320])
def test_visit_report_for_the_team(page, live_server, axe, login, world, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, world["team"].email, PASSWORD)
    page.goto(f"{live_server.url}/regiotour/{world['visit'].pk}/")
    assert "4 aanwezigen volgens de check-in" in page.locator("main").inner_text()
    page.locator("summary", has_text="Wie er waren").click()
    _fits(page)
    _shot(page, f"visit-{width}")
    axe(page)
    page.goto(f"{live_server.url}/beheer/regiotour/{world['visit'].pk}/verslag/")
    axe(page)
    page.goto(f"{live_server.url}/beheer/regiotour/")
    axe(page)


@pytest.mark.parametrize("width", [1280, 320])
def test_progress_report(page, live_server, axe, login, world, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, world["team"].email, PASSWORD)
    page.goto(f"{live_server.url}/beheer/rapportage/")
    assert page.locator("h1").inner_text() == "Voortgangsrapportage"
    _fits(page)
    _shot(page, f"report-{width}")
    axe(page)


def test_newsletter_pages(page, live_server, axe, login, world):
    page.goto(f"{live_server.url}/nieuwsbrief/")
    axe(page)
    subscriber = Subscriber.objects.create(email="lezer@voorbeeld.nl", confirmed_at=timezone.now())
    page.goto(f"{live_server.url}/nieuwsbrief/afmelden/{subscriber.token}/")
    axe(page)
    page.click("button:has-text('Afmelden')")
    assert "U bent afgemeld" in page.locator("h1").inner_text()
    today = timezone.localdate()
    digest = Digest.objects.create(
        subject="Nieuws", period_start=today - timedelta(days=30), period_end=today
    )
    Subscriber.objects.create(email="actief@voorbeeld.nl", confirmed_at=timezone.now())
    login(page, world["team"].email, PASSWORD)
    page.goto(f"{live_server.url}/beheer/nieuwsbrief/{digest.pk}/")
    _shot(page, "digest")
    axe(page)
