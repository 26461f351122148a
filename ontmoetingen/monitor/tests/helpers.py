"""Test data for the monitor, made with the coalitions' and directory's models directly."""

from datetime import date

from ontmoetingen.coalitions.models import (
    Coalition,
    CoalitionMembership,
    CoalitionMunicipality,
    StatusChange,
)
from ontmoetingen.directory.models import Organisation, OrganisationType


def make_organisation(name: str, type_: str, *, serves=(), active: bool = True) -> Organisation:
    organisation = Organisation.objects.create(name=name, type=type_, active=active)
    if serves:
        organisation.service_area.set(serves)
    return organisation


def make_coalition(
    name: str,
    codes,
    *,
    history=(),
    partners=(),
    action_plan: bool = False,
    action_plan_date: date | None = None,
) -> Coalition:
    """A coalition over ``codes`` whose status history is ``history`` [(date, status)] (the
    last one is its current status) and whose partners are [(organisation, since)]."""
    history = list(history) or [(date(2020, 1, 1), "orienterend")]
    coalition = Coalition.objects.create(
        name=name,
        status=history[-1][1],
        status_since=history[-1][0],
        action_plan=action_plan,
        action_plan_date=action_plan_date,
        started_on=history[0][0],
    )
    for code in codes:
        CoalitionMunicipality.objects.create(coalition=coalition, municipality_id=code)
    for changed_on, status in history:
        StatusChange.objects.create(coalition=coalition, status=status, changed_on=changed_on)
    for organisation, since in partners:
        CoalitionMembership.objects.create(
            coalition=coalition, organisation=organisation, since=since
        )
    return coalition


def midwives(name: str = "Verloskundigenpraktijk De Wieg (voorbeeld)", serves=()) -> Organisation:
    return make_organisation(name, OrganisationType.MIDWIFERY, serves=serves)


def youth_health(name: str = "JGZ Noord (voorbeeld)", serves=()) -> Organisation:
    return make_organisation(name, OrganisationType.YOUTH_HEALTH, serves=serves)


def social_team(name: str = "Wijkteam Centrum (voorbeeld)", serves=()) -> Organisation:
    return make_organisation(name, OrganisationType.NEIGHBOURHOOD_TEAM, serves=serves)
