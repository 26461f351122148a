"""Correct under a rush: real concurrent HTTP clients against the threaded live server, on
whichever database DATABASE_URL selects (SQLite by default, PostgreSQL in CI's second run).

Arrival order is the order in which registrations got the event lock; the primary key is
assigned inside that lock, so "in arrival order" means: the first ``capacity`` rows by primary
key are the confirmed ones, and the waiting list follows the primary key.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from ontmoetingen.events import selectors, services, tokens
from ontmoetingen.events.models import Event, Registration, RegistrationStatus
from ontmoetingen.events.tests.factories import EventFactory
from tests.concurrency.harness import Rush, registration_data

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

CLIENTS = 24
SEATS = 8
IS_SQLITE = connection.vendor == "sqlite"


def register_path(event: Event) -> str:
    return f"/agenda/{event.slug}/aanmelden/"


def rush_register(live_server, event: Event, n: int, *, email=None) -> list:
    path = register_path(event)

    def prepare(client, i):
        return path, registration_data(client.form_token(path), i, email=email)

    return Rush(live_server.url, n).run(prepare)


def violations(event: Event, results, *, n: int, capacity: int) -> list[str]:
    """Everything that breaks the rush invariant (empty when all is well)."""
    found = []
    failed = [r for r in results if r.error or r.status >= 500 or r.status == 0]
    if failed:
        found.append(f"{len(failed)} clients got a server error or no answer: {failed[0]}")
    rows = list(Registration.objects.filter(event=event).order_by("pk"))
    statuses = [r.status for r in rows]
    confirmed = statuses.count(RegistrationStatus.CONFIRMED)
    if len(rows) != n:
        found.append(f"{len(rows)} registrations stored for {n} clients")
    if confirmed > capacity:
        found.append(f"oversold: {confirmed} confirmed for {capacity} seats")
    if confirmed != min(len(rows), capacity):
        found.append(f"{confirmed} confirmed, expected {min(len(rows), capacity)}")
    expected = [RegistrationStatus.CONFIRMED] * min(len(rows), capacity)
    expected += [RegistrationStatus.WAITLISTED] * (len(rows) - len(expected))
    if statuses != expected:
        found.append("not first come, first served (statuses out of arrival order)")
    created = [r.created_at for r in rows]
    if created != sorted(created):
        found.append("registration times out of primary-key order")
    return found


def test_rush_gives_exactly_capacity_seats_and_a_waiting_list_in_order(live_server, rush_settings):
    event = EventFactory(capacity=SEATS)
    results = rush_register(live_server, event, CLIENTS)

    assert violations(event, results, n=CLIENTS, capacity=SEATS) == []
    assert sorted({r.status for r in results}) == [302]
    waiting = list(Registration.objects.filter(event=event, status="waitlisted").order_by("pk"))
    assert [selectors.waitlist_position(r) for r in waiting] == list(range(1, CLIENTS - SEATS + 1))


def test_rush_smaller_than_capacity_confirms_everyone(live_server, rush_settings):
    event = EventFactory(capacity=CLIENTS + 5)
    results = rush_register(live_server, event, 12)
    assert violations(event, results, n=12, capacity=CLIENTS + 5) == []
    assert Registration.objects.filter(event=event, status="confirmed").count() == 12


def test_control_without_locking_the_harness_sees_the_race(
    live_server, rush_settings, without_row_lock, request
):
    """Take the lock away (and, on SQLite, the IMMEDIATE transactions too) and widen the gap
    between count and write: the same checks must now fail. On PostgreSQL the race shows as
    overselling; on SQLite in WAL mode a stale reader cannot write at all, so the race shows as
    requests that fail with "database is locked" (503) and registrations that are lost."""
    if IS_SQLITE:
        request.getfixturevalue("sqlite_deferred")
    without_row_lock(pause=0.3)
    rush_settings.EVENTS_LOCK_WAIT_SECONDS = 2
    event = EventFactory(capacity=4)

    results = rush_register(live_server, event, 12)

    found = violations(event, results, n=12, capacity=4)
    assert found, "without the lock the harness should have seen a race"
    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    if IS_SQLITE:
        assert any(r.status == 503 for r in results)
    else:
        assert confirmed > 4, found


@pytest.mark.skipif(not IS_SQLITE, reason="SQLite only: IMMEDIATE transactions are its lock")
def test_sqlite_immediate_transactions_alone_prevent_the_race(
    live_server, rush_settings, without_row_lock
):
    """SQLite ignores row locks; with the row lock taken away the IMMEDIATE write
    transaction still serialises the writers, so the rush stays correct."""
    without_row_lock(pause=0.02)
    event = EventFactory(capacity=4)
    results = rush_register(live_server, event, 12)
    assert violations(event, results, n=12, capacity=4) == []


def test_same_email_twenty_times_at_once_gives_one_registration(live_server, rush_settings):
    event = EventFactory(capacity=SEATS)
    results = rush_register(live_server, event, 20, email="dubbel@voorbeeld.nl")

    assert [r for r in results if r.error or r.status >= 500] == []
    assert Registration.objects.filter(event=event).count() == 1
    assert sorted(r.status for r in results).count(302) == 1
    refused = [r for r in results if r.status == 200]
    assert len(refused) == 19
    assert all("al aangemeld" in r.body for r in refused)


def test_cancellations_racing_new_registrations_promote_exactly_in_order(
    live_server, rush_settings, mailoutbox
):
    seats, waiting, cancelling, newcomers = 6, 8, 4, 8
    event = EventFactory(capacity=seats)
    people = [
        services.registration_create(
            event_id=event.pk,
            data=services.RegistrationInput(
                name=f"Eerder {i}", email=f"eerder{i}@voorbeeld.nl", domain="jgz"
            ),
        )
        for i in range(seats + waiting)
    ]
    confirmed_before = [p.pk for p in people[:seats]]
    waiting_before = [p.pk for p in people[seats:]]
    assert (
        Registration.objects.filter(pk__in=waiting_before, status="waitlisted").count() == waiting
    )
    leaving = confirmed_before[:cancelling]
    mailoutbox.clear()

    def prepare(client, i):
        if i < cancelling:
            path = f"/agenda/aanmelding/{tokens.registration_token(leaving[i])}/annuleren/"
            return path, {"csrfmiddlewaretoken": client.form_token(path)}
        path = register_path(event)
        return path, registration_data(client.form_token(path), 100 + i)

    results = Rush(live_server.url, cancelling + newcomers).run(prepare)

    assert [r for r in results if r.error or r.status >= 500] == []
    assert all(r.status == 302 for r in results)
    status = dict(Registration.objects.filter(event=event).values_list("pk", "status"))
    assert [status[pk] for pk in leaving] == ["cancelled"] * cancelling
    # the first people on the waiting list moved up, in order; the rest still wait
    assert [status[pk] for pk in waiting_before] == ["confirmed"] * cancelling + ["waitlisted"] * (
        waiting - cancelling
    )
    newcomer_statuses = Registration.objects.filter(
        event=event, email__startswith="rush"
    ).values_list("status", flat=True)
    assert list(newcomer_statuses) == ["waitlisted"] * newcomers
    assert Registration.objects.filter(event=event, status="confirmed").count() == seats
    # nobody promoted twice: one promotion mail per promoted person
    promoted_mails = [
        m.to[0] for m in mailoutbox if m.subject.startswith("Er is een plaats voor u")
    ]
    expected = sorted(Registration.objects.get(pk=pk).email for pk in waiting_before[:cancelling])
    assert sorted(promoted_mails) == expected
    remaining = list(Registration.objects.filter(event=event, status="waitlisted").order_by("pk"))
    assert [selectors.waitlist_position(r) for r in remaining] == list(range(1, len(remaining) + 1))


def test_lock_held_too_long_gives_the_friendly_busy_page(live_server, rush_settings):
    rush_settings.EVENTS_LOCK_WAIT_SECONDS = 0.5
    event = EventFactory(capacity=SEATS)
    path = register_path(event)
    held, release = threading.Event(), threading.Event()

    def hold_lock():
        try:
            with transaction.atomic():  # BEGIN IMMEDIATE on SQLite: the write lock
                Event.objects.select_for_update().get(pk=event.pk)
                held.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert held.wait(5)

        def prepare(client, i):
            return path, registration_data(client.form_token(path), i)

        [result] = Rush(live_server.url, 1).run(prepare)
    finally:
        release.set()
        holder.join(10)

    assert result.status == 503
    assert "Het is even druk" in result.body
    # the holder keeps the lock until the request has its answer: only a bounded wait
    # (0.5 s here) can end it, so a 503 shows the wait was bounded
    assert "Probeer het over een paar seconden opnieuw" in result.body
    assert not Registration.objects.filter(event=event).exists()
    # once the lock is gone the same registration goes through
    [again] = Rush(live_server.url, 1).run(
        lambda client, i: (path, registration_data(client.form_token(path), 0))
    )
    assert again.status == 302
    assert Registration.objects.filter(event=event, status="confirmed").count() == 1
