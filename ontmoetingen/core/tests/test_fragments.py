"""Fragments cached under data versions (core/fragments.py): the heavy parts of the monitor, the
municipality pages and the home page, for every visitor and with the page cache off."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions import services as coalition_services
from ontmoetingen.coalitions.models import Coalition, CoalitionStatus
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.core import fragments, pagecache

pytestmark = pytest.mark.django_db

PAGES = ("/", "/monitor/", "/gemeenten/", "/gemeenten/GM0363/")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _run_after_commit_work() -> None:
    waiting, connection.run_on_commit = connection.run_on_commit, []
    for _, callback, _ in waiting:
        callback()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def coalition(regions, committed):
    with committed():
        made = CoalitionFactory(name="Kansrijke Start Testdorp", municipalities=["GM0363"])
    _run_after_commit_work()
    return made


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def _plain(pages: dict) -> dict:
    return {path: re.sub(r'nonce="[^"]+"', "", html) for path, html in pages.items()}


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page_cache", [True, False])
def test_a_status_change_shows_on_the_next_request_with_both_caches(
    client, coalition, committed, settings, page_cache
):
    settings.PAGE_CACHE_ENABLED = page_cache
    shown = {
        "/monitor/": "Amsterdam: geborgd",
        "/gemeenten/GM0363/": "geborgd",
        "/": "Geborgd: 1 gemeenten.",
    }
    for path, text in shown.items():
        client.get(path)
        assert text not in client.get(path).content.decode()
    with committed():
        coalition_services.coalition_change_status(
            coalition=coalition, status=CoalitionStatus.GEBORGD, actor=UserFactory()
        )
    for path, text in shown.items():
        assert text in client.get(path).content.decode(), path


def test_a_rename_outside_any_service_shows_on_the_municipality_page(
    client, coalition, committed, no_page_cache
):
    client.get("/gemeenten/GM0363/")
    with committed():
        Coalition.objects.filter(pk=coalition.pk).update(name="Hernoemd via update")
    assert "Hernoemd via update" in client.get("/gemeenten/GM0363/").content.decode()


def test_fragments_are_rendered_once_and_assembled_per_request(
    client, coalition, no_page_cache, monkeypatch
):
    for path in PAGES:
        client.get(path)
    rendered = []
    monkeypatch.setattr(fragments, "mark_safe", lambda html: rendered.append(html) or html)
    first = {path: client.get(path).content.decode() for path in PAGES}
    fragments.memo.clear()  # another process reads them from the shared cache
    second = {path: client.get(path).content.decode() for path in PAGES}
    assert _plain(first) == _plain(second)
    assert len(rendered) == 2 * len(PAGES)


def test_logged_in_pages_share_the_fragment_but_keep_their_own_menu_and_token(
    client, coalition, no_page_cache
):
    anonymous = client.get("/gemeenten/GM0363/").content.decode()
    tokens = []
    for user in (UserFactory(), UserFactory(project_team=True)):
        client.force_login(user)
        html = client.get("/gemeenten/GM0363/").content.decode()
        assert "Uitloggen" in html and "Uitloggen" not in anonymous
        tokens += TOKEN.findall(html)
        client.logout()
    assert len(tokens) == 2 and tokens[0] != tokens[1]
    assert ("/beheer/" in html) and ("/beheer/" not in anonymous)


def test_the_outreach_link_depends_on_the_role_not_on_the_cached_copy(client, coalition):
    client.get("/monitor/")
    client.force_login(UserFactory(project_team=True))
    assert "/monitor/outreach/" in client.get("/monitor/").content.decode()
    client.force_login(UserFactory())
    assert "/monitor/outreach/" not in client.get("/monitor/").content.decode()


def test_home_links_differ_for_logged_in_people(client, coalition, no_page_cache):
    client.get("/")
    assert "Inloggen als coördinator" in client.get("/").content.decode()
    client.force_login(UserFactory())
    assert "Naar mijn pagina" in client.get("/").content.decode()


def test_the_search_text_and_the_htmx_answer_have_their_own_fragments(
    client, coalition, no_page_cache
):
    full = client.get("/gemeenten/?q=amster").content.decode()
    partial = client.get("/gemeenten/?q=amster", HTTP_HX_REQUEST="true").content.decode()
    other = client.get("/gemeenten/?q=zwolle").content.decode()
    assert "<h1>Gemeenten</h1>" in full and "<h1>" not in partial
    assert "Amsterdam" in partial and "Amsterdam" not in other.split("gemeenten-resultaten")[1]


def test_unknown_municipality_is_404(client, regions, no_page_cache):
    assert client.get("/gemeenten/GM9999/").status_code == 404
    assert client.get("/gemeenten/gm0363/").status_code == 200


def test_a_fragment_with_a_token_or_the_nonce_is_never_shared(rf):
    request = rf.get("/")
    calls = []

    def render():
        calls.append(1)
        return '<input name="csrfmiddlewaretoken" value="x">'

    for _ in range(2):
        fragments.cached_html(request, render=render, name="core:home", areas=("core",))
    assert len(calls) == 2
    request._csp_nonce = "abc123nonce"
    calls.clear()
    for _ in range(2):
        fragments.cached_html(
            request, render=lambda: calls.append(1) or "abc123nonce", name="x", areas=("core",)
        )
    assert len(calls) == 2


def test_fragment_cache_can_be_switched_off(client, coalition, settings, monkeypatch):
    settings.FRAGMENT_CACHE_ENABLED = False
    settings.PAGE_CACHE_ENABLED = False
    stored = []
    monkeypatch.setattr(fragments.memo, "set", lambda *args: stored.append(args))
    client.get("/monitor/")
    client.get("/monitor/")
    assert not stored


# --- a fixed number of queries once the fragments are cached ----------------------------------


def _grow() -> None:
    from ontmoetingen.regions.models import Municipality

    codes = Municipality.objects.active().exclude(code="GM0363").values_list("code", flat=True)
    for code in list(codes)[:30]:
        CoalitionFactory(municipalities=[code])


@pytest.mark.parametrize("logged_in", [False, True])
def test_queries_of_cached_renders_are_few_and_do_not_grow(
    client, coalition, committed, no_page_cache, logged_in
):
    if logged_in:
        with committed():  # the login writes (last login): as in a real earlier request
            client.force_login(UserFactory())
    for path in PAGES:
        client.get(path)
    before = {path: _queries(client, path) for path in PAGES}
    with committed():
        _grow()
    for path in PAGES:
        client.get(path)  # renders the fragments anew once
    after = {path: _queries(client, path) for path in PAGES}
    assert after == before
    # the versions: one cache read (a municipality's name comes from a value kept under the
    # same versions); logged in also the session, the user and the user's second factor
    assert before == dict.fromkeys(PAGES, 4 if logged_in else 1)


def test_the_page_cache_hit_needs_one_query(client, coalition):
    for path in PAGES:
        client.get(path)
    assert {path: _queries(client, path) for path in PAGES} == dict.fromkeys(PAGES, 1)
    assert pagecache.memo.get  # served from this process's memo, no page read
