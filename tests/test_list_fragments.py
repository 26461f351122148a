"""The list pages reuse their filters and results as cached HTML (core/fragments.py), also with
the page cache off and for logged-in people: the next request after a change in an area shows
it, the number of queries does not grow with the data, and nobody sees another person's page.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions import services as coalition_services
from ontmoetingen.coalitions.models import CoalitionStatus
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.core import fragments
from ontmoetingen.directory.models import Organisation
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.events.models import Event
from ontmoetingen.events.tests.factories import EventFactory
from ontmoetingen.glossary.models import Term
from ontmoetingen.glossary.tests.factories import TermFactory
from ontmoetingen.regions.models import Municipality
from ontmoetingen.toolkit.models import Resource
from ontmoetingen.toolkit.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

LIST_PAGES = ["/coalities/", "/organisaties/", "/toolkit/", "/agenda/", "/begrippen/"]


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Every request renders (as for logged-in people): only the fragments are cached."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def committed(django_capture_on_commit_callbacks, regions):
    """Run the after-commit work of what the block wrote, as a real commit would (the test's
    transaction never commits): the areas get new versions and are no longer dirty."""
    # the municipalities of the regions fixture were loaded in this transaction too
    waiting, connection.run_on_commit = connection.run_on_commit, []
    for _, callback, _ in waiting:
        callback()
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _make(count: int, start: int = 0) -> None:
    codes = list(
        Municipality.objects.exclude(code="GM0363").order_by("code").values_list("code", flat=True)
    )
    for n in range(start, start + count):
        CoalitionFactory(name=f"Coalitie {n}", municipalities=[codes[n]])
        OrganisationFactory(name=f"Organisatie {n}")
        ResourceFactory(title=f"Hulpmiddel {n}")
        EventFactory(title=f"Bijeenkomst {n}")
        TermFactory(term=f"Begrip{n}")


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", [*LIST_PAGES, "/begrippen/begrip0/"])
def test_a_warm_page_reads_only_versions_and_fragments_whatever_the_data(client, committed, path):
    with committed():
        _make(2)
    client.get(path)  # renders and stores
    few = _queries(client, path)
    with committed():
        _make(8, start=2)
    client.get(path)  # the new versions: renders and stores again
    many = _queries(client, path)
    assert few == many == 2  # the area versions, then the fragments (one read for all)


@pytest.mark.parametrize("path", LIST_PAGES)
def test_a_cold_render_does_not_query_per_row(client, committed, settings, path):
    settings.FRAGMENT_CACHE_ENABLED = False
    with committed():
        _make(2)
    client.get(path)
    few = _queries(client, path)
    with committed():
        _make(8, start=2)
    client.get(path)
    assert _queries(client, path) == few


def test_fragments_off_and_on_give_the_same_page(client, committed, settings):
    with committed():
        _make(3)
    for path in [*LIST_PAGES, "/begrippen/begrip1/", "/coalities/?status=werkend&sorteer=naam"]:
        settings.FRAGMENT_CACHE_ENABLED = False
        fresh = client.get(path).content.decode()
        settings.FRAGMENT_CACHE_ENABLED = True
        client.get(path)
        cached = client.get(path).content.decode()
        assert _without_nonce(cached) == _without_nonce(fresh), path


def _without_nonce(html: str) -> str:
    return re.sub(r'nonce="[^"]*"', "", html)


def test_a_coalition_status_change_shows_on_the_next_list(client, committed):
    user = UserFactory()
    with committed():
        coalition = CoalitionFactory(name="Kansrijke Start Testdorp", municipalities=["GM0363"])
    path = "/coalities/?status=geborgd"
    client.get(path)
    assert "Testdorp" not in client.get(path).content.decode()
    with committed():
        coalition_services.coalition_change_status(
            coalition=coalition, status=CoalitionStatus.GEBORGD, actor=user
        )
    assert "Testdorp" in client.get(path).content.decode()


@pytest.mark.parametrize(
    ("path", "make", "change", "shown"),
    [
        (
            "/organisaties/",
            lambda: OrganisationFactory(name="Verloskundigenpraktijk Oud"),
            lambda: Organisation.objects.update(name="Verloskundigenpraktijk Nieuw"),
            "Verloskundigenpraktijk Nieuw",
        ),
        (
            "/toolkit/",
            lambda: ResourceFactory(title="Oude titel"),
            lambda: Resource.objects.update(title="Nieuwe titel van het hulpmiddel"),
            "Nieuwe titel van het hulpmiddel",
        ),
        (
            "/agenda/",
            lambda: EventFactory(title="Oude bijeenkomst"),
            lambda: Event.objects.update(title="Verplaatste bijeenkomst"),
            "Verplaatste bijeenkomst",
        ),
        (
            "/begrippen/",
            lambda: TermFactory(term="Oudbegrip"),
            lambda: Term.objects.update(term="Nieuwbegrip"),
            "Nieuwbegrip",
        ),
        (
            "/begrippen/oudbegrip/",
            lambda: TermFactory(term="Oudbegrip"),
            lambda: Term.objects.update(definition="Een geheel nieuwe uitleg."),
            "Een geheel nieuwe uitleg.",
        ),
    ],
)
def test_a_write_in_the_area_shows_on_the_next_request(
    client, committed, path, make, change, shown
):
    with committed():
        make()
    client.get(path)
    assert shown not in client.get(path).content.decode()
    with committed():
        change()
    assert shown in client.get(path).content.decode()


def test_a_write_not_yet_committed_is_seen_by_its_own_connection(client, committed):
    with committed():
        TermFactory(term="Eerstebegrip")
    client.get("/begrippen/")
    TermFactory(term="Tweedebegrip")  # no commit: the glossary is dirty for this connection
    assert "Tweedebegrip" in client.get("/begrippen/").content.decode()


def test_htmx_gets_the_same_results_as_the_full_page(client, committed):
    with committed():
        _make(3)
    for path, marker in [
        ("/coalities/", 'id="coalitie-resultaten"'),
        ("/organisaties/", 'id="organisatie-resultaten"'),
        ("/toolkit/", 'id="toolkit-resultaten"'),
        ("/agenda/", 'id="agenda-resultaten"'),
        ("/begrippen/", 'id="begrippen-resultaten"'),
    ]:
        partial = client.get(path, headers={"hx-request": "true"}).content.decode().strip()
        assert partial.startswith("<div " + marker) or marker in partial.split(">")[0]
        assert partial in client.get(path).content.decode()


def test_nobody_sees_what_was_rendered_for_someone_else(client, committed):
    with committed():
        _make(2)
        proposer = UserFactory(professional=True, full_name="Petra Voorsteller")
    client.force_login(proposer)
    own = client.get("/toolkit/").content.decode()
    assert "Zelf iets voorstellen" in own
    client.logout()
    other = client.get("/toolkit/").content.decode()
    assert "Zelf iets voorstellen" not in other
    assert "Log in om zelf iets voor te stellen" in other
    assert "Petra Voorsteller" not in other and proposer.email not in other
    # and the other way round: a page first rendered for a visitor, then for the proposer
    assert "Zelf iets voorstellen" in _as(client, proposer, "/toolkit/?soort=tool")
    assert "Zelf iets voorstellen" not in client.get("/toolkit/?soort=tool").content.decode()


def _as(client, user, path: str) -> str:
    client.get(path)  # stored while anonymous
    client.force_login(user)
    html = client.get(path).content.decode()
    client.logout()
    return html


def test_fragments_are_stored_under_the_versions_they_read(committed):
    calls = []

    def render() -> str:
        calls.append(1)
        return "<p>stuk</p>"

    with committed():
        TermFactory()
    first = fragments.cached_piece("test", areas=("glossary",), render=render)
    again = fragments.cached_piece("test", areas=("glossary",), render=render)
    other_query = fragments.cached_piece("test", areas=("glossary",), render=render, vary=("q",))
    assert first == again == other_query == "<p>stuk</p>"
    assert len(calls) == 2  # the repeat came from the cache; another query string renders
    with committed():
        Term.objects.update(source="Nieuwe bron")
    fragments.cached_piece("test", areas=("glossary",), render=render)
    assert len(calls) == 3
