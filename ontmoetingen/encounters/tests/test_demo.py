"""Demo professionals: plausible, marked, deterministic, idempotent, every introduction state."""

import io
import random

import pytest
from django.core.management import call_command

from ontmoetingen.encounters import demo
from ontmoetingen.encounters.models import Introduction, IntroductionStatus, Professional

pytestmark = pytest.mark.django_db


def test_seed_small_is_plausible_marked_and_idempotent():
    call_command("seed_demo", scale="small", stdout=io.StringIO())
    profiles = Professional.objects.filter(is_demo=True)
    count = profiles.count()
    assert count == demo.SMALL_COUNT + 1  # plus the demo login's own profile
    assert all("(voorbeeld)" in name for name in profiles.values_list("user__full_name", flat=True))
    assert 0 < profiles.filter(published=False).count() < profiles.filter(published=True).count()
    midwives = profiles.filter(profession="verloskundige").count()
    assert midwives > profiles.filter(profession="gynaecoloog").count()
    assert profiles.filter(working_area__isnull=False).distinct().count() > count * 0.9
    states = set(Introduction.objects.filter(is_demo=True).values_list("status", flat=True))
    assert states == set(IntroductionStatus.values)
    call_command("seed_demo", scale="small", stdout=io.StringIO())
    assert Professional.objects.filter(is_demo=True).count() == count


def test_same_seed_same_people(regions):
    first = [p[0] for p in demo._make_people(30, random.Random(1))]
    second = [p[0] for p in demo._make_people(30, random.Random(1))]
    assert [u.full_name for u in first] == [u.full_name for u in second]
