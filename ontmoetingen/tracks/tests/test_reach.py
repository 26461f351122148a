"""Reach figures on a hand-made set: a merged municipality, white spots, filters, exports,
constant query count and who may see it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory
from ontmoetingen.regions.models import Municipality
from ontmoetingen.tracks import reach, selectors

pytestmark = pytest.mark.django_db

AMSTERDAM, UTRECHT, ROTTERDAM, DEN_HAAG = "GM0363", "GM0344", "GM0599", "GM0518"


def _attend(event, code, domain, organisation="", *, checked_in=True, **kwargs):
    return RegistrationFactory(
        event=event,
        work_municipality_id=code,
        domain=domain,
        organisation=organisation,
        checked_in_at=event.starts_at if checked_in else None,
        **kwargs,
    )


@pytest.fixture
def world(regions):
    """Three coalitions; a municipality merged into Den Haag; one event with five people."""
    den_haag = Municipality.objects.get(code=DEN_HAAG)
    Municipality.objects.create(
        code="GM9999",
        name="Oud-Voorbeeld",
        active=False,
        province_id=den_haag.province_id,
        ggd_region_id=den_haag.ggd_region_id,
        successor=den_haag,
    )
    amsterdam = CoalitionFactory(name="Coalitie Amsterdam", municipalities=[AMSTERDAM])
    utrecht = CoalitionFactory(name="Coalitie Utrecht", municipalities=[UTRECHT])
    rotterdam = CoalitionFactory(name="Coalitie Rotterdam", municipalities=[ROTTERDAM])
    MembershipFactory(coalition=utrecht, organisation=OrganisationFactory(birth_care=True))
    serving = OrganisationFactory(name="Verloskundigen Amstel", birth_care=True)
    serving.service_area.set([AMSTERDAM])
    start = timezone.now() - timedelta(days=3)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    _attend(event, AMSTERDAM, "sociaal", "Wijkteam Oost")
    _attend(event, AMSTERDAM, "sociaal", "wijkteam oost", checked_in=False)
    _attend(event, "GM9999", "geboortezorg", "De Wieg")
    _attend(event, ROTTERDAM, "geboortezorg", " WIJKTEAM OOST")
    RegistrationFactory(event=event, work_municipality_id=UTRECHT, waitlisted=True)
    old = timezone.now() - timedelta(days=800)
    outside = EventFactory(starts_at=old, ends_at=old + timedelta(hours=1), kind="webinar")
    _attend(outside, UTRECHT, "jgz", "GGD")
    return {"event": event, "amsterdam": amsterdam, "rotterdam": rotterdam, "utrecht": utrecht}


def test_figures_on_a_hand_made_set(world):
    result = reach.reach_overview(reach.ReachFilters.default())
    rows = {row.code: row for row in result.rows}
    assert result.events == 1
    assert result.attended == 3
    assert result.registered == 4  # the waitlisted one does not count
    assert rows[AMSTERDAM].attended == 1 and rows[AMSTERDAM].registered == 2
    assert rows[DEN_HAAG].attended == 1  # the merged municipality counts for its successor
    assert "GM9999" not in rows
    assert result.municipalities_reached == 3
    assert result.coalitions_reached == 2 and result.coalitions_total == 3
    assert result.organisations_reached == 2  # "Wijkteam Oost" in any case and spacing is one
    shares = {d.value: (d.count, d.share) for d in result.domains}
    assert shares["geboortezorg"] == (2, "67%")
    assert shares["sociaal"] == (1, "33%")
    assert shares["jgz"] == (0, "0%")


def test_white_spots_are_coalitions_without_birth_care_from_where_none_came(world):
    result = reach.reach_overview(reach.ReachFilters.default())
    spots = [item.coalition.name for item in result.white_spots]
    # Utrecht has birth care at the table; from Rotterdam a midwife came
    assert spots == ["Coalitie Amsterdam"]
    assert [o.name for o in result.white_spots[0].organisations] == ["Verloskundigen Amstel"]


def test_white_spots_ignore_the_kind_and_domain_filters(world):
    filters = reach.ReachFilters.default()
    only_social = reach.ReachFilters(start=filters.start, end=filters.end, domain="sociaal")
    result = reach.reach_overview(only_social)
    assert result.attended == 1
    assert [i.coalition.name for i in result.white_spots] == ["Coalitie Amsterdam"]


def test_kind_and_period_filters(world):
    default = reach.ReachFilters.default()
    webinars = reach.ReachFilters(start=default.start, end=default.end, kind="webinar")
    assert reach.reach_overview(webinars).attended == 0
    long_ago = timezone.localdate() - timedelta(days=800)
    period = reach.ReachFilters(start=long_ago, end=long_ago)
    result = reach.reach_overview(period)
    assert result.attended == 1 and result.events == 1
    assert {r.code for r in result.rows if r.attended} == {UTRECHT}


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_reach_page_runs_a_constant_number_of_queries(world, client):
    client.force_login(UserFactory(project_team=True))
    url = "/monitor/bereik/"
    before = _count_queries(client, url)
    start = timezone.now() - timedelta(days=20)
    for n in range(3):
        event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=1))
        for code in ("GM0014", "GM0034", "GM0037", UTRECHT, "GM9999"):
            _attend(event, code, "jgz", f"Organisatie {code} {n}")
        CoalitionFactory(municipalities=[["GM0014", "GM0034", "GM0037"][n]])
    assert _count_queries(client, url) == before


def test_reach_page_shows_map_table_figures_and_white_spots(world, client):
    client.force_login(UserFactory(partner=True))
    html = client.get("/monitor/bereik/").content.decode()
    assert 'data-figure="attended">3<' in html
    assert 'data-figure="municipalities">3<' in html
    assert 'aria-label="Amsterdam: 1 aanwezig"' in html
    assert 'class="reach-1"' in html
    assert "Coalitie Amsterdam" in html and "Verloskundigen Amstel" in html
    layered = client.get("/monitor/bereik/?laag=aangemeld").content.decode()
    assert 'aria-label="Amsterdam: 2 aangemeld"' in layered


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        ("professional", 403),
        ("coordinator", 403),
        ("partner", 200),
        ("project_team", 200),
    ],
)
@pytest.mark.parametrize(
    "url", ["/monitor/bereik/", "/monitor/bereik/export.csv", "/monitor/bereik/export.xlsx"]
)
def test_who_may_see_reach(regions, client, role, expected, url):
    if role:
        client.force_login(UserFactory(**{role: True}))
    assert client.get(url).status_code == expected


def test_csv_export_has_fixed_columns_and_counts_the_merged_municipality(world, client):
    client.force_login(UserFactory(project_team=True))
    response = client.get("/monitor/bereik/export.csv?codes=1")
    lines = response.content.decode().splitlines()
    assert lines[0] == ",".join(reach.REACH_COLUMNS)
    assert len(lines) == 1 + Municipality.objects.active().count()
    den_haag = next(line for line in lines if line.startswith(DEN_HAAG))
    assert den_haag.split(",")[5:8] == ["1", "1", "1"]  # attended, registered, birth care
    assert client.get("/monitor/bereik/export.csv?van=nee").status_code == 400


def test_xlsx_export(world, client):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(UserFactory(project_team=True))
    response = client.get("/monitor/bereik/export.xlsx?codes=1")
    sheet = load_workbook(BytesIO(response.content)).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header == list(reach.REACH_COLUMNS)


def test_event_reach_and_coalition_reached_by(world):
    event_reach = selectors.event_reach(world["event"])
    assert event_reach.attended == 3
    assert dict(event_reach.municipalities) == {"Amsterdam": 1, "'s-Gravenhage": 1, "Rotterdam": 1}
    reached = selectors.coalition_reached_by(world["amsterdam"])
    assert [(r.event, r.attendees) for r in reached] == [(world["event"], 1)]
    assert selectors.coalition_reached_by(world["utrecht"])[0].attendees == 1  # old webinar
