"""Editing an event is one write: the event, its workshops and its registration questions go
through ``event_save`` in one transaction, past the capacity rules, into the audit log."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.audit import audit_entries
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events import services
from ontmoetingen.events.forms import EventForm
from ontmoetingen.events.models import Event, Registration, RegistrationQuestion, Session
from ontmoetingen.events.services import RegistrationQuestionInput, SessionInput
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

LOCAL = "%Y-%m-%dT%H:%M"


@pytest.fixture
def staff():
    return UserFactory(project_team=True)


@pytest.fixture
def team(client, staff):
    client.force_login(staff)
    return client


def local(value) -> str:
    return timezone.localtime(value).strftime(LOCAL)


def edit_data(event: Event, sessions=(), **changes) -> dict:
    """What the edit form posts for ``event`` with its workshops (no registration questions)."""
    data = {
        "title": event.title,
        "kind": event.kind,
        "starts_at": local(event.starts_at),
        "ends_at": local(event.ends_at),
        "capacity": event.capacity or "",
        "venue": event.venue,
        "is_national": "on",
        "ask_dietary": "on",
        "sessies-TOTAL_FORMS": str(len(sessions)),
        "sessies-INITIAL_FORMS": str(len(sessions)),
        "vragen-TOTAL_FORMS": "0",
        "vragen-INITIAL_FORMS": "0",
    }
    for index, session in enumerate(sessions):
        data |= {
            f"sessies-{index}-id": session.pk,
            f"sessies-{index}-title": session.title,
            f"sessies-{index}-starts_at": local(session.starts_at),
            f"sessies-{index}-ends_at": local(session.ends_at),
            f"sessies-{index}-capacity": session.capacity or "",
        }
    data.update({k: str(v) for k, v in changes.items()})
    return data


def full_workshop_with_waiting_people():
    """An event of 2 seats, both taken by people in workshop W (2 seats); two more people
    wait for the event, having chosen W too."""
    event = EventFactory(capacity=2)
    workshop = SessionFactory(event=event, capacity=2, title="Workshop W")
    inside = [RegistrationFactory(event=event) for _ in range(2)]
    waiting = [RegistrationFactory(event=event, waitlisted=True) for _ in range(2)]
    for registration in inside + waiting:
        registration.sessions.add(workshop)
    return event, workshop, waiting


def test_raising_a_workshops_capacity_with_the_event_lets_the_waiting_people_in(
    team, django_capture_on_commit_callbacks, mailoutbox
):
    # Before: the event was saved (and the waiting list promoted) before the workshop's new
    # capacity was written, so the people moving up lost the workshop they had chosen.
    event, workshop, waiting = full_workshop_with_waiting_people()
    data = edit_data(event, [workshop], capacity=4, **{"sessies-0-capacity": 4})
    with django_capture_on_commit_callbacks(execute=True):
        response = team.post(reverse("events:manage_edit", args=[event.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    for registration in waiting:
        registration.refresh_from_db()
        assert registration.status == "confirmed"
        assert list(registration.sessions.all()) == [workshop]
    assert Session.objects.get(pk=workshop.pk).capacity == 4
    promoted = sorted(m.to[0] for m in mailoutbox if m.subject.startswith("Er is een plaats"))
    assert promoted == sorted(r.email for r in waiting)
    assert "Workshop W" in next(m for m in mailoutbox if m.to[0] == waiting[0].email).body


def test_lowering_a_workshop_below_its_confirmed_people_is_refused_and_nothing_is_saved(team):
    event, workshop, _ = full_workshop_with_waiting_people()
    data = edit_data(
        event, [workshop], title="Nieuwe titel", capacity=3, **{"sessies-0-capacity": 1}
    )
    response = team.post(reverse("events:manage_edit", args=[event.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    message = "De workshop “Workshop W” heeft al 2 bevestigde deelnemers"
    assert html.count(message) == 2  # in the summary and next to the workshop's field
    event.refresh_from_db()
    workshop.refresh_from_db()
    assert (event.title, event.capacity, workshop.capacity) == (event.title, 2, 2)
    assert event.title != "Nieuwe titel"
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2
    assert not audit_entries(obj=event).exists()


def test_event_save_writes_event_workshops_and_questions_in_one_go(staff):
    start = timezone.now() + timedelta(days=30)
    event = Event(
        title="Kennisbijeenkomst Assen",
        kind="kennisbijeenkomst",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        venue="Provinciehuis",
        is_national=True,
    )
    services.event_save(
        event=event,
        actor=staff,
        sessions=[SessionInput("Taal", start, start + timedelta(hours=1), 10)],
        registration_questions=[RegistrationQuestionInput("Wat wilt u leren?", "text")],
    )
    assert event.sessions.get().title == "Taal"
    assert event.registration_questions.get().label == "Wat wilt u leren?"
    [entry] = audit_entries(obj=event)
    assert (entry.action, entry.actor, entry.changes["titel"]) == (
        "bijeenkomst aangemaakt",
        staff,
        "Kennisbijeenkomst Assen",
    )
    assert audit_entries(obj=event.sessions.get()).get().action == "workshop toegevoegd"


def test_a_refused_workshop_rolls_back_a_new_event_too(staff):
    start = timezone.now() + timedelta(days=30)
    event = Event(
        title="Nooit bewaard",
        kind="webinar",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        is_online=True,
        is_national=True,
    )
    with pytest.raises(ValidationError):
        services.event_save(
            event=event,
            actor=staff,
            sessions=[SessionInput("", start, start + timedelta(hours=1))],
        )
    assert not Event.objects.exists() and not Session.objects.exists()
    assert event.pk is None and event.slug == ""


def test_workshop_of_another_event_cannot_be_changed_through_this_one(staff):
    event, other = EventFactory(), SessionFactory()
    with pytest.raises(ServiceError):
        services.event_save(
            event=event,
            actor=staff,
            sessions=[SessionInput("Gekaapt", other.starts_at, other.ends_at, 99, pk=other.pk)],
        )
    other.refresh_from_db()
    assert other.capacity == 2


def test_deleting_a_workshop_and_a_question(staff):
    event = EventFactory()
    workshop = SessionFactory(event=event)
    question = RegistrationQuestion.objects.create(event=event, label="Lunch", kind="yesno")
    services.event_save(
        event=event,
        actor=staff,
        sessions=[SessionInput(pk=workshop.pk, delete=True)],
        registration_questions=[RegistrationQuestionInput(pk=question.pk, delete=True)],
    )
    assert not event.sessions.exists() and not event.registration_questions.exists()


def test_event_change_is_logged_with_before_and_after(staff):
    event = EventFactory(capacity=10)
    event.capacity = 12
    event.venue = "Stadskantoor"
    services.event_save(event=event, actor=staff)
    [entry] = audit_entries(obj=event)
    assert entry.action == "bijeenkomst gewijzigd"
    assert entry.changes == {
        "aantal plaatsen": ["10", "12"],
        "locatie": ["Stadhuis", "Stadskantoor"],
    }


def test_publish_cancel_promote_check_in_and_staff_registration_are_logged(staff):
    event = EventFactory(draft=True, capacity=1)
    services.event_publish(event=event, actor=staff)
    first = RegistrationFactory(event=event)
    added = services.registration_create(
        event_id=event.pk,
        data=services.RegistrationInput(name="Hand", email="hand@voorbeeld.nl", domain="jgz"),
        actor=staff,
        by_hand=True,
    )
    services.registration_check_in(registration_id=first.pk, actor=staff)
    services.registration_cancel(registration_id=first.pk, actor=staff)
    services.event_cancel(event=event, actor=staff)
    assert [e.action for e in audit_entries(obj=event)] == [
        "bijeenkomst geannuleerd",
        "bijeenkomst gepubliceerd",
    ]
    assert [e.action for e in audit_entries(obj=first)] == [
        "aanmelding geannuleerd",
        "ingecheckt",
    ]
    # the cancellation freed the seat: the person added by hand moved up by the rule, not
    # by staff, so only the addition is logged for them
    assert [(e.action, e.changes) for e in audit_entries(obj=added)] == [
        ("aanmelding toegevoegd", {"status": "wachtlijst"})
    ]
    assert {e.actor for e in audit_entries(model=Registration)} == {staff}


def test_promoting_by_hand_is_logged(staff):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, waitlisted=True)
    services.waitlist_promote(registration_id=waiting.pk, actor=staff)
    assert audit_entries(obj=waiting).get().action == "van de wachtlijst gehaald"


def test_own_registration_is_not_logged():
    event = EventFactory()
    registration = services.registration_create(
        event_id=event.pk,
        data=services.RegistrationInput(name="Zelf", email="zelf@voorbeeld.nl", domain="jgz"),
    )
    assert not audit_entries(obj=registration).exists()


# --- one-row rules on the model ---------------------------------------------------------------


def test_event_rules_hold_for_every_caller_not_only_the_form():
    event = EventFactory.build(
        slug="", venue="", is_online=False, capacity=None, balance_max_share=40
    )
    event.ends_at = event.starts_at - timedelta(hours=1)
    with pytest.raises(ValidationError) as caught:
        services.event_save(event=event, actor=None)
    assert caught.value.message_dict == {
        "ends_at": ["Het einde ligt vóór het begin."],
        "balance_max_share": ["Domeinbalans werkt alleen met een aantal plaatsen."],
        "venue": ["Vul de locatie in, of kies online."],
    }
    assert not Event.objects.exists()


def test_a_regional_event_needs_a_region_in_the_service_too():
    event = EventFactory.build(slug="", is_national=False)
    with pytest.raises(ServiceError) as caught:
        services.event_save(event=event, actor=None, m2m={"provinces": []})
    assert (caught.value.field, caught.value.message) == (
        "is_national",
        "Kies landelijk, of een regio.",
    )


def test_the_form_shows_the_model_rules_next_to_their_fields():
    start = timezone.localtime() + timedelta(days=10)
    form = EventForm(
        {
            "title": "Test",
            "kind": "webinar",
            "starts_at": start.strftime(LOCAL),
            "ends_at": (start - timedelta(hours=1)).strftime(LOCAL),
            "balance_max_share": "40",
        },
        instance=Event(),
    )
    assert not form.is_valid()
    assert form.errors["ends_at"] == ["Het einde ligt vóór het begin."]
    assert form.errors["balance_max_share"] == [
        "Domeinbalans werkt alleen met een aantal plaatsen."
    ]
    assert form.errors["venue"] == ["Vul de locatie in, of kies online."]
    assert form.errors["is_national"] == ["Kies landelijk, of een regio."]
    assert "__all__" not in form.errors  # no second copy from the database constraint


def test_session_is_full_reads_the_annotation_or_counts():
    workshop = SessionFactory(capacity=1)
    assert not workshop.is_full
    RegistrationFactory(event=workshop.event).sessions.add(workshop)
    RegistrationFactory(event=workshop.event, waitlisted=True).sessions.add(workshop)
    assert Session.objects.get(pk=workshop.pk).is_full
    annotated = Session.objects.with_counts().get(pk=workshop.pk)
    assert (annotated.confirmed_count, annotated.is_full) == (1, True)
    assert not SessionFactory(capacity=None).is_full


# --- the Django admin is not a second write path ----------------------------------------------


@pytest.fixture
def admin_team(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_shows_events_but_does_not_change_them(admin_team):
    event = EventFactory(capacity=2)
    SessionFactory(event=event)
    change_url = reverse("admin:events_event_change", args=[event.pk])
    page = admin_team.get(change_url)
    assert page.status_code == 200
    assert event.title in page.content.decode()
    assert 'name="_save"' not in page.content.decode()  # no save button: view only
    response = admin_team.post(change_url, {"title": "Via admin", "capacity": "99"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert (event.title, event.capacity) != ("Via admin", 99)
    assert admin_team.get(reverse("admin:events_event_add")).status_code == 403
    delete_url = reverse("admin:events_event_delete", args=[event.pk])
    assert admin_team.post(delete_url, {"post": "yes"}).status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize("model", ["registration", "feedback", "event"])
def test_admin_lists_stay_readable(admin_team, model):
    RegistrationFactory()
    assert admin_team.get(reverse(f"admin:events_{model}_changelist")).status_code == 200
    assert admin_team.get(reverse(f"admin:events_{model}_add")).status_code == 403
