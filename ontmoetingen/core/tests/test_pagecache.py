"""The full-page cache for anonymous visitors (core/pagecache.py) and the data versions behind it
(core/versions.py)."""

import gzip
import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions import services as coalition_services
from ontmoetingen.coalitions.models import Coalition, CoalitionStatus
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.core import pagecache, versions

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'nonce="([^"]+)"')


def _nonces(response) -> set[str]:
    return set(NONCE.findall(response.content.decode()))


def _policy_nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the after-commit work of what the block wrote (the test's transaction never commits),
    as a real commit would: the areas get new versions and are no longer dirty."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _run_after_commit_work() -> None:
    """What a commit would do now: run the waiting on_commit callbacks (the regions fixture
    loads the municipalities inside the test's transaction)."""
    waiting, connection.run_on_commit = connection.run_on_commit, []
    for _, callback, _ in waiting:
        callback()


@pytest.fixture
def coalition(regions, committed):
    with committed():
        made = CoalitionFactory(name="Kansrijke Start Testdorp", municipalities=["GM0363"])
    _run_after_commit_work()
    return made


def test_second_anonymous_request_comes_from_the_cache_with_caching_headers(client, coalition):
    first = client.get("/coalities/")
    second = client.get("/coalities/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert "Kansrijke Start Testdorp" in second.content.decode()
    assert second["ETag"] == first["ETag"] and second["ETag"].startswith('W/"')
    assert "public" in second["Cache-Control"] and "must-revalidate" in second["Cache-Control"]
    assert "Last-Modified" in second
    assert "Cookie" in second["Vary"]


def test_a_status_change_through_the_service_shows_on_the_next_request(
    client, coalition, user, committed
):
    pages = {"/monitor/": "Amsterdam: geborgd", "/coalities/?status=geborgd": "Testdorp"}
    for path, shown in pages.items():
        client.get(path)
        cached = client.get(path)
        assert cached["X-Page-Cache"] == "hit"
        assert shown not in cached.content.decode()
    with committed():
        coalition_services.coalition_change_status(
            coalition=coalition, status=CoalitionStatus.GEBORGD, actor=user
        )
    for path, shown in pages.items():
        response = client.get(path)
        assert response.get("X-Page-Cache") == "miss"
        assert shown in response.content.decode()


def test_a_write_outside_any_service_is_noticed_too(client, coalition):
    client.get("/coalities/")
    before = versions.current(["coalitions"])["coalitions"]
    Coalition.objects.filter(pk=coalition.pk).update(name="Hernoemd via update")
    assert versions.is_dirty(["coalitions"])  # the test's transaction has not committed
    assert "Hernoemd via update" in client.get("/coalities/").content.decode()
    # other areas stay cached
    client.get("/begrippen/")
    assert client.get("/begrippen/")["X-Page-Cache"] == "hit"
    assert versions.current(["coalitions"])["coalitions"] == before  # bumped only on commit


def test_the_version_changes_after_commit_once_per_transaction(
    coalition, django_capture_on_commit_callbacks
):
    before = versions.current(["coalitions"])["coalitions"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        coalition.name = "Eén"
        coalition.save()
        Coalition.objects.filter(pk=coalition.pk).update(name="Twee")
    assert len(callbacks) == 1
    assert versions.current(["coalitions"])["coalitions"] != before


def test_304_when_the_browser_has_the_current_version(client, coalition, committed):
    etag = client.get("/monitor/")["ETag"]
    response = client.get("/monitor/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    with committed():
        coalition.name = "Anders"
        coalition.save()
    assert client.get("/monitor/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_each_cached_response_gets_its_own_nonce_matching_its_header(client, coalition):
    client.get("/monitor/")
    one, two = client.get("/monitor/"), client.get("/monitor/")
    assert one["X-Page-Cache"] == two["X-Page-Cache"] == "hit"
    assert _nonces(one) and _nonces(two)
    assert _nonces(one) == {_policy_nonce(one)}
    assert _nonces(two) == {_policy_nonce(two)}
    assert _policy_nonce(one) != _policy_nonce(two)
    assert pagecache.NONCE_PLACEHOLDER not in one.content.decode()


def test_logged_in_people_and_htmx_requests_bypass_the_cache(client, coalition, user):
    client.get("/coalities/")
    assert client.get("/coalities/", HTTP_HX_REQUEST="true").get("X-Page-Cache") is None
    client.force_login(user)
    response = client.get("/coalities/")
    assert response.get("X-Page-Cache") is None
    assert "no-store" in response["Cache-Control"]


def test_pages_with_a_csrf_token_or_a_message_are_not_stored(client, regions):
    client.get("/vragen/nieuw/")
    assert client.get("/vragen/nieuw/").get("X-Page-Cache") is None  # not in the list anyway
    client.cookies["messages"] = "x"
    assert client.get("/begrippen/").get("X-Page-Cache") is None


def test_a_form_page_in_the_list_is_not_stored(client, rf, coalition):
    request = rf.get("/coalities/")
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    response = client.get("/coalities/")
    assert not pagecache._storable(request, response)


def test_cache_can_be_switched_off(client, coalition, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/coalities/")
    assert client.get("/coalities/").get("X-Page-Cache") is None


def test_responses_are_compressed(client, coalition):
    response = client.get("/monitor/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_a_cached_page_is_served_compressed_with_a_fresh_nonce(client, coalition):
    plain = client.get("/monitor/")
    first = client.get("/monitor/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    second = client.get("/monitor/", HTTP_ACCEPT_ENCODING="gzip")
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "hit"
    assert first["Content-Encoding"] == "gzip" and "Accept-Encoding" in first["Vary"]
    html = [gzip.decompress(r.content).decode() for r in (first, second)]
    assert NONCE.findall(html[0]) and set(NONCE.findall(html[0])) == {_policy_nonce(first)}
    assert set(NONCE.findall(html[1])) == {_policy_nonce(second)} != {_policy_nonce(first)}
    # the same page as the uncompressed one, apart from the nonce
    assert NONCE.sub("", html[0]) == NONCE.sub("", plain.content.decode())
    assert int(first["Content-Length"]) == len(first.content) < len(plain.content) // 3


def test_other_processes_serve_the_stored_page_from_the_shared_cache(client, coalition):
    client.get("/monitor/")
    pagecache.memo.clear()  # another app server, or a restarted one
    response = client.get("/monitor/")
    assert response["X-Page-Cache"] == "hit"
    assert set(NONCE.findall(response.content.decode())) == {_policy_nonce(response)}


PER_RESPONSE = {"Content-Security-Policy", "X-Request-ID", "X-Page-Cache", "Content-Length"}


def _headers(response) -> dict:
    return {
        name: ", ".join(sorted(v.strip() for v in value.split(","))) if name == "Vary" else value
        for name, value in response.items()
        if name not in PER_RESPONSE
    }


def test_the_early_hit_skips_the_stack_but_answers_with_the_same_headers(
    client, coalition, monkeypatch
):
    miss = client.get("/monitor/")
    pagecache.memo.clear()
    late = client.get("/monitor/")  # from the shared cache, through every middleware
    calls = []
    monkeypatch.setattr(pagecache.PageCacheMiddleware, "process_view", lambda *a: calls.append(a))
    early = client.get("/monitor/")
    assert not calls  # answered before the view middleware ran
    assert miss["X-Page-Cache"] == "miss" and late["X-Page-Cache"] == early["X-Page-Cache"] == "hit"
    assert _headers(early) == _headers(late) == _headers(miss)
    assert early["X-Frame-Options"] == "DENY" and "Accept-Language" in early["Vary"]
    assert int(early["Content-Length"]) == len(early.content)
    assert set(NONCE.findall(early.content.decode())) == {_policy_nonce(early)}
    gzipped = client.get("/monitor/", HTTP_ACCEPT_ENCODING="gzip")
    assert gzipped["Content-Encoding"] == "gzip" and not calls
    not_modified = client.get("/monitor/", HTTP_IF_NONE_MATCH=early["ETag"])
    assert not_modified.status_code == 304 and not_modified["X-Frame-Options"] == "DENY"


def test_the_early_hit_leaves_logged_in_people_and_other_pages_alone(client, coalition, user):
    client.get("/monitor/")
    client.get("/monitor/")
    client.force_login(user)
    response = client.get("/monitor/")
    assert response.get("X-Page-Cache") is None and "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get("/bestaat-niet/").status_code == 404


def test_rolled_back_writes_leave_no_dirty_mark():
    with transaction.atomic():
        versions.bump("coalitions")
        assert versions.is_dirty(["coalitions"])
        with pytest.raises(RuntimeError), transaction.atomic():
            versions.bump("toolkit")
            assert versions.is_dirty(["toolkit"])
            raise RuntimeError
        assert not versions.is_dirty(["toolkit"])
        assert versions.is_dirty(["coalitions"])
    assert connection.in_atomic_block  # the test's own transaction


def test_versions_survive_and_change_in_the_shared_cache():
    first = versions.current(["toolkit"])
    assert cache.get(versions.KEY_PREFIX + "toolkit") == first["toolkit"]
    versions._write(("toolkit",))
    assert versions.current(["toolkit"]) != first


def test_the_database_cache_writes_many_keys_in_one_statement_and_overwrites():
    statements = []

    def watch(execute, sql, params, many, context):
        statements.append(sql.split()[0].upper())
        return execute(sql, params, many, context)

    cache.set("a", 1)
    with connection.execute_wrapper(watch):
        cache.set_many({"a": {"x": 2}, "b": [3]}, timeout=60)
        assert statements == ["SELECT", "INSERT"]  # the count for culling, one upsert
        cache.set_many({"c": 4}, timeout=None)
        assert statements[2:] == ["INSERT"]  # kept for good (a version): never culled
    assert cache.get_many(["a", "b"]) == {"a": {"x": 2}, "b": [3]}
    cache.set("b", "c", timeout=-1)  # expired at once
    assert cache.get("b") is None


def test_bookkeeping_writes_leave_the_pages_of_their_area_cached():
    """Heartbeats, delivered mail, scheduler rounds and abuse counters are in core's tables but
    on no page: writing them must not make every page that reads core (themes) stale."""
    from django.utils import timezone

    from ontmoetingen.core import ratelimit, workers
    from ontmoetingen.core.models import PeriodicRun, Theme

    with transaction.atomic():
        workers.heartbeat(worker_id="w-1")
        PeriodicRun.objects.create(task_path="x.y", period_start=timezone.now())
        ratelimit.enforce(("registration_address", "203.0.113.5"))
        assert not versions.is_dirty(["core"])
        Theme.objects.create(name="Voorbeeldthema", slug="voorbeeldthema")
        assert versions.is_dirty(["core"])


@pytest.mark.django_db(transaction=True)
def test_a_login_leaves_the_pages_that_count_people_cached(client):
    """Django writes last_login at every login: that UPDATE alone changes no page."""
    user = UserFactory()
    before = versions.current(["accounts"])
    client.force_login(user)
    user.refresh_from_db()
    assert user.last_login is not None  # it was written
    assert versions.current(["accounts"]) == before
    user.full_name = "Nieuwe naam"
    user.save(update_fields=["full_name", "last_login"])
    assert versions.current(["accounts"]) != before
