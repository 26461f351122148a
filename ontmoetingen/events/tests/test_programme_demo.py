import io
import random

import pytest
from django.db.models import Count, Q

from ontmoetingen.events.demo import seed
from ontmoetingen.events.models import (
    AllocationState,
    Event,
    NetworkingPlan,
    Registration,
    TableSeat,
    WorkshopPreference,
)

pytestmark = pytest.mark.django_db


def test_demo_conference_by_preference_and_a_past_event_with_held_rounds(regions):
    seed(scale="small", rng=random.Random(1), stdout=io.StringIO())
    conference = Event.objects.get(kind="conferentie")
    programme = conference.programme
    assert programme.by_preference and programme.state == AllocationState.PUBLISHED
    assert WorkshopPreference.objects.filter(registration__event=conference).exists()
    sessions = conference.sessions.annotate(
        seated=Count("registrations", filter=Q(registrations__status="confirmed"))
    )
    assert any(s.seated < s.capacity for s in sessions)  # not all full while seats are free
    assert all(s.seated <= s.capacity for s in sessions)
    with_choices = Registration.objects.filter(
        event=conference, status="confirmed", preferences__isnull=False
    ).distinct()
    # everyone who chose got a workshop in each slot: there is room enough
    assert all(r.sessions.count() == 2 for r in with_choices)
    plan = NetworkingPlan.objects.get()
    assert plan.event.is_past and plan.rounds_held == plan.rounds == 3
    seats = TableSeat.objects.filter(plan=plan)
    assert seats.exists()
    assert not seats.filter(registration__checked_in_at__isnull=True).exists()
