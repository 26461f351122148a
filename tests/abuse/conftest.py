"""Replays of the abuse cases of issue 16 over HTTP, directly and behind one trusted proxy.

``via`` is parametrised: ``direct`` (the client connects itself, TRUSTED_PROXY_COUNT=0) and
``proxy`` (everyone connects from the load balancer's address; the real client address is the
last X-Forwarded-For entry, TRUSTED_PROXY_COUNT=1). ``client_from(ip)`` returns a test client
whose requests come from that real client address either way.
"""

import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client

from ontmoetingen.core import ratelimit

PROXY_ADDRESS = "10.0.0.2"


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Counters start at zero (the database cache is not emptied between transactional tests)."""
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    request.getfixturevalue("db")
    cache.clear()
    ratelimit.forget_all()
    yield
    cache.clear()
    ratelimit.forget_all()


@pytest.fixture(autouse=True)
def _one_rate_window(monkeypatch):
    """The limits count in fixed windows (ten minutes, an hour, a day): a test that counts up
    to a ceiling and happened to run across the end of a window got a fresh count halfway
    (118 of 100 let through at 07:00). The clock the limits read stands still in a test."""
    now = time.time()
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture(params=["direct", "proxy"])
def via(request, settings):
    settings.TRUSTED_PROXY_COUNT = 0 if request.param == "direct" else 1
    return request.param


@pytest.fixture
def client_from(via):
    def make(ip: str) -> Client:
        if via == "direct":
            return Client(REMOTE_ADDR=ip)
        # a client may send its own X-Forwarded-For; the proxy appends the real address
        return Client(REMOTE_ADDR=PROXY_ADDRESS, HTTP_X_FORWARDED_FOR=f"6.6.6.6, {ip}")

    return make
