import csv
import io
import itertools
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions.selectors import coalition_statuses_as_of
from ontmoetingen.monitor import selectors
from ontmoetingen.monitor.charts import nice_step, status_line_chart
from ontmoetingen.monitor.exports import EXPORT_COLUMNS
from ontmoetingen.monitor.series import status_time_series
from ontmoetingen.monitor.snapshot import STATUSES, monitor_snapshot, status_on
from ontmoetingen.monitor.tests.helpers import (
    make_coalition,
    midwives,
    social_team,
    youth_health,
)
from ontmoetingen.regions.models import Municipality

pytestmark = pytest.mark.django_db

AMSTERDAM, DIEMEN, DEN_HAAG, ROTTERDAM, UTRECHT = "GM0363", "GM0384", "GM0518", "GM0599", "GM0344"


@pytest.fixture
def amstel(regions):
    """Amsterdam and Diemen: oriënterend in 2020, in opbouw mid 2021, werkend from 2022;
    birth care joined in 2023, JGZ in 2020; action plan since 2022-03-01."""
    return make_coalition(
        "Kansrijke Start Amstel (voorbeeld)",
        [AMSTERDAM, DIEMEN],
        history=[
            (date(2020, 1, 15), "orienterend"),
            (date(2021, 6, 1), "in_opbouw"),
            (date(2022, 2, 1), "werkend"),
        ],
        partners=[
            (midwives(serves=[AMSTERDAM]), date(2023, 5, 1)),
            (youth_health(serves=[AMSTERDAM, DIEMEN]), date(2020, 2, 1)),
        ],
        action_plan=True,
        action_plan_date=date(2022, 3, 1),
    )


@pytest.fixture
def haaglanden(regions):
    """Den Haag: in opbouw since 2021, only the social domain at the table."""
    return make_coalition(
        "Coalitie Haaglanden (voorbeeld)",
        [DEN_HAAG],
        history=[(date(2021, 3, 1), "in_opbouw")],
        partners=[(social_team(serves=[DEN_HAAG]), date(2021, 3, 1))],
    )


def _csv(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert tuple(reader.fieldnames) == EXPORT_COLUMNS
    return rows


def _by_code(rows) -> dict[str, dict]:
    return {row["municipality_code"]: row for row in rows}


# --- exports -------------------------------------------------------------------------------


def test_csv_export_has_one_row_per_municipality_with_exact_columns(client, amstel, haaglanden):
    response = client.get("/monitor/export.csv?codes=1")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert len(rows) == 342 == Municipality.objects.active().count()
    assert len({row["municipality_code"] for row in rows}) == 342
    by_code = _by_code(rows)
    assert by_code[AMSTERDAM] == {
        "municipality_code": AMSTERDAM,
        "municipality_name": "Amsterdam",
        "province": "Noord-Holland",
        "ggd_region": "GGD Amsterdam",
        "coalition_id": str(amstel.pk),
        "coalition_name": "Kansrijke Start Amstel (voorbeeld)",
        "status": "werkend",
        "birth_care_at_table": "true",
        "youth_health_at_table": "true",
        "social_at_table": "false",
        "action_plan": "true",
        "status_since": "2022-02-01",
    }
    assert by_code[DIEMEN]["coalition_id"] == str(amstel.pk)
    assert by_code[DEN_HAAG]["status"] == "in_opbouw"
    assert (
        by_code[DEN_HAAG]["birth_care_at_table"],
        by_code[DEN_HAAG]["social_at_table"],
        by_code[DEN_HAAG]["action_plan"],
    ) == ("false", "true", "false")
    # a municipality without a coalition: empty coalition fields, status "geen"
    assert by_code[UTRECHT] == {
        "municipality_code": UTRECHT,
        "municipality_name": "Utrecht",
        "province": "Utrecht",
        "ggd_region": "GGD Regio Utrecht",
        "coalition_id": "",
        "coalition_name": "",
        "status": "geen",
        "birth_care_at_table": "false",
        "youth_health_at_table": "false",
        "social_at_table": "false",
        "action_plan": "false",
        "status_since": "",
    }
    booleans = {
        row[c]
        for row in rows
        for c in EXPORT_COLUMNS
        if c.endswith("_at_table") or c == "action_plan"
    }
    assert booleans == {"true", "false"}


def test_csv_export_for_people_is_dutch_with_semicolons_and_a_bom(client, amstel, haaglanden):
    """Issue 12 §21: the default CSV is what Dutch Excel opens as columns: BOM, ";", Dutch
    headers, status labels and ja/nee; ?codes=1 (above) keeps the machine variant."""
    content = client.get("/monitor/export.csv").content
    assert content.startswith(b"\xef\xbb\xbfCBS-code gemeente;Gemeente;Provincie;GGD-regio;")
    lines = content.decode("utf-8-sig").split("\r\n")
    assert lines[0].endswith(
        ";Status;Geboortezorg aan tafel;JGZ aan tafel;"
        "Sociaal domein aan tafel;Plan van aanpak;Status sinds"
    )
    amsterdam = next(line for line in lines if line.startswith(AMSTERDAM))
    assert amsterdam == (
        f"{AMSTERDAM};Amsterdam;Noord-Holland;GGD Amsterdam;{amstel.pk};"
        "Kansrijke Start Amstel (voorbeeld);werkend;ja;ja;nee;ja;2022-02-01"
    )
    den_haag = next(line for line in lines if line.startswith(DEN_HAAG))
    assert ";in opbouw;nee;" in den_haag
    utrecht = next(line for line in lines if line.startswith(UTRECHT))
    assert (
        utrecht == f"{UTRECHT};Utrecht;Utrecht;GGD Regio Utrecht;;;geen coalitie;nee;nee;nee;nee;"
    )
    sheet = load_workbook(
        io.BytesIO(client.get("/monitor/export.xlsx").content), read_only=True
    ).active
    header, *rows = sheet.iter_rows(values_only=True)
    assert header[0] == "CBS-code gemeente" and header[6] == "Status"
    xlsx = {row[0]: row for row in rows}
    assert xlsx[DEN_HAAG][6:8] == ("in opbouw", "nee")


def test_xlsx_export_matches_the_csv(client, amstel, haaglanden):
    response = client.get("/monitor/export.xlsx?codes=1")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert tuple(values[0]) == EXPORT_COLUMNS
    assert len(values) == 343
    rows = {row[0]: dict(zip(EXPORT_COLUMNS, row, strict=True)) for row in values[1:]}
    amsterdam = rows[AMSTERDAM]
    assert amsterdam["coalition_id"] == amstel.pk
    assert amsterdam["status"] == "werkend"
    assert (amsterdam["birth_care_at_table"], amsterdam["social_at_table"]) == ("true", "false")
    assert amsterdam["status_since"].date() == date(2022, 2, 1)
    assert rows[UTRECHT]["coalition_id"] in (None, "")
    assert rows[UTRECHT]["status"] == "geen"


def test_exports_honour_peildatum(client, amstel, haaglanden):
    rows = _by_code(_csv(client.get("/monitor/export.csv?codes=1&peildatum=2021-12-31")))
    assert len(rows) == 342
    amsterdam = rows[AMSTERDAM]
    assert (amsterdam["status"], amsterdam["status_since"]) == ("in_opbouw", "2021-06-01")
    # midwives joined in 2023, the action plan dates from 2022: neither yet
    assert amsterdam["birth_care_at_table"] == "false"
    assert amsterdam["youth_health_at_table"] == "true"
    assert amsterdam["action_plan"] == "false"

    before = _by_code(_csv(client.get("/monitor/export.csv?codes=1&peildatum=2020-12-31")))
    # Den Haag's coalition only started in 2021: no coalition yet on that day
    assert before[DEN_HAAG]["coalition_id"] == ""
    assert before[DEN_HAAG]["status"] == "geen"
    assert before[AMSTERDAM]["status"] == "orienterend"

    sheet = load_workbook(
        io.BytesIO(client.get("/monitor/export.xlsx?codes=1&peildatum=2021-12-31").content),
        read_only=True,
    ).active
    xlsx = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert xlsx[AMSTERDAM][EXPORT_COLUMNS.index("status")] == "in_opbouw"


def test_export_refuses_an_invalid_or_future_peildatum(client, regions):
    assert client.get("/monitor/export.csv?peildatum=gisteren").status_code == 400
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert client.get(f"/monitor/export.xlsx?peildatum={tomorrow}").status_code == 400


def test_export_neutralises_spreadsheet_formulas(client, regions):
    make_coalition('=HYPERLINK("http://example.com","klik")', [UTRECHT])
    rows = _by_code(_csv(client.get("/monitor/export.csv?codes=1")))
    assert rows[UTRECHT]["coalition_name"].startswith("'=")
    sheet = load_workbook(io.BytesIO(client.get("/monitor/export.xlsx?codes=1").content)).active
    names = [row[5].value for row in sheet.iter_rows(min_row=2)]
    assert "'=" in {str(n)[:2] for n in names if n}
    assert all(not str(n).startswith("=") for n in names if n)


# --- the as-of computation -----------------------------------------------------------------


def test_status_on_takes_the_last_change_and_keeps_since_across_repeats():
    changes = [
        (date(2020, 1, 1), "orienterend"),
        (date(2021, 1, 1), "werkend"),
        (date(2021, 6, 1), "werkend"),  # a confirmation, not a new status
        (date(2022, 1, 1), "geborgd"),
    ]
    assert status_on(changes, date(2019, 12, 31)) == (None, None)
    assert status_on(changes, date(2020, 1, 1)) == ("orienterend", date(2020, 1, 1))
    assert status_on(changes, date(2021, 7, 1)) == ("werkend", date(2021, 1, 1))
    assert status_on(changes, date(2030, 1, 1)) == ("geborgd", date(2022, 1, 1))


def test_past_snapshot_agrees_with_the_coalitions_history(amstel, haaglanden):
    for on in (date(2019, 6, 1), date(2020, 6, 30), date(2021, 3, 1), date(2022, 12, 31)):
        expected = coalition_statuses_as_of(on=on)
        snapshot = monitor_snapshot(on=on)
        assert {pk: c.status for pk, c in snapshot.coalitions.items()} == expected


def test_monitor_page_redraws_map_and_figures_for_a_past_date(client, amstel, haaglanden):
    today = client.get("/monitor/").content.decode()
    assert 'aria-label="Amsterdam: werkend"' in today
    assert 'aria-label="Diemen: werkend"' in today
    assert 'aria-label="&#x27;s-Gravenhage: in opbouw"' in today
    assert 'aria-label="Utrecht: geen coalitie"' in today
    assert 'href="/gemeenten/GM0363/"' in today
    assert today.count('<a href="/gemeenten/GM') == 342
    assert "(vandaag)" in today

    past = client.get("/monitor/?peildatum=2021-01-31").content.decode()
    assert 'aria-label="Amsterdam: oriënterend"' in past
    assert 'aria-label="&#x27;s-Gravenhage: geen coalitie"' in past
    assert "Stand op <strong>31 januari 2021</strong>" in past
    assert "huidige indeling" in past  # the page says membership is today's
    assert 'value="2021-01-31"' in past
    # exports on the page carry the date along
    assert "/monitor/export.csv?peildatum=2021-01-31" in past


def test_figures_count_municipalities_per_status_and_coalitions(amstel, haaglanden):
    overview = selectors.monitor_overview()
    counts = {s.value: s.count for s in overview.statuses}
    assert counts == {
        "geen": 339,
        "orienterend": 0,
        "in_opbouw": 1,
        "werkend": 2,
        "geborgd": 0,
    }
    werkend = next(s for s in overview.statuses if s.value == "werkend")
    assert werkend.share == pytest.approx(200 / 342)
    figures = overview.coalitions
    assert (figures.coalitions, figures.birth_care, figures.action_plan) == (2, 1, 1)
    assert figures.birth_care_share == 50
    north_holland = next(p for p in overview.provinces if p.name == "Noord-Holland")
    assert north_holland.counts[STATUSES.index("werkend")] == 2
    assert north_holland.coalitions.coalitions == 1  # one coalition, two municipalities
    assert north_holland.coalitions.birth_care_share == 100
    haaglanden_ggd = next(g for g in overview.ggd_regions if g.name == "GGD Haaglanden")
    assert haaglanden_ggd.coalitions.birth_care == 0
    assert sum(p.municipalities for p in overview.provinces) == 342
    assert len(overview.ggd_regions) == 25


def test_figures_for_a_past_date_use_the_history(amstel, haaglanden):
    overview = selectors.monitor_overview(on=date(2020, 12, 31))
    counts = {s.value: s.count for s in overview.statuses}
    assert counts["orienterend"] == 2 and counts["in_opbouw"] == 0 and counts["geen"] == 340
    assert overview.coalitions.coalitions == 1
    assert overview.coalitions.action_plan == 0
    # the time series stops at the as-of date
    assert overview.series[-1].on == date(2020, 12, 31)


def test_time_series_counts_municipalities_per_month_since_the_first_record(amstel, haaglanden):
    series = status_time_series(until=date(2022, 3, 15))
    assert series[0].month == date(2020, 1, 1)
    assert series[-1].month == date(2022, 3, 1) and series[-1].on == date(2022, 3, 15)
    assert len(series) == 27
    months = {p.month: p.counts for p in series}
    assert months[date(2020, 1, 1)]["orienterend"] == 2
    assert months[date(2021, 3, 1)]["in_opbouw"] == 1  # Den Haag joins in March 2021
    assert months[date(2021, 6, 1)]["in_opbouw"] == 3
    assert months[date(2022, 2, 1)]["werkend"] == 2
    assert all(sum(p.counts.values()) == 342 for p in series)


def test_time_series_on_the_page_is_an_svg_chart_with_a_data_table(client, amstel):
    html = client.get("/monitor/").content.decode()
    assert 'role="img" aria-labelledby="verloop-svg-titel verloop-svg-desc"' in html
    assert html.count('class="chart__line chart__line--') == 5
    assert "Tabel bij de grafiek" in html
    assert '<th scope="row">januari 2020</th>' in html


def test_chart_scale_is_round():
    assert nice_step(342) == 100
    assert nice_step(5) == 1
    assert nice_step(0) == 1
    assert status_line_chart([]) is None


def test_page_without_any_coalition_shows_empty_states(client, regions):
    html = client.get("/monitor/").content.decode()
    assert "Nog geen verloop" in html
    assert html.count('aria-label="') >= 342


def test_invalid_peildatum_is_explained_next_to_the_field(client, regions):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.get(f"/monitor/?peildatum={tomorrow.isoformat()}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "De peildatum kan niet in de toekomst liggen." in html
    assert 'aria-invalid="true"' in html
    assert "(vandaag)" in html  # shows today's picture instead
    html = client.get("/monitor/?peildatum=31-02-2020").content.decode()
    assert "Vul een geldige datum in" in html


def test_dutch_date_input_is_accepted(client, amstel):
    html = client.get("/monitor/?peildatum=31-12-2021").content.decode()
    assert 'aria-label="Amsterdam: in opbouw"' in html


# --- the table alternative -----------------------------------------------------------------


def test_table_lists_municipalities_with_filters_paging_and_empty_state(client, amstel):
    html = client.get("/monitor/gemeenten/").content.decode()
    assert "342 gemeenten" in html
    assert "Pagina 1 van 7" in html
    html = client.get("/monitor/gemeenten/?status=werkend").content.decode()
    assert "2 gemeenten" in html and ">Amsterdam</a>" in html and ">Diemen</a>" in html
    html = client.get("/monitor/gemeenten/?q=amster&peildatum=2021-01-01").content.decode()
    assert "1 gemeente." in html and "oriënterend" in html
    html = client.get("/monitor/gemeenten/?status=geborgd").content.decode()
    assert "Geen gemeenten gevonden" in html


# --- the home page -------------------------------------------------------------------------


def test_home_page_shows_a_small_status_map(client, amstel):
    html = client.get("/").content.decode()
    assert "Lokale coalities in beeld" in html
    assert html.count('z" fill="url(#home-') == 342  # one shape per municipality
    assert 'fill="url(#home-werkend)"' in html
    assert "Werkend: 2 gemeenten" in html


# --- outreach list and permissions ---------------------------------------------------------


@pytest.fixture
def outreach_data(amstel, haaglanden):
    # birth-care organisations working in Den Haag (one inactive) and one elsewhere
    midwives("Verloskundigen Duinzicht (voorbeeld)", serves=[DEN_HAAG, ROTTERDAM])
    from ontmoetingen.directory.models import Organisation, OrganisationType

    Organisation.objects.create(
        name="Oude Kraamzorg (voorbeeld)", type=OrganisationType.MATERNITY_CARE, active=False
    ).service_area.set([DEN_HAAG])
    midwives("Verloskundigen Dom (voorbeeld)", serves=[UTRECHT])
    return haaglanden


def test_outreach_list_refuses_anonymous_visitors(client, regions):
    for url in ("/monitor/outreach/", "/monitor/outreach.csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("trait", ["professional", "coordinator", "partner"])
def test_outreach_list_refuses_everyone_but_the_project_team(client, regions, trait):
    client.force_login(UserFactory(**{trait: True}))
    assert client.get("/monitor/outreach/").status_code == 403
    assert client.get("/monitor/outreach.csv").status_code == 403


def test_outreach_list_shows_coalitions_without_birth_care_and_who_works_there(
    client, outreach_data
):
    client.force_login(UserFactory(project_team=True))
    html = client.get("/monitor/outreach/").content.decode()
    assert "Coalitie Haaglanden (voorbeeld)" in html
    assert "Verloskundigen Duinzicht (voorbeeld)" in html
    assert "Kansrijke Start Amstel" not in html  # birth care is at that table
    assert "Oude Kraamzorg" not in html  # inactive
    assert "Verloskundigen Dom" not in html  # works elsewhere
    html = client.get("/monitor/outreach/?status=werkend").content.decode()
    assert "Geen coalities op deze lijst" in html


def test_outreach_csv_has_one_row_per_coalition_and_organisation(client, outreach_data):
    client.force_login(UserFactory(project_team=True))
    response = client.get("/monitor/outreach.csv?codes=1")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["coalition_name"], r["organisation_name"], r["works_in"]) for r in rows] == [
        ("Coalitie Haaglanden (voorbeeld)", "Verloskundigen Duinzicht (voorbeeld)", "'s-Gravenhage")
    ]
    assert rows[0]["organisation_type"] == "verloskundigenpraktijk"
    people = client.get("/monitor/outreach.csv").content.decode("utf-8-sig")
    header, first = people.split("\r\n")[:2]
    assert header.startswith("Nummer coalitie;Coalitie;Status;Gemeenten;")
    assert ";Coalitie Haaglanden (voorbeeld);in opbouw;" in first


def test_monitor_links_to_outreach_only_for_the_project_team(client, amstel):
    assert "/monitor/outreach/" not in client.get("/monitor/").content.decode()
    client.force_login(UserFactory(project_team=True))
    assert "/monitor/outreach/" in client.get("/monitor/").content.decode()


# --- a fixed number of queries --------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(regions_codes: list[str]) -> None:
    """Many more coalitions, partners, organisations and status changes."""
    for index, code in enumerate(regions_codes):
        make_coalition(
            f"Coalitie {code} (voorbeeld)",
            [code],
            history=[
                (date(2019, 1 + index % 12, 1), "orienterend"),
                (date(2020, 1 + index % 12, 1), "in_opbouw"),
                (date(2022, 1 + index % 12, 1), "werkend"),
            ],
            partners=[
                (social_team(f"Wijkteam {code}", serves=[code]), date(2020, 1, 1)),
                *(
                    [(midwives(f"Praktijk {code}", serves=[code]), date(2021, 1, 1))]
                    if index % 3
                    else []
                ),
            ],
            action_plan=index % 2 == 0,
        )
        youth_health(f"JGZ {code}", serves=[code])  # outreach candidates


URLS = (
    "/monitor/",
    "/monitor/?peildatum=2021-06-30",
    "/monitor/export.csv",
    "/monitor/export.csv?peildatum=2021-06-30",
    "/monitor/export.xlsx",
    "/monitor/gemeenten/",
    "/monitor/outreach/",
    "/monitor/outreach.csv",
)


def _home_section_queries() -> int:
    from ontmoetingen.monitor.hooks import home_section

    with CaptureQueriesContext(connection) as captured:
        home_section(None)
    return len(captured)


def test_number_of_queries_does_not_grow_with_the_data(client, amstel, haaglanden):
    client.force_login(UserFactory(project_team=True))
    before = {url: _queries(client, url) for url in URLS}
    before["home section"] = _home_section_queries()
    taken = {AMSTERDAM, DIEMEN, DEN_HAAG}
    free = list(
        Municipality.objects.active().exclude(code__in=taken).values_list("code", flat=True)[:40]
    )
    _grow(free)
    after = {url: _queries(client, url) for url in URLS}
    after["home section"] = _home_section_queries()
    assert after == before
    assert before["/monitor/"] <= 12


def test_end_labels_of_the_chart_do_not_overlap():
    from ontmoetingen.monitor.charts import LABEL_GAP, _spread

    placed = _spread([300, 300, 301, 40, 299], LABEL_GAP, 16, 304)
    assert placed[3] == 40  # a label far from the others stays where its line ends
    ordered = sorted(placed)
    assert all(b - a >= LABEL_GAP for a, b in itertools.pairwise(ordered))
    assert max(placed) <= 304


def test_monitor_table_finds_den_haag_by_its_common_name(client, regions):
    html = client.get("/monitor/gemeenten/?q=den+haag").content.decode()
    assert "&#x27;s-Gravenhage" in html or "'s-Gravenhage" in html
    assert "1 gemeente." in html
