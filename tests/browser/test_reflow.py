"""Issue 12 §24 and §1: at 320 px no page scrolls sideways (one page of every kind), and at
1280 px no back-office table squeezes a header cell narrower than its longest word or scrolls
sideways inside its container."""

from datetime import date

import pytest

from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.core.audit import record
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory
from ontmoetingen.questions.tests.factories import QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 322)
  .slice(0, 6).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""

# Each header cell: the width its longest word needs on one line (measured in the cell's own
# font) against the width the cell has for text.
NARROW_HEADERS = """[...document.querySelectorAll('main table thead th')].map(th => {
  const style = getComputedStyle(th);
  const room = th.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const visible = th.cloneNode(true);
  visible.querySelectorAll('.visually-hidden').forEach(hidden => hidden.remove());
  const words = visible.textContent.split(/\\s+/).filter(Boolean);
  let need = 0;
  for (const word of words) {
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    probe.textContent = word;
    th.appendChild(probe);
    need = Math.max(need, probe.getBoundingClientRect().width);
    probe.remove();
  }
  return {text: th.innerText.trim(), room: Math.round(room), need: Math.round(need)};
}).filter(cell => cell.need > cell.room + 1)"""


@pytest.fixture
def world(transactional_db, regions):
    from ontmoetingen.glossary.tests.factories import TermFactory

    team = UserFactory(project_team=True, full_name="Pim Projectteam")
    coalition = CoalitionFactory(
        name="Kansrijke Start Stichtse Vecht en Utrechtse Heuvelrug",
        municipalities=["GM0344", "GM0307"],
        status="werkend",
        status_since=date(2024, 3, 1),
    )
    organisation = OrganisationFactory(
        name="Verloskundigenpraktijk Het Geboortehuis Utrechtse Heuvelrug",
        service_area=["GM0344"],
    )
    MembershipFactory(coalition=coalition, organisation=organisation)
    record(coalition, "gegevens gewijzigd", actor=team, changes={"Ambities": ["a", "b"]})
    event = EventFactory(title="Regionale kennisbijeenkomst geboortezorg en sociaal domein")
    for _ in range(3):
        RegistrationFactory(event=event, organisation="Jeugdgezondheidszorgorganisatie Midden")
    QuestionFactory.create_batch(3)
    term = TermFactory()
    return {"team": team, "coalition": coalition, "event": event, "term": term}


def _public_paths(world) -> list[str]:
    return [
        "/monitor/",
        f"/coalities/{world['coalition'].pk}/",
        "/coalities/",
        "/gemeenten/GM0344/",
        world["term"].get_absolute_url(),
    ]


TEAM_TABLES = (
    "/beheer/vragen/",
    "/beheer/agenda/",
    "/beheer/wijzigingen/",
    "/beheer/organisaties/",
    "/monitor/signalen/",
    "/coalities/",
)


def test_every_kind_of_page_reflows_at_320(page, live_server, login, world):
    login(page, world["team"].email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/**")
    page.set_viewport_size({"width": 320, "height": 800})
    event = world["event"]
    paths = [
        *_public_paths(world),
        "/beheer/",
        f"/beheer/agenda/{event.pk}/",
        f"/coalities/{world['coalition'].pk}/instellingen/",
        *TEAM_TABLES,
    ]
    too_wide = {}
    for path in paths:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = (width, page.evaluate(WIDE))
    assert too_wide == {}


# A table that scrolls inside its container at 1280 px (the "Topthema's" card on /monitor/signalen/
# hid its last column at this width)
SCROLLING_TABLES = """[...document.querySelectorAll('main .table-wrapper')]
  .filter(wrapper => wrapper.scrollWidth > wrapper.clientWidth + 1)
  .map(wrapper => wrapper.getAttribute('aria-labelledby') || wrapper.className)"""


def test_backoffice_header_cells_fit_their_longest_word(page, live_server, login, world):
    login(page, world["team"].email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/**")
    page.set_viewport_size({"width": 1280, "height": 900})
    squeezed = {}
    # (and two public pages with wide tables: the monitor's ten columns, the privacy register)
    paths = (*TEAM_TABLES, f"/beheer/agenda/{world['event'].pk}/", "/monitor/", "/over/privacy/")
    for path in paths:
        page.goto(live_server.url + path)
        cells = page.evaluate(NARROW_HEADERS) + page.evaluate(SCROLLING_TABLES)
        if cells:
            squeezed[path] = cells
    assert squeezed == {}
