"""The limit on mails to one e-mail address counts registrations that were made, nothing else.

It is read before the attempt (``refuse_if_spent``, which counts nothing) and counted after a
registration was made, so an attempt that does not lead to one (a duplicate, a closed event, a
refusal by another limit) uses up nothing: someone who clicks "Aanmelden" five times is not
locked out, and simultaneous duplicates all get the "al aangemeld" answer
(tests/concurrency/test_registration_rush.py).
"""

import pytest
from django.urls import reverse

from ontmoetingen.core import ratelimit
from ontmoetingen.events.models import EventStatus, Registration
from ontmoetingen.events.tests.factories import EventFactory

from .test_floods import registration

pytestmark = pytest.mark.django_db

EMAIL = "vera@voorbeeld.nl"


def _post(client_from, event, n: int = 1):
    url = reverse("events:register", args=[event.slug])
    return client_from(f"192.0.2.{n}").post(url, registration(EMAIL))


def test_duplicates_and_closed_events_use_up_nothing(client_from, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "registration_email": (2, 3600)}
    first, second, third = EventFactory(), EventFactory(), EventFactory()
    closed = EventFactory(status=EventStatus.CANCELLED)
    assert _post(client_from, first).status_code == 302
    for n in range(5):  # the same address again and again: the duplicate message each time
        response = _post(client_from, first, n + 2)
        assert response.status_code == 200
        assert "al aangemeld" in response.content.decode()
    assert _post(client_from, closed, 9).status_code == 200  # closed: nothing registered
    assert ratelimit.counted("registration_email", EMAIL) == 1
    assert _post(client_from, second, 10).status_code == 302  # the second of two
    assert _post(client_from, third, 11).status_code == 429  # now the limit is reached
    assert ratelimit.counted("registration_email", EMAIL) == 2  # the refusal counted nothing
    assert Registration.objects.filter(email=EMAIL).count() == 2


def test_a_refusal_by_the_address_limit_gives_the_mail_count_back(client_from, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "registration_event_address": (1, 600)}
    event = EventFactory()
    url = reverse("events:register", args=[event.slug])
    assert (
        client_from("198.51.100.7").post(url, registration("een@voorbeeld.nl")).status_code == 302
    )
    assert client_from("198.51.100.7").post(url, registration(EMAIL)).status_code == 429
    assert ratelimit.counted("registration_email", EMAIL) == 0
    assert ratelimit.counted("registration_event_address", f"{event.pk}:198.51.100.7") == 2


def test_refuse_if_spent_counts_nothing_and_refuses_only_a_spent_limit(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "registration_email": (2, 3600)}
    for _ in range(3):  # reading never counts
        ratelimit.refuse_if_spent("registration_email", EMAIL)
    assert ratelimit.counted("registration_email", EMAIL) == 0
    ratelimit.attempt("registration_email", EMAIL)
    ratelimit.refuse_if_spent("registration_email", EMAIL)  # one of two: passes
    ratelimit.attempt("registration_email", EMAIL)
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.refuse_if_spent("registration_email", EMAIL)
    assert refused.value.rule == "registration_email"
    assert refused.value.retry_after > 0
    assert ratelimit.counted("registration_email", EMAIL) == 2
    ratelimit.refuse_if_spent("registration_email", "")  # no address: nothing to check
