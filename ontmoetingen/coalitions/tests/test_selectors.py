from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions import selectors, services
from ontmoetingen.coalitions.models import CoalitionStatus, StatusChange
from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_statuses_as_of_follow_history(regions):
    early = CoalitionFactory(municipalities=["GM0344"], status_since=date(2019, 3, 1))
    late = CoalitionFactory(municipalities=["GM0363"], status_since=date(2021, 1, 1))
    services.coalition_change_status(
        coalition=early, status="in_opbouw", actor=None, changed_on=date(2019, 9, 1)
    )
    services.coalition_change_status(
        coalition=early, status="werkend", actor=None, changed_on=date(2020, 6, 1)
    )
    assert selectors.coalition_statuses_as_of(on=date(2019, 2, 28)) == {}
    assert selectors.coalition_statuses_as_of(on=date(2019, 3, 1)) == {early.pk: "orienterend"}
    assert selectors.coalition_statuses_as_of(on=date(2019, 12, 31)) == {early.pk: "in_opbouw"}
    assert selectors.coalition_statuses_as_of(on=date(2021, 1, 1)) == {
        early.pk: "werkend",
        late.pk: "orienterend",
    }


def test_two_changes_on_one_day_the_later_recorded_wins(regions):
    coalition = CoalitionFactory(municipalities=["GM0344"], status_since=date(2020, 1, 1))
    StatusChange.objects.create(
        coalition=coalition, status="in_opbouw", changed_on=date(2020, 1, 1)
    )
    assert selectors.coalition_statuses_as_of(on=date(2020, 1, 1)) == {coalition.pk: "in_opbouw"}


def test_domains_at_table_respects_since(regions):
    coalition = CoalitionFactory(municipalities=["GM0344"])
    empty = CoalitionFactory(municipalities=["GM0363"])
    MembershipFactory(coalition=coalition, organisation__birth_care=True, since=date(2021, 1, 1))
    MembershipFactory(coalition=coalition, organisation__social=True, since=date(2020, 1, 1))
    MembershipFactory(coalition=coalition, organisation__social=True, since=date(2020, 1, 1))
    result = selectors.coalition_domains_at_table(coalition_ids=[coalition.pk, empty.pk])
    assert result == {coalition.pk: {"geboortezorg", "sociaal"}, empty.pk: set()}
    assert selectors.coalition_domains_at_table(on=date(2020, 6, 1)) == {coalition.pk: {"sociaal"}}


def test_municipality_coalitions_only_active(regions):
    active = CoalitionFactory(municipalities=["GM0344", "GM0307"])
    stopped = CoalitionFactory(municipalities=["GM0363"], active=False)
    result = selectors.municipality_coalitions()
    assert result == {"GM0344": active, "GM0307": active}
    assert result["GM0344"] is result["GM0307"]
    assert stopped not in result.values()


def test_missing_at_table(regions):
    coalition = CoalitionFactory(municipalities=["GM0344", "GM0307"])  # Utrecht, Amersfoort
    partner = OrganisationFactory(service_area=["GM0344"], birth_care=True)
    MembershipFactory(coalition=coalition, organisation=partner)
    midwife = OrganisationFactory(name="B-praktijk", service_area=["GM0307", "GM0344"])
    other_midwife = OrganisationFactory(name="A-praktijk", service_area=["GM0307"])
    team = OrganisationFactory(social=True, service_area=["GM0344"])
    OrganisationFactory(service_area=["GM0363"])  # works elsewhere
    OrganisationFactory(service_area=["GM0344"], active=False)  # no longer active
    OrganisationFactory(service_area=[])  # no working area
    missing = selectors.organisations_missing_at_table(coalition)
    assert list(missing) == ["geboortezorg", "sociaal"]
    assert missing["geboortezorg"] == [other_midwife, midwife]
    assert missing["sociaal"] == [team]


def test_editable_by(regions):
    mine = CoalitionFactory(municipalities=["GM0344"])
    CoalitionFactory(municipalities=["GM0363"])
    coordinator = UserFactory(coordinator=True)
    mine.coordinators.add(coordinator)
    assert list(selectors.coalitions_editable_by(coordinator)) == [mine]
    assert selectors.coalitions_editable_by(UserFactory(project_team=True)).count() == 2
    assert selectors.coalitions_editable_by(UserFactory(professional=True)).count() == 0
    assert selectors.coalitions_editable_by(UserFactory(coordinator=True)).count() == 0
    assert selectors.coalitions_editable_by(AnonymousUser()).count() == 0


def test_list_filters(regions):
    with_birth_care = CoalitionFactory(
        name="A", municipalities=["GM0344"], status=CoalitionStatus.WERKEND
    )
    MembershipFactory(coalition=with_birth_care, organisation__birth_care=True)
    without = CoalitionFactory(name="B", municipalities=["GM0363"])
    f = selectors.CoalitionFilters
    assert list(selectors.coalitions_list(filters=f(birth_care="ja"))) == [with_birth_care]
    assert list(selectors.coalitions_list(filters=f(birth_care="nee"))) == [without]
    assert list(selectors.coalitions_list(filters=f(status="werkend"))) == [with_birth_care]
    assert list(selectors.coalitions_list(filters=f(province="PV27"))) == [without]
    assert list(selectors.coalitions_list(filters=f(ggd_region="GG2514"))) == [with_birth_care]
    assert list(selectors.coalitions_list(filters=f(sort="status"))) == [with_birth_care, without]
