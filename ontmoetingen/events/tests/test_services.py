from datetime import timedelta

import pytest
from django.utils import timezone

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events import capacity, selectors, services
from ontmoetingen.events.models import Registration, RegistrationStatus
from ontmoetingen.events.services import RegistrationInput
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def person(i: int = 0, *, domain: str = "geboortezorg", **extra) -> RegistrationInput:
    return RegistrationInput(
        name=f"Persoon {i}", email=f"persoon{i}@voorbeeld.nl", domain=domain, **extra
    )


def register(event, i=0, **kwargs):
    return services.registration_create(event_id=event.pk, data=person(i, **kwargs))


def test_free_seat_confirms():
    event = EventFactory(capacity=2)
    registration = register(event)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.confirmed_at is not None


def test_full_event_puts_people_on_waiting_list_with_position():
    event = EventFactory(capacity=1)
    register(event, 0)
    second, third = register(event, 1), register(event, 2)
    assert (second.status, third.status) == ("waitlisted", "waitlisted")
    assert second.wait_reason == "capacity"
    assert selectors.waitlist_position(second) == 1
    assert selectors.waitlist_position(third) == 2


def test_unlimited_capacity_always_confirms():
    event = EventFactory(capacity=None)
    assert all(register(event, i).status == "confirmed" for i in range(5))


def test_email_is_normalised_and_duplicate_refused_with_friendly_message():
    event = EventFactory()
    register(event, 0)
    with pytest.raises(ServiceError) as caught:
        services.registration_create(
            event_id=event.pk,
            data=RegistrationInput(name="X", email=" PERSOON0@Voorbeeld.NL ", domain="jgz"),
        )
    assert caught.value.code == "duplicate"
    assert "al aangemeld" in caught.value.message
    assert Registration.objects.count() == 1


def test_duplicate_caught_by_the_constraint_is_friendly(monkeypatch):
    """Even if the check before the insert misses (a race), the unique constraint refuses
    the second row and the person sees the same friendly message, not a 500."""
    event = EventFactory()
    register(event, 0)
    real_filter = Registration.objects.filter

    def blind_filter(*args, **kwargs):
        if "email" in kwargs:
            return real_filter(pk=-1)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Registration.objects, "filter", blind_filter)
    with pytest.raises(ServiceError) as caught:
        register(event, 0)
    assert caught.value.code == "duplicate"


def test_duplicate_refused_without_taking_the_event_lock(monkeypatch):
    """Issue 14: the lock covers only the decision and the writes; a duplicate is refused
    before it, so a rush of double submits does not queue on the event row."""
    event = EventFactory()
    register(event, 0)

    def no_lock(event_id):
        raise AssertionError("the event lock was taken for a duplicate")

    monkeypatch.setattr(capacity, "lock_event", no_lock)
    with pytest.raises(ServiceError) as caught:
        register(event, 0)
    assert caught.value.code == "duplicate"


def test_cancelled_row_replaced_meanwhile_gives_the_duplicate_message(monkeypatch):
    """The cancelled row found before the lock was replaced by another submit in between:
    only a still-cancelled row is deleted, and the constraint refuses the second row."""
    event = EventFactory()
    first = register(event, 0)
    services.registration_cancel(registration_id=first.pk)
    lock_event = capacity.lock_event

    def replaced_meanwhile(event_id):
        locked = lock_event(event_id)
        Registration.objects.filter(pk=first.pk).update(status=RegistrationStatus.CONFIRMED)
        return locked

    monkeypatch.setattr(capacity, "lock_event", replaced_meanwhile)
    with pytest.raises(ServiceError) as caught:
        register(event, 0)
    assert caught.value.code == "duplicate"
    assert Registration.objects.get(email="persoon0@voorbeeld.nl").pk == first.pk


def test_cancelled_person_may_register_again_and_joins_the_back_of_the_queue():
    event = EventFactory(capacity=1)
    first = register(event, 0)
    register(event, 1)  # waiting
    services.registration_cancel(registration_id=first.pk)  # person 1 moves up
    behind = register(event, 2)
    again = register(event, 0)
    assert again.status == "waitlisted"
    assert selectors.waitlist_position(behind) == 1
    assert selectors.waitlist_position(again) == 2
    assert Registration.objects.filter(email="persoon0@voorbeeld.nl").count() == 1


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "Aanmelden kan vanaf"),
        (
            {"registration_closes_at": timezone.now() - timedelta(minutes=1)},
            "Aanmelden is gesloten",
        ),
        ({"status": "draft"}, "nog niet gepubliceerd"),
        ({"status": "cancelled"}, "gaat niet door"),
        (
            {
                "starts_at": timezone.now() - timedelta(hours=1),
                "ends_at": timezone.now() + timedelta(hours=1),
            },
            "Aanmelden is gesloten",
        ),
    ],
)
def test_registration_outside_the_window_is_refused_with_the_reason(changes, reason):
    event = EventFactory(**changes)
    with pytest.raises(ServiceError) as caught:
        register(event)
    assert caught.value.code == "closed"
    assert reason in caught.value.message
    assert not Registration.objects.exists()


def test_project_team_may_add_by_hand_outside_the_window():
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(days=1), capacity=1)
    registration = services.registration_create(event_id=event.pk, data=person(), by_hand=True)
    assert registration.status == "confirmed"
    late = services.registration_create(event_id=event.pk, data=person(1), by_hand=True)
    assert late.status == "waitlisted"


def test_cancel_promotes_first_on_waiting_list_and_mails(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(capacity=1)
    first = register(event, 0)
    second, third = register(event, 1), register(event, 2)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration_id=first.pk)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "confirmed"
    assert third.status == "waitlisted"
    assert selectors.waitlist_position(third) == 1
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects["persoon0@voorbeeld.nl"].startswith("Afmelding ontvangen")
    assert subjects["persoon1@voorbeeld.nl"].startswith("Er is een plaats voor u")
    assert "persoon2@voorbeeld.nl" not in subjects


def test_leaving_the_waiting_list_promotes_nobody():
    event = EventFactory(capacity=1)
    register(event, 0)
    waiting = register(event, 1)
    behind = register(event, 2)
    services.registration_cancel(registration_id=waiting.pk)
    behind.refresh_from_db()
    assert behind.status == "waitlisted"
    assert selectors.waitlist_position(behind) == 1


def test_cancelling_twice_is_refused():
    event = EventFactory()
    registration = register(event)
    services.registration_cancel(registration_id=registration.pk)
    with pytest.raises(ServiceError) as caught:
        services.registration_cancel(registration_id=registration.pk)
    assert caught.value.code == "already_cancelled"


def test_raising_capacity_promotes_in_order(django_capture_on_commit_callbacks, mailoutbox):
    event = EventFactory(capacity=1)
    people = [register(event, i) for i in range(4)]
    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, actor=None)
    statuses = [Registration.objects.get(pk=p.pk).status for p in people]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waitlisted"]
    assert sorted(m.to[0] for m in mailoutbox if "plaats voor u" in m.subject) == [
        "persoon1@voorbeeld.nl",
        "persoon2@voorbeeld.nl",
    ]


def test_project_team_moves_someone_from_the_waiting_list_only_when_a_seat_is_free():
    event = EventFactory(capacity=1)
    first = register(event, 0)
    waiting = register(event, 1)
    with pytest.raises(ServiceError) as caught:
        services.waitlist_promote(registration_id=waiting.pk, actor=None)
    assert caught.value.code == "full"
    first.status = "cancelled"
    first.save()
    services.waitlist_promote(registration_id=waiting.pk, actor=None)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    with pytest.raises(ServiceError):
        services.waitlist_promote(registration_id=waiting.pk, actor=None)


def test_domain_balance_keeps_one_domain_below_its_share_and_promotes_when_allowed():
    event = EventFactory(capacity=10, balance_max_share=30)  # at most 3 per domain
    births = [register(event, i, domain="geboortezorg") for i in range(4)]
    assert [b.status for b in births] == ["confirmed"] * 3 + ["waitlisted"]
    assert births[3].wait_reason == "balance"
    social = register(event, 10, domain="sociaal")
    assert social.status == "confirmed"  # other domains still get in
    services.registration_cancel(registration_id=births[0].pk)
    births[3].refresh_from_db()
    assert births[3].status == "confirmed"


def test_domain_balance_skips_over_a_waiting_domain_but_keeps_order_within_the_rest():
    event = EventFactory(capacity=4, balance_max_share=50)  # at most 2 per domain
    a = [register(event, i, domain="jgz") for i in range(3)]  # third waits (balance)
    b = [register(event, 10 + i, domain="sociaal") for i in range(3)]  # third waits (full)
    assert a[2].status == "waitlisted" and b[2].status == "waitlisted"
    services.registration_cancel(registration_id=b[0].pk)
    a[2].refresh_from_db()
    b[2].refresh_from_db()
    # a[2] is first in line but jgz is at its share; b[2] (sociaal) gets the seat
    assert (a[2].status, b[2].status) == ("waitlisted", "confirmed")


def test_sessions_one_per_slot_and_a_full_session_is_refused():
    event = EventFactory(capacity=10)
    s1 = SessionFactory(event=event, capacity=1)
    s2 = SessionFactory(event=event, starts_at=s1.starts_at, ends_at=s1.ends_at)
    later = SessionFactory(
        event=event, starts_at=s1.ends_at, ends_at=s1.ends_at + timedelta(hours=1)
    )
    with pytest.raises(ServiceError, match="hooguit één workshop"):
        register(event, 0, session_ids=[s1.pk, s2.pk])
    first = register(event, 0, session_ids=[s1.pk, later.pk])
    assert set(first.sessions.all()) == {s1, later}
    with pytest.raises(ServiceError) as caught:
        register(event, 1, session_ids=[s1.pk])
    assert caught.value.code == "session_full"
    other_event_session = SessionFactory()
    with pytest.raises(ServiceError, match="van deze bijeenkomst"):
        register(event, 2, session_ids=[other_event_session.pk])


def test_promoted_person_loses_a_session_that_filled_up_meanwhile():
    event = EventFactory(capacity=1)
    workshop = SessionFactory(event=event, capacity=1)
    first = register(event, 0)
    waiting = register(event, 1, session_ids=[workshop.pk])
    RegistrationFactory(event=event, email="x@voorbeeld.nl", status="confirmed").sessions.add(
        workshop
    )
    first.status = "cancelled"
    first.save()
    event.capacity = 2
    services.event_save(event=event, actor=None)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert list(waiting.sessions.all()) == []


def test_promoted_person_keeps_a_workshop_with_one_seat_left():
    # Before: the person's own new place was counted, so the last seat looked taken.
    event = EventFactory(capacity=2)
    workshop = SessionFactory(event=event, capacity=2)
    register(event, 0, session_ids=[workshop.pk])
    leaving = register(event, 1)
    waiting = register(event, 2, session_ids=[workshop.pk])
    assert waiting.status == "waitlisted"
    services.registration_cancel(registration_id=leaving.pk)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert list(waiting.sessions.all()) == [workshop]


def test_check_in_only_confirmed():
    event = EventFactory(capacity=1)
    confirmed = register(event, 0)
    waiting = register(event, 1)
    services.registration_check_in(registration_id=confirmed.pk, actor=None)
    confirmed.refresh_from_db()
    assert confirmed.checked_in_at is not None
    services.registration_check_in(registration_id=confirmed.pk, actor=None, present=False)
    confirmed.refresh_from_db()
    assert confirmed.checked_in_at is None
    with pytest.raises(ServiceError):
        services.registration_check_in(registration_id=waiting.pk, actor=None)


def test_reminders_once_per_person_two_days_before(django_capture_on_commit_callbacks, mailoutbox):
    soon = EventFactory(starts_at=timezone.now() + timedelta(days=1, hours=20))
    later = EventFactory(starts_at=timezone.now() + timedelta(days=5))
    RegistrationFactory(event=soon, email="a@voorbeeld.nl")
    RegistrationFactory(event=soon, email="b@voorbeeld.nl", waitlisted=True)
    RegistrationFactory(event=later, email="c@voorbeeld.nl")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 0
    assert [m.to for m in mailoutbox] == [["a@voorbeeld.nl"]]
    assert mailoutbox[0].subject.startswith("Herinnering")


def test_reminder_task_is_a_periodic_task():
    from ontmoetingen.core import registry
    from ontmoetingen.events.tasks import send_reminders

    assert send_reminders in registry.periodic_tasks()


def test_feedback_once_after_the_event():
    event = EventFactory(past=True)
    registration = RegistrationFactory(event=event)
    services.feedback_submit(
        registration=registration, rating=4, useful="Kennismaken", themes=[], themes_text=""
    )
    with pytest.raises(ServiceError, match="al feedback"):
        services.feedback_submit(
            registration=registration, rating=5, useful="", themes=[], themes_text=""
        )
    future = RegistrationFactory()
    with pytest.raises(ServiceError, match="na afloop"):
        services.feedback_submit(
            registration=future, rating=5, useful="", themes=[], themes_text=""
        )


def test_feedback_requests_after_the_event_once(django_capture_on_commit_callbacks, mailoutbox):
    ended = EventFactory(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=2),
    )
    RegistrationFactory(event=ended, email="a@voorbeeld.nl")
    RegistrationFactory(event=ended, email="b@voorbeeld.nl", cancelled=True)
    RegistrationFactory(event=EventFactory(), email="c@voorbeeld.nl")  # still to come
    with django_capture_on_commit_callbacks(execute=True):
        assert services.feedback_requests_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.feedback_requests_send() == 0
    assert [m.to for m in mailoutbox] == [["a@voorbeeld.nl"]]
    assert "/feedback/" in mailoutbox[0].body
