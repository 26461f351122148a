"""Conditional GETs: ETag, 304 on If-None-Match, Cache-Control for anonymous and token reads."""

import pytest

from ontmoetingen.glossary.tests.factories import TermFactory

pytestmark = pytest.mark.django_db


def test_etag_and_304_until_the_data_changes(client, regions):
    first = client.get("/api/v1/glossary")
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and first["Cache-Control"] == "public, max-age=60"
    again = client.get("/api/v1/glossary", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    weak = client.get("/api/v1/glossary", HTTP_IF_NONE_MATCH=f'"other", W/{etag}')
    assert weak.status_code == 304
    TermFactory(term="Kraamzorg")
    changed = client.get("/api/v1/glossary", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["count"] == 1


def test_other_pages_and_filters_have_their_own_etag(client, regions):
    one = client.get("/api/v1/municipalities", {"limit": 1})
    two = client.get("/api/v1/municipalities", {"limit": 1, "offset": 1})
    assert one["ETag"] != two["ETag"]
    assert (
        client.get(
            "/api/v1/municipalities", {"limit": 1, "offset": 1}, HTTP_IF_NONE_MATCH=one["ETag"]
        ).status_code
        == 200
    )


def test_errors_carry_no_etag(client, db):
    response = client.get("/api/v1/glossary/onbekend")
    assert response.status_code == 404 and not response.has_header("ETag")
    assert response.json()["detail"] == "Niet gevonden."


def test_reads_with_a_token_are_private(client, make_token, bearer, regions):
    _, secret = make_token(role="partner")
    response = client.get("/api/v1/provinces", **bearer(secret))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert (
        client.get(
            "/api/v1/provinces", HTTP_IF_NONE_MATCH=response["ETag"], **bearer(secret)
        ).status_code
        == 304
    )


def test_cache_age_is_configurable(client, settings, db):
    settings.API_CACHE_MAX_AGE = 300
    assert client.get("/api/v1/glossary")["Cache-Control"] == "public, max-age=300"
