import io
import random

import pytest
from django.utils import timezone

from ontmoetingen.events.demo import seed
from ontmoetingen.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_demo_agenda_is_complete_marked_and_idempotent(regions):
    seed(scale="small", rng=random.Random(1), stdout=io.StringIO())
    events = Event.objects.with_counts()
    assert events.count() == 40
    assert all(e.is_demo for e in events)
    assert events.filter(starts_at__lt=timezone.now()).count() >= 15
    assert events.filter(starts_at__gt=timezone.now()).count() >= 10
    assert events.filter(starts_at__gt=timezone.now() + timezone.timedelta(days=200)).count() == 0
    conference = Event.objects.get(kind="conferentie")
    assert conference.capacity == 400
    sessions = list(conference.sessions.all())
    assert len(sessions) == 6 and len({s.starts_at for s in sessions}) == 2
    full = [e for e in events if e.capacity and e.waitlisted_count]
    assert len(full) == 1 and full[0].confirmed_count == full[0].capacity
    nearly = [e for e in events if e.capacity and 0 < e.capacity - e.confirmed_count <= 3]
    assert len(nearly) >= 2
    assert all(e.confirmed_count <= (e.capacity or 10**6) for e in events)
    assert not Registration.objects.filter(is_demo=False).exists()
    assert all(
        "(voorbeeld)" in name for name in Registration.objects.values_list("name", flat=True)
    )
    count = Registration.objects.count()
    seed(scale="small", rng=random.Random(1), stdout=io.StringIO())
    assert (Event.objects.count(), Registration.objects.count()) == (40, count)
