"""Networking rounds: the planner on random instances (Hypothesis) and the services (only
checked-in people, opt-out, regeneration that keeps held rounds)."""

from __future__ import annotations

import math
from collections import Counter
from itertools import combinations

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from ontmoetingen.core.domain import Domain
from ontmoetingen.events import networking_services
from ontmoetingen.events.models import NetworkingPlan, PairRule, TableSeat
from ontmoetingen.events.networking import (
    MEDICAL,
    SOCIAL,
    Attendee,
    Rules,
    pair,
    plan_rounds,
    quality,
)
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory


@st.composite
def instances(draw):
    size = draw(st.integers(3, 4))
    n = draw(st.integers(2 * size * size, 40))
    rounds = draw(st.integers(1, 3))
    people = [
        Attendee(i, draw(st.sampled_from([MEDICAL, SOCIAL, "overig"])), f"R{i % 3}", f"P{i % 2}")
        for i in range(1, n + 1)
    ]
    ids = list(range(1, n + 1))
    shuffled = draw(st.permutations(ids))
    keep = [(shuffled[2 * k], shuffled[2 * k + 1]) for k in range(draw(st.integers(0, 2)))]
    rest = shuffled[4:]
    never = {frozenset((rest[2 * k], rest[2 * k + 1])) for k in range(draw(st.integers(0, 3)))}
    return people, rounds, Rules(table_size=size, never=never, keep=keep), draw(st.integers(0, 99))


@settings(max_examples=40, deadline=None)
@given(instances())
def test_valid_plan_without_repeats_and_with_the_pair_rules(instance):
    people, rounds, rules, seed = instance
    plan = plan_rounds(people, rounds, rules, seed=seed, time_limit=5)
    assert len(plan) == rounds
    capacity = math.ceil(len(people) / math.ceil(len(people) / rules.table_size))
    for tables in plan:
        seated = Counter(i for table in tables for i in table)
        assert set(seated) == {p.id for p in people} and set(seated.values()) == {1}
        assert all(len(table) <= capacity for table in tables)
        for a, b in rules.keep:
            assert any(a in table and b in table for table in tables)
        for table in tables:
            assert not any(frozenset(p) in rules.never for p in combinations(table, 2))
    assert quality(people, plan, rules.keep)["repeated_pairs"] == 0


def test_held_rounds_stay_and_count_as_met():
    people = [Attendee(i, MEDICAL if i % 2 else SOCIAL) for i in range(1, 31)]
    rules = Rules(table_size=5)
    first = plan_rounds(people, 3, rules, seed=1)
    late = [*people, Attendee(31, SOCIAL), Attendee(32, MEDICAL)]
    again = plan_rounds(late, 3, rules, seed=2, held=first[:1])
    assert again[0] == first[0]
    assert {31, 32} <= {i for table in again[1] for i in table}
    met = {pair(a, b) for table in again[0] for a, b in combinations(table, 2)}
    later = {pair(a, b) for r in again[1:] for table in r for a, b in combinations(table, 2)}
    assert not met & later


def test_mixes_domains_where_the_numbers_allow():
    people = [Attendee(i, MEDICAL if i <= 20 else SOCIAL) for i in range(1, 31)]
    plan = plan_rounds(people, 2, Rules(table_size=6), seed=4)
    assert quality(people, plan)["mixed_share"] == 1.0


@pytest.mark.django_db
def test_plan_only_seats_checked_in_people_who_did_not_opt_out():
    event = EventFactory(starts_at=timezone.now())
    here = [
        RegistrationFactory(event=event, checked_in_at=timezone.now(), domain=domain)
        for domain in [Domain.BIRTH_CARE, Domain.SOCIAL] * 6
    ]
    absent = RegistrationFactory(event=event)
    opted = here.pop()
    networking_services.networking_opt_out(registration=opted)
    NetworkingPlan.objects.create(event=event, rounds=2, table_size=4)
    networking_services.networking_generate(event=event, actor=None)
    seated = set(TableSeat.objects.values_list("registration_id", flat=True))
    assert seated == {r.pk for r in here}
    assert absent.pk not in seated and opted.pk not in seated
    assert TableSeat.objects.filter(round=1).count() == len(here)


@pytest.mark.django_db
def test_regenerate_for_a_late_arrival_keeps_the_held_round():
    event = EventFactory(starts_at=timezone.now())
    for i in range(16):
        RegistrationFactory(
            event=event,
            checked_in_at=timezone.now(),
            domain=Domain.BIRTH_CARE if i % 2 else Domain.SOCIAL,
        )
    plan = NetworkingPlan.objects.create(event=event, rounds=3, table_size=4)
    networking_services.networking_generate(event=event, actor=None)
    first_round = set(TableSeat.objects.filter(round=1).values_list("table", "registration_id"))
    late = RegistrationFactory(event=event, checked_in_at=timezone.now())
    networking_services.networking_generate(event=event, actor=None, rounds_held=1)
    plan.refresh_from_db()
    assert plan.rounds_held == 1
    assert set(TableSeat.objects.filter(round=1).values_list("table", "registration_id")) == (
        first_round
    )
    assert TableSeat.objects.filter(registration=late, round__in=[2, 3]).count() == 2
    assert not TableSeat.objects.filter(registration=late, round=1).exists()


@pytest.mark.django_db
def test_never_together_rule_is_kept_by_the_service():
    event = EventFactory(starts_at=timezone.now())
    people = [RegistrationFactory(event=event, checked_in_at=timezone.now()) for _ in range(12)]
    plan = NetworkingPlan.objects.create(event=event, rounds=2, table_size=6)
    networking_services.networking_pair_add(
        plan=plan, rule=PairRule.NEVER, first_id=people[0].pk, second_id=people[1].pk, actor=None
    )
    networking_services.networking_generate(event=event, actor=None)
    for rnd in (1, 2):
        tables = dict(TableSeat.objects.filter(round=rnd).values_list("registration_id", "table"))
        assert tables[people[0].pk] != tables[people[1].pk]


@pytest.mark.django_db
def test_cards_are_mailed_when_asked(django_capture_on_commit_callbacks, mailoutbox):
    event = EventFactory(starts_at=timezone.now())
    people = [RegistrationFactory(event=event, checked_in_at=timezone.now()) for _ in range(6)]
    NetworkingPlan.objects.create(event=event, rounds=2, table_size=3)
    with django_capture_on_commit_callbacks(execute=True):
        networking_services.networking_generate(event=event, actor=None, notify=True)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people)
    assert "Ronde 1: tafel" in mailoutbox[0].body and "Ronde 2: tafel" in mailoutbox[0].body
