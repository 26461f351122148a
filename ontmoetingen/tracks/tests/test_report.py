"""The progress report: its figures equal the platform's own pages for the same period, the
PDF renders (pdftotext finds the headline figures) and the XLSX holds the tables."""

import re
import shutil
import subprocess
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory
from ontmoetingen.tracks.tests.factories import ActionFactory, VisitFactory

pytestmark = pytest.mark.django_db


def _figure(html: str, name: str) -> str:
    return re.search(rf'data-figure="{name}">([^<]+)<', html).group(1)


def _key_figures(html: str) -> list[str]:
    return re.findall(r'class="key-figure__value"[^>]*>([^<]+)<', html)


@pytest.fixture
def data(regions):
    CoalitionFactory(municipalities=["GM0363"])
    with_birth_care = CoalitionFactory(municipalities=["GM0344"], working=True)
    MembershipFactory(coalition=with_birth_care, organisation=OrganisationFactory(birth_care=True))
    start = timezone.now() - timedelta(days=5)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    for code, domain in (("GM0363", "sociaal"), ("GM0344", "geboortezorg"), ("GM0599", "jgz")):
        RegistrationFactory(
            event=event,
            work_municipality_id=code,
            domain=domain,
            checked_in_at=start,
            organisation=f"Organisatie {code}",
        )
    visit = VisitFactory(visited=True, title="Regiotour Utrecht-West")
    ActionFactory(visit=visit, overdue=True, owner_coalition=with_birth_care)


PERIOD = "?van={}&tot={}"


def test_report_figures_equal_the_pages(data, client):
    client.force_login(UserFactory(project_team=True))
    today = timezone.localdate()
    start = today - timedelta(days=60)
    query = PERIOD.format(start.isoformat(), today.isoformat())
    report = client.get(f"/beheer/rapportage/{query}").content.decode()
    reach_page = client.get(f"/monitor/bereik/{query}").content.decode()
    for name in (
        "events",
        "attended",
        "municipalities",
        "coalitions",
        "organisations",
        "white-spots",
    ):
        assert _figure(report, name) == _figure(reach_page, name), name
    assert _figure(report, "attended") == "3"
    monitor_page = client.get(f"/monitor/?peildatum={today.isoformat()}").content.decode()
    monitor_figures = _key_figures(monitor_page)
    assert _figure(report, "coalitions-end") == monitor_figures[0] == "2"
    assert _figure(report, "birth-care-end") == monitor_figures[1] == "50%"
    assert "Regiotour Utrecht-West" in report
    assert _figure(report, "overdue") == "1"


def test_report_at_an_earlier_end_date_matches_the_monitor_then(data, client):
    client.force_login(UserFactory(project_team=True))
    end = date(2019, 6, 30)
    report = client.get(f"/beheer/rapportage/{PERIOD.format('2019-01-01', end)}").content.decode()
    monitor_page = client.get(f"/monitor/?peildatum={end.isoformat()}").content.decode()
    assert _figure(report, "coalitions-end") == _key_figures(monitor_page)[0] == "0"
    assert _figure(report, "attended") == "0"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_renders_with_the_headline_figures(data, client, tmp_path):
    client.force_login(UserFactory(project_team=True))
    response = client.get("/beheer/rapportage/rapport.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Voortgangsrapportage" in text
    assert "bijeenkomsten gehouden" in text
    assert "Regiotour Utrecht-West" in text
    assert "bijeenkomsten gehouden, 3 keer was" in text
    assert "lokale coalities op" in text


def test_xlsx_has_the_underlying_tables(data, client):
    client.force_login(UserFactory(project_team=True))
    response = client.get("/beheer/rapportage/rapport.xlsx")
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == [
        "Monitor",
        "Bijeenkomsten",
        "Bereik",
        "Regiotour",
        "Vervolgacties",
        "Toolkit",
        "Vragen",
    ]
    reach = {row[0]: row[1] for row in workbook["Bereik"].iter_rows(min_row=2, values_only=True)}
    assert reach["aanwezig"] == 3 and reach["gemeenten bereikt"] == 3


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        ("professional", 403),
        ("coordinator", 403),
        ("partner", 403),
        ("project_team", 200),
    ],
)
@pytest.mark.parametrize(
    "url",
    ["/beheer/rapportage/", "/beheer/rapportage/rapport.xlsx", "/beheer/rapportage/rapport.pdf"],
)
def test_who_may_see_the_report(regions, client, role, expected, url):
    if role:
        client.force_login(UserFactory(**{role: True}))
    assert client.get(url).status_code == expected
