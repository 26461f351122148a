import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ontmoetingen.core.models import Theme
from ontmoetingen.questions import insight
from ontmoetingen.questions.tests.factories import ProposalFactory, QuestionFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(place, theme):
    now = timezone.now()
    other = Theme.objects.get_or_create(
        slug="armoede-en-geldzorgen", defaults={"name": "Armoede en geldzorgen"}
    )[0]
    QuestionFactory.create_batch(2, theme=theme, municipality=place, domain="jgz")
    QuestionFactory(theme=other, domain="sociaal", created_at=now - timedelta(days=200))
    QuestionFactory(
        theme=theme,
        status="answered",
        answer="a",
        created_at=now - timedelta(days=10),
        answered_at=now - timedelta(days=6),
    )
    QuestionFactory(
        theme=theme,
        status="answered",
        answer="a",
        created_at=now - timedelta(days=30),
        answered_at=now - timedelta(days=28),
    )
    QuestionFactory(created_at=now - timedelta(days=100))  # open for >3 months
    proposal = ProposalFactory(theme=theme, municipality=place, domain="jgz")
    VoteFactory.create_batch(3, proposal=proposal)
    return {"theme": theme, "other": other}


def test_rows_count_by_month_theme_domain_province(figures, place):
    rows = insight.signal_rows(insight.SignalFilters(months=12))
    this_month = timezone.localdate().replace(day=1)
    match = [
        r
        for r in rows
        if r["month"] == this_month
        and r["theme"] == figures["theme"].name
        and r["domain"] == "jeugdgezondheidszorg (JGZ)"
        and r["province"] == place.province.name
    ]
    assert len(match) == 1
    assert match[0]["questions"] == 2 and match[0]["proposals"] == 1
    assert sum(r["questions"] for r in rows) == 6
    filtered = insight.signal_rows(insight.SignalFilters(months=12, province=place.province.code))
    assert sum(r["questions"] for r in filtered) == 2
    recent = insight.signal_rows(insight.SignalFilters(months=3))
    assert sum(r["questions"] for r in recent) == 4  # those of 100 and 200 days ago are left out


def test_top_themes_open_by_age_and_median(figures):
    top = insight.top_themes()
    assert top[0]["theme"] == figures["theme"]
    assert top[0]["questions"] == 4 and top[0]["proposals"] == 1 and top[0]["votes"] == 3
    assert figures["other"] not in [row["theme"] for row in top]  # older than 90 days
    buckets = {b["label"]: b["count"] for b in insight.open_by_age()}
    assert buckets["minder dan een week"] == 2
    assert buckets["langer dan 3 maanden"] == 2  # 100 and 200 days old, still new
    assert buckets["1 tot 3 maanden"] == 0  # the one of 30 days was answered
    times = insight.answer_times()
    assert times["count"] == 2 and times["median"] == 3.0


def test_signal_page_and_csv(client, team, figures, place):
    client.force_login(team)
    html = client.get("/monitor/signalen/").content.decode()
    assert "Signalen uit het veld" in html and figures["theme"].name in html
    assert "3.0 dagen" in html or "3,0 dagen" in html
    response = client.get(f"/monitor/signalen.csv?provincie={place.province.code}")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Maand", "Thema", "Domein", "Provincie", "Vragen", "Themavoorstellen"]
    assert rows[1][1:] == [figures["theme"].name, "jeugdgezondheidszorg (JGZ)", "Utrecht", "2", "1"]
    assert len(rows) == 2


def test_signal_page_empty_state(client, team):
    client.force_login(team)
    html = client.get("/monitor/signalen/").content.decode()
    assert "Geen signalen" in html and "Nog geen beantwoorde vragen" in html


def test_signal_page_queries_are_constant(client, team, figures, place, theme):
    client.force_login(team)
    client.get("/monitor/signalen/")
    with CaptureQueriesContext(connection) as few:
        client.get("/monitor/signalen/")
    for days in range(0, 300, 20):
        QuestionFactory(
            theme=theme, municipality=place, created_at=timezone.now() - timedelta(days=days)
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/monitor/signalen/")
    assert len(few) == len(many)


def _triage_links(html: str) -> list[str]:
    import re

    return [
        link.replace("&amp;", "&") for link in re.findall(r'href="(/beheer/vragen/\?[^"]+)"', html)
    ]


def test_chart_of_themes_over_time_with_a_table(client, team, figures):
    """Issue 12 #7: a chart of themes over time, with the numbers as a table."""
    client.force_login(team)
    html = client.get("/monitor/signalen/").content.decode()
    assert 'class="trend__chart"' in html and "<rect " in html
    assert "Vragen per thema per maand (de cijfers bij de grafiek)" in html
    trends = insight.theme_trends(insight.SignalFilters(months=12))
    assert len(trends["months"]) == 12
    by_label = {row["label"]: row for row in trends["series"]}
    assert by_label[figures["theme"].name]["total"] == 4
    assert by_label[figures["other"].name]["total"] == 1
    assert by_label["geen thema"]["total"] == 1
    # this month: the two new questions about the theme
    assert by_label[figures["theme"].name]["counts"][-1] == 2


def test_every_figure_links_to_the_questions_behind_it(client, team, figures, place):
    client.force_login(team)
    html = client.get("/monitor/signalen/").content.decode()
    links = _triage_links(html)
    month = timezone.localdate().strftime("%Y-%m")
    theme = figures["theme"].slug
    assert f"/beheer/vragen/?thema={theme}&maand={month}" in links  # a bar / table cell
    assert "/beheer/vragen/?ouderdom=ouder" in links  # open questions waiting > 3 months
    assert f"/beheer/vragen/?thema={theme}&sinds=90" in links  # top themes
    assert any(link.startswith("/beheer/vragen/?beantwoord=") for link in links)  # answer time
    # and each link shows exactly the questions counted
    for link, expected in [
        (f"/beheer/vragen/?theme={theme}&month={month}", 2),
        ("/beheer/vragen/?age=ouder", 2),  # 100 and 200 days old
        (f"/beheer/vragen/?theme={theme}&since=90", 4),
        ("/beheer/vragen/?theme=geen", 1),
        # the Dutch names of the links and the English ones of older links find the same
        (f"/beheer/vragen/?thema={theme}&maand={month}", 2),
        (
            f"/beheer/vragen/?maand={month}&thema={theme}&domein=jgz&provincie={place.province.code}",
            2,
        ),
        (
            f"/beheer/vragen/?month={month}&theme={theme}&domain=jgz&province={place.province.code}",
            2,
        ),
    ]:
        page = client.get(link).content.decode()
        assert f"<caption>{expected} vra" in page, link
        assert "Alle periodes tonen" in page or "theme=geen" in link, link


def test_triage_keeps_the_period_when_filtering_further(client, team, figures):
    client.force_login(team)
    month = timezone.localdate().strftime("%Y-%m")
    html = client.get(f"/beheer/vragen/?month={month}").content.decode()
    assert f'<input type="hidden" name="maand" value="{month}">' in html
    assert "Alleen vragen ontvangen in" in html
