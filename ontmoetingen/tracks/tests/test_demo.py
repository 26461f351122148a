"""The tracks' and newsletter's demo: a regiotour with reports and actions in every state,
reach from the demo's check-ins, three recordings, subscribers and one sent digest."""

import io

import pytest
from django.core.management import call_command

from ontmoetingen.newsletter.models import Delivery, Digest, Subscriber
from ontmoetingen.tracks import reach
from ontmoetingen.tracks.models import ActionStatus, FollowUpAction, Recording, Visit

pytestmark = pytest.mark.django_db


def test_demo_seeds_the_tracks_once():
    call_command("seed_demo", scale="small", stdout=io.StringIO())
    visits = Visit.objects.filter(is_demo=True)
    assert visits.count() == 12
    assert {v.date.weekday() for v in visits} <= {0, 1, 2, 3, 4}
    held = visits.filter(status="bezocht")
    assert held.count() >= 4 and all(hasattr(v, "report") for v in held)
    assert {s for s in visits.values_list("status", flat=True)} == {
        "gepland",
        "bevestigd",
        "bezocht",
        "vervallen",
    }
    statuses = set(FollowUpAction.objects.values_list("status", flat=True))
    assert statuses == set(ActionStatus.values)
    assert FollowUpAction.objects.overdue().exists()
    assert Recording.objects.filter(event__kind="webinar").count() == 3
    assert Subscriber.objects.active().count() >= 100
    digest = Digest.objects.get(status="verzonden")
    assert Delivery.objects.filter(digest=digest).count() == digest.total > 0
    overview = reach.reach_overview(reach.ReachFilters.default())
    assert overview.attended > 0 and overview.municipalities_reached > 0
    counts = (Visit.objects.count(), FollowUpAction.objects.count(), Subscriber.objects.count())
    call_command("seed_demo", scale="small", stdout=io.StringIO())
    assert (
        Visit.objects.count(),
        FollowUpAction.objects.count(),
        Subscriber.objects.count(),
    ) == counts
