"""Fictional coalitions with status histories from 2019 on.

The shape follows ../shared/data/geboortezorg_facts.csv: in December 2019 about 160
municipalities took part, about 40 coalitions were working; by spring 2020 some 275
municipalities were working on a coalition; today about 280 of the 342 are in one. Statuses
move forward over the years (a few coalitions stop), partners join along the way, and
coalitions that work are more likely to have birth care at the table.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.coalitions.demo_log import seed_change_log
from ontmoetingen.coalitions.models import (
    Coalition,
    CoalitionMembership,
    CoalitionMunicipality,
    CoalitionStatus,
    MembershipRole,
    StatusChange,
)
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.models import Theme
from ontmoetingen.directory.models import Organisation, OrganisationType
from ontmoetingen.regions.selectors import demo_places, nearest

SHARE_IN_COALITION = 0.82  # ~280 of 342 municipalities
SHARE_MULTI = 0.1  # coalitions that cover several municipalities
DEMO_COORDINATOR = "coordinator@demo.kansrijke-ontmoetingen.nl"
DEMO_COORDINATOR_MUNICIPALITY = "GM0344"  # Utrecht
FIRST_DAY = date(2019, 1, 15)

# (share of coalitions, first day, last day) of the start date: the early GIDS group, the rest
# of 2019, the spring 2020 wave, and late starters.
WAVES = [
    (0.19, date(2019, 1, 15), date(2019, 4, 30)),
    (0.35, date(2019, 5, 1), date(2019, 11, 30)),
    (0.41, date(2019, 12, 1), date(2020, 4, 30)),
    (0.05, date(2020, 5, 1), date(2023, 6, 30)),
]
AMBITIONS = [
    "Elke zwangere in een kwetsbare situatie wordt vroeg gezien en krijgt passende steun.",
    "Verloskundigen, JGZ en het sociaal team kennen elkaar en weten elkaar snel te vinden.",
    "Een vast overleg over kwetsbare zwangeren, met afspraken over privacy en toestemming.",
    "Aandacht voor armoede en geldzorgen vanaf de eerste controle in de zwangerschap.",
    "Nu Niet Zwanger aanbieden aan iedereen die daar baat bij heeft.",
]
DESCRIPTIONS = [
    "In deze coalitie werken geboortezorg, jeugdgezondheidszorg, sociaal domein en gemeente "
    "samen aan een kansrijke start voor elk kind.",
    "De coalitie komt een paar keer per jaar bij elkaar. Tussendoor lopen werkgroepen over "
    "kwetsbare zwangeren en over de overdracht van verloskundige naar JGZ.",
    "Dit is een **voorbeeld**coalitie: de gegevens zijn verzonnen om het platform te laten zien.",
]
CONTACTS = ["Anouk", "Bas", "Chantal", "Dirk", "Esra", "Femke", "Gijs", "Hanna", "Ilse", "Jurre"]


def _day_between(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _groups(places, rng) -> list[list]:
    """Municipalities grouped into coalitions: mostly one, sometimes a few neighbours."""
    chosen = rng.sample(places, round(len(places) * SHARE_IN_COALITION))
    taken: set[str] = set()
    groups = []
    for place in chosen:
        if place.code in taken:
            continue
        group = [place]
        if rng.random() < SHARE_MULTI:
            free = [p for p in nearest(place, places, 6, same_province=True) if p.code not in taken]
            group += free[: rng.randint(1, 3)]
        taken.update(p.code for p in group)
        groups.append(group)
    # the demo coordinator's coalition must exist whatever the random draw
    anchor = next((p for p in places if p.code == DEMO_COORDINATOR_MUNICIPALITY), None)
    if anchor is not None and anchor.code not in taken:
        groups.append([anchor])
    return groups


def _wave(share_point: float) -> tuple[date, date]:
    cumulative = 0.0
    for share, first, last in WAVES:
        cumulative += share
        if share_point < cumulative:
            return first, last
    return WAVES[-1][1], WAVES[-1][2]


def _history(rng, start: date, early: bool, today: date) -> list[tuple[str, date]]:
    """A forward-moving status history; the early group is working by late 2019."""
    steps = [(CoalitionStatus.ORIENTEREND, start)]
    if early:
        durations = [rng.randint(40, 120), rng.randint(90, 200), rng.randint(500, 1500)]
    else:
        durations = [rng.randint(90, 420), rng.randint(180, 900), rng.randint(500, 1800)]
    stop_after = rng.choices([1, 2, 3, 4], weights=[4, 14, 50, 32])[0]
    if early:
        stop_after = max(stop_after, 3)
    day = start
    for status, duration in zip(
        (CoalitionStatus.IN_OPBOUW, CoalitionStatus.WERKEND, CoalitionStatus.GEBORGD),
        durations,
        strict=True,
    ):
        if len(steps) >= stop_after:
            break
        day = day + timedelta(days=duration)
        if day > today:
            break
        steps.append((status, day))
    if rng.random() < 0.015 and steps[-1][1] + timedelta(days=200) < today:
        steps.append((CoalitionStatus.GEEN, steps[-1][1] + timedelta(days=rng.randint(100, 200))))
    return steps


def _organisations_by_area() -> dict[str, dict[str, list[int]]]:
    """municipality code → organisation type → demo organisation ids working there."""
    through = Organisation.service_area.through.objects.filter(organisation__is_demo=True)
    index: dict[str, dict[str, list[int]]] = {}
    for code, org_id, org_type in through.values_list(
        "municipality_id", "organisation_id", "organisation__type"
    ).order_by("municipality_id", "organisation_id"):
        index.setdefault(code, {}).setdefault(org_type, []).append(org_id)
    return index


BIRTH_CARE_CHANCE = {
    CoalitionStatus.GEEN: 0.1,
    CoalitionStatus.ORIENTEREND: 0.1,
    CoalitionStatus.IN_OPBOUW: 0.35,
    CoalitionStatus.WERKEND: 0.7,
    CoalitionStatus.GEBORGD: 0.85,
}


def _partners(
    rng, *, group, status, start: date, today: date, index
) -> list[tuple[int, str, date]]:
    def since() -> date:
        return _day_between(rng, start, min(today, start + timedelta(days=900)))

    partners: dict[int, tuple[str, date]] = {}
    for place in group:
        local = index.get(place.code, {})
        for org_id in local.get(OrganisationType.MUNICIPALITY, []):
            partners[org_id] = (MembershipRole.CORE, start)
        for org_type, chance in (
            (OrganisationType.GGD, 0.9),
            (OrganisationType.NEIGHBOURHOOD_TEAM, 0.7),
            (OrganisationType.WELFARE, 0.4),
            (OrganisationType.VEILIG_THUIS, 0.2),
        ):
            for org_id in local.get(org_type, [])[:1]:
                if rng.random() < chance:
                    role = MembershipRole.CORE if org_type == OrganisationType.GGD else "partner"
                    partners.setdefault(org_id, (role, since()))
        if rng.random() < BIRTH_CARE_CHANCE[status]:
            for org_type, count in (
                (OrganisationType.MIDWIFERY, rng.randint(1, 2)),
                (OrganisationType.VSV_IGO, 1),
                (OrganisationType.HOSPITAL, rng.randint(0, 1)),
                (OrganisationType.MATERNITY_CARE, rng.randint(0, 1)),
            ):
                options = local.get(org_type, [])
                for org_id in rng.sample(options, min(count, len(options))):
                    partners.setdefault(org_id, (MembershipRole.PARTNER, since()))
    return [(org_id, role, day) for org_id, (role, day) in partners.items()]


def _name(group) -> str:
    names = [p.name for p in group]
    if len(names) == 1:
        return f"Kansrijke Start {names[0]}"
    return f"Kansrijke Start {', '.join(names[:-1])} en {names[-1]}"


def seed(*, scale: str, rng, stdout) -> None:
    if Coalition.objects.filter(is_demo=True).exists():
        stdout.write("  coalitions: voorbeeldcoalities staan er al")
        seed_change_log(stdout=stdout)
        return
    today = timezone.localdate()
    places = demo_places(scale)
    groups = _groups(places, rng)
    index = _organisations_by_area()
    themes = list(Theme.objects.active())
    coalitions, links, changes, memberships, theme_links = [], [], [], [], []
    plans = []
    for number, group in enumerate(groups):
        first, last = _wave(number / max(1, len(groups)))
        start = _day_between(rng, first, last)
        history = _history(rng, start, early=first == WAVES[0][1], today=today)
        status, since = history[-1]
        contact = rng.choice(CONTACTS)
        has_plan = status in {CoalitionStatus.WERKEND, CoalitionStatus.GEBORGD} or (
            status == CoalitionStatus.IN_OPBOUW and rng.random() < 0.3
        )
        plan_day = None
        if has_plan:
            plan_day = next((d for s, d in history if s == CoalitionStatus.IN_OPBOUW), since)
            plan_day = min(today, plan_day + timedelta(days=rng.randint(30, 200)))
        coalitions.append(
            Coalition(
                name=_name(group),
                status=status,
                status_since=since,
                action_plan=has_plan,
                action_plan_date=plan_day,
                ambitions="\n".join(rng.sample(AMBITIONS, 2)),
                description="\n\n".join(DESCRIPTIONS),
                contact_name=f"{contact} de Vries (voorbeeld)",
                contact_email=f"coalitie{number + 1:03d}@demo.kansrijke-ontmoetingen.nl",
                started_on=start,
                last_confirmed_on=min(today, since + timedelta(days=rng.randint(0, 400))),
                active=status != CoalitionStatus.GEEN,
                is_demo=True,
            )
        )
        plans.append((group, history, status, start))
    created = Coalition.objects.bulk_create(coalitions, batch_size=500)
    for coalition, (group, history, status, start) in zip(created, plans, strict=True):
        links += [
            CoalitionMunicipality(
                coalition_id=coalition.pk, municipality_id=p.code, active=coalition.active
            )
            for p in group
        ]
        changes += [
            StatusChange(coalition_id=coalition.pk, status=s, changed_on=d, note="(voorbeeld)")
            for s, d in history
        ]
        memberships += [
            CoalitionMembership(coalition_id=coalition.pk, organisation_id=o, role=r, since=d)
            for o, r, d in _partners(
                rng, group=group, status=status, start=start, today=today, index=index
            )
        ]
        theme_links += [
            Coalition.themes.through(coalition_id=coalition.pk, theme_id=t.pk)
            for t in rng.sample(themes, min(len(themes), rng.randint(1, 3)))
        ]
    CoalitionMunicipality.objects.bulk_create(links, batch_size=2000)
    StatusChange.objects.bulk_create(changes, batch_size=2000)
    CoalitionMembership.objects.bulk_create(memberships, batch_size=2000)
    Coalition.themes.through.objects.bulk_create(theme_links, batch_size=2000)
    _link_demo_coordinator()
    covered = sum(1 for link in links if link.active)
    birth_care = (
        CoalitionMembership.objects.filter(
            coalition__is_demo=True, organisation__domain=Domain.BIRTH_CARE
        )
        .values("coalition_id")
        .distinct()
        .count()
    )
    stdout.write(
        f"  coalitions: {len(created)} voorbeeldcoalities voor {covered} gemeenten, "
        f"{len(changes)} statuswijzigingen, {len(memberships)} partners "
        f"({birth_care} coalities met geboortezorg aan tafel)"
    )
    seed_change_log(stdout=stdout)


def _link_demo_coordinator() -> None:
    user = User.objects.filter(email=DEMO_COORDINATOR).first()
    link = CoalitionMunicipality.objects.filter(
        municipality_id=DEMO_COORDINATOR_MUNICIPALITY, active=True
    ).first()
    if user and link:
        link.coalition.coordinators.add(user)
