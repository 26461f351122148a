"""Workshops by preference through the services: choices at registration, the draft, publishing
(with mails only to changed programmes on a re-run) and moving up after a cancellation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events import allocation, allocation_services, services
from ontmoetingen.events.models import (
    AllocationState,
    Programme,
    SessionMode,
    WorkshopPreference,
)
from ontmoetingen.events.services import RegistrationInput
from ontmoetingen.events.tests.factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    event = EventFactory(capacity=50)
    Programme.objects.create(event=event, mode=SessionMode.PREFERENCE)
    slot = event.starts_at + timedelta(hours=1)
    a = SessionFactory(event=event, title="A", starts_at=slot, capacity=1)
    b = SessionFactory(event=event, title="B", starts_at=slot, capacity=1)
    c = SessionFactory(event=event, title="C", starts_at=slot, capacity=1)
    return event, slot, (a, b, c)


def register(event, i, choices, domain="geboortezorg"):
    return services.registration_create(
        event_id=event.pk,
        data=RegistrationInput(
            name=f"Persoon {i}", email=f"p{i}@voorbeeld.nl", domain=domain, preferences=choices
        ),
    )


def test_choices_are_stored_and_checked(conference):
    event, slot, (a, b, _c) = conference
    registration = register(event, 1, {slot: [b.pk, a.pk]})
    assert list(registration.preferences.values_list("rank", "session__title")) == [
        (1, "B"),
        (2, "A"),
    ]
    with pytest.raises(ServiceError):
        register(event, 2, {slot: [a.pk, a.pk]})
    other = SessionFactory(event=event, starts_at=slot + timedelta(hours=2))
    with pytest.raises(ServiceError):
        register(event, 3, {slot: [other.pk]})


def test_draft_leaves_programmes_alone_then_publish_mails_everyone(
    conference, django_capture_on_commit_callbacks, mailoutbox
):
    event, slot, (a, b, c) = conference
    people = [register(event, i, {slot: [a.pk, b.pk, c.pk]}) for i in range(3)]
    mailoutbox.clear()
    programme = allocation_services.allocation_run(event=event, actor=None)
    assert programme.state == AllocationState.DRAFT
    assert programme.lottery_seed is not None
    assert programme.placements.count() == 3
    assert all(not p.sessions.exists() for p in people)
    with django_capture_on_commit_callbacks(execute=True):
        mailed = allocation_services.allocation_publish(event=event, actor=None)
    assert sorted(mailed) == sorted(p.pk for p in people)
    assert {m.subject for m in mailoutbox} == {f"Uw programma: {event.title}"}
    winner = max(people, key=lambda p: allocation.lottery_number(programme.lottery_seed, p.pk))
    assert list(winner.sessions.values_list("title", flat=True)) == ["A"]
    mail = next(m for m in mailoutbox if m.to == [winner.email])
    [calendar] = [content for name, content, _ in mail.attachments if name == "bijeenkomst.ics"]
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert "SUMMARY:Workshop: A" in calendar
    assert "A" in mail.body


def test_rerun_after_publication_mails_only_changed_programmes(
    conference, django_capture_on_commit_callbacks, mailoutbox
):
    event, slot, (a, b, c) = conference
    first = register(event, 1, {slot: [a.pk]})
    second = register(event, 2, {slot: [b.pk]})
    allocation_services.allocation_run(event=event, actor=None)
    allocation_services.allocation_publish(event=event, actor=None)
    # the second person's choice changes (by the team: people cannot after publication)
    WorkshopPreference.objects.filter(registration=second).update(session=c)
    mailoutbox.clear()
    allocation_services.allocation_run(event=event, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        mailed = allocation_services.allocation_publish(event=event, actor=None)
    assert mailed == [second.pk]
    assert [m.to for m in mailoutbox] == [[second.email]]
    assert list(first.sessions.values_list("title", flat=True)) == ["A"]
    assert list(second.sessions.values_list("title", flat=True)) == ["C"]


def test_same_seed_same_result(conference):
    event, slot, (a, b, _c) = conference
    for i in range(6):
        register(event, i, {slot: [a.pk, b.pk]})
    allocation_services.allocation_run(event=event, actor=None)
    before = set(
        Programme.objects.get(event=event).placements.values_list("registration", "session")
    )
    allocation_services.allocation_run(event=event, actor=None)
    after = set(
        Programme.objects.get(event=event).placements.values_list("registration", "session")
    )
    assert before == after


def test_cancellation_after_publication_moves_the_best_ranked_waiting_person(
    conference, django_capture_on_commit_callbacks, mailoutbox
):
    event, slot, (a, b, _c) = conference
    want_a = [register(event, i, {slot: [a.pk]}) for i in (1, 2)]  # one gets A, one nothing
    want_b = [register(event, i, {slot: [b.pk, a.pk]}) for i in (3, 4)]  # one B, one nothing
    allocation_services.allocation_run(event=event, actor=None)
    allocation_services.allocation_publish(event=event, actor=None)
    [holder] = [r for r in want_a if r.sessions.exists()]
    [first_choice_waiting] = [r for r in want_a if not r.sessions.exists()]
    [second_choice_waiting] = [r for r in want_b if not r.sessions.exists()]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration_id=holder.pk)
    assert list(first_choice_waiting.sessions.values_list("title", flat=True)) == ["A"]
    assert not second_choice_waiting.sessions.exists()
    subjects = [m.subject for m in mailoutbox if m.to == [first_choice_waiting.email]]
    assert subjects == [f"Uw programma is gewijzigd: {event.title}"]


def test_cancellation_chain_frees_the_old_seat(conference):
    event, slot, (a, b, _c) = conference
    holder = register(event, 1, {slot: [a.pk]})
    mover = register(event, 2, {slot: [a.pk, b.pk]})
    follower = register(event, 3, {slot: [b.pk]})
    # publish by hand: holder A, mover B (2nd choice), follower nothing
    programme = Programme.objects.get(event=event)
    programme.lottery_seed = 1
    programme.state = AllocationState.PUBLISHED
    programme.save()
    holder.sessions.set([a])
    mover.sessions.set([b])
    services.registration_cancel(registration_id=holder.pk)
    assert list(mover.sessions.values_list("title", flat=True)) == ["A"]
    assert list(follower.sessions.values_list("title", flat=True)) == ["B"]


def test_choices_cannot_change_after_the_deadline(conference):
    event, slot, (a, b, _c) = conference
    registration = register(event, 1, {slot: [a.pk]})
    Programme.objects.filter(event=event).update(
        allocation_deadline=timezone.now() - timedelta(minutes=1)
    )
    registration.event.refresh_from_db()
    with pytest.raises(ServiceError):
        allocation_services.preferences_change(registration=registration, choices={slot: [b.pk]})


def test_newcomer_after_publication_gets_the_best_free_choice(conference):
    event, slot, (a, b, _c) = conference
    register(event, 1, {slot: [a.pk]})
    allocation_services.allocation_run(event=event, actor=None)
    allocation_services.allocation_publish(event=event, actor=None)
    late = register(event, 2, {slot: [a.pk, b.pk]})  # A is full: B, the 2nd choice
    assert list(late.sessions.values_list("title", flat=True)) == ["B"]


def test_the_draft_is_computed_when_the_deadline_passes(conference):
    event, slot, (a, _b, _c) = conference
    register(event, 1, {slot: [a.pk]})
    Programme.objects.filter(event=event).update(
        allocation_deadline=timezone.now() + timedelta(hours=1)
    )
    assert allocation_services.allocations_due() == 0
    later = timezone.now() + timedelta(hours=2)
    assert allocation_services.allocations_due(now=later) == 1
    programme = Programme.objects.get(event=event)
    assert programme.state == AllocationState.DRAFT and programme.placements.count() == 1
    assert allocation_services.allocations_due(now=later) == 0


def test_switch_moves_to_a_free_seat_or_swaps_with_someone_who_prefers_mine(conference):
    event, slot, (a, b, c) = conference
    first = register(event, 1, {slot: [a.pk, b.pk]})
    second = register(event, 2, {slot: [a.pk, b.pk]})
    allocation_services.allocation_run(event=event, actor=None)
    allocation_services.allocation_publish(event=event, actor=None)
    in_a = first if first.sessions.filter(pk=a.pk).exists() else second
    in_b = second if in_a == first else first
    assert allocation_services.workshop_switch(registration=in_a, session_id=c.pk) == "moved"
    assert list(in_a.sessions.values_list("title", flat=True)) == ["C"]
    # A's freed seat went to the person who ranked it 1st
    assert list(in_b.sessions.values_list("title", flat=True)) == ["A"]
    # now in_a wants A back: A is full, and in_b does not prefer C: refused
    with pytest.raises(ServiceError):
        allocation_services.workshop_switch(registration=in_a, session_id=a.pk)
    third = register(event, 3, {slot: [c.pk, b.pk]})  # after publication: seated in B
    assert list(third.sessions.values_list("title", flat=True)) == ["B"]
    # in_a (in C, full) asks for B (full): third ranked C above B, so they swap
    assert allocation_services.workshop_switch(registration=in_a, session_id=b.pk) == "swapped"
    assert list(in_a.sessions.values_list("title", flat=True)) == ["B"]
    assert list(third.sessions.values_list("title", flat=True)) == ["C"]


def test_promoted_from_the_waiting_list_after_publication_gets_a_workshop(conference):
    event, slot, (a, b, _c) = conference
    event.capacity = 1
    event.save()
    holder = register(event, 1, {slot: [a.pk]})
    waiting = register(event, 2, {slot: [a.pk, b.pk]})
    assert waiting.status == "waitlisted"
    allocation_services.allocation_run(event=event, actor=None)
    allocation_services.allocation_publish(event=event, actor=None)
    services.registration_cancel(registration_id=holder.pk)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert list(waiting.sessions.values_list("title", flat=True)) == ["A"]
