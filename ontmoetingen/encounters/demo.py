"""About 1,500 fictional professionals at national scale (fewer at small scale), spread over
domains and professions in plausible proportions, with introductions in every state.

Each works at a demo organisation of a type that fits the profession, picked with more weight
where organisations cluster (the cities; the regions data has no population figures), and takes
its working area from it. Names end in "(voorbeeld)", e-mail addresses use the demo
domain, ``is_demo`` marks every row. Idempotent: a second run adds nothing.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.models import Theme
from ontmoetingen.directory.models import Organisation
from ontmoetingen.encounters.demo_data import (
    ASKS,
    FIRST_NAMES,
    LAST_NAMES,
    MESSAGES,
    OFFERS,
    PROFESSION_MIX,
)
from ontmoetingen.encounters.models import (
    PROFESSION_DOMAIN,
    Introduction,
    IntroductionStatus,
    Professional,
)

NATIONAL_COUNT = 1500
SMALL_COUNT = 200
PUBLISHED_SHARE = 0.8
MAX_AREA = 15
DEMO_DOMAIN = "demo.kansrijke-ontmoetingen.nl"
INTRODUCTIONS_PER_STATE = {"open": 30, "accepted": 30, "declined": 15, "expired": 15}
DEMO_LOGIN = "professional@demo.kansrijke-ontmoetingen.nl"


def _organisations() -> dict[str, tuple[list[tuple[int, str]], list[int]]]:
    """Demo organisations per type, each with a weight: the number of demo organisations in
    its town. The regions data has no population, so where organisations cluster stands for
    where people live and work (cities weigh more than villages)."""
    rows = list(
        Organisation.objects.filter(is_demo=True, active=True).values_list(
            "id", "type", "domain", "location_id"
        )
    )
    per_town = Counter(location for *_, location in rows)
    by_type: dict[str, tuple[list[tuple[int, str]], list[int]]] = {}
    for pk, type_, domain, location in rows:
        organisations, weights = by_type.setdefault(type_, ([], []))
        organisations.append((pk, domain))
        weights.append(per_town[location] if location else 1)
    return by_type


def _areas(organisation_ids: set[int]) -> dict[int, list[str]]:
    areas: dict[int, list[str]] = {}
    through = Organisation.service_area.through
    for org_id, code in through.objects.filter(organisation_id__in=organisation_ids).values_list(
        "organisation_id", "municipality_id"
    ):
        areas.setdefault(org_id, []).append(code)
    return areas


def _professions(count: int, rng) -> list[str]:
    names = list(PROFESSION_MIX)
    weights = [PROFESSION_MIX[n][0] for n in names]
    return rng.choices(names, weights=weights, k=count)


def _side(domain: str) -> str:
    return "medisch" if domain in (Domain.BIRTH_CARE, Domain.YOUTH_HEALTH) else "sociaal"


def _make_people(count: int, rng) -> list[tuple[User, dict]]:
    organisations = _organisations()
    password = make_password(None)
    people = []
    for index, profession in enumerate(_professions(count, rng)):
        types = [t for t in PROFESSION_MIX[profession][1] if organisations.get(t)]
        organisation = None
        if types:
            candidates, weights = organisations[rng.choice(types)]
            organisation = rng.choices(candidates, weights=weights)[0]
        domain = PROFESSION_DOMAIN.get(profession) or (
            organisation[1] if organisation else Domain.SOCIAL
        )
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} (voorbeeld)"
        user = User(
            email=f"professional-{index:04d}@{DEMO_DOMAIN}",
            full_name=name,
            password=password,
            email_verified_at=timezone.now(),
        )
        side = _side(domain)
        offer, offer_tags = rng.choice(OFFERS[side])
        ask, ask_tags = rng.choice(ASKS[side])
        people.append(
            (
                user,
                {
                    "domain": domain,
                    "profession": profession,
                    "organisation_id": organisation[0] if organisation else None,
                    "offer": offer,
                    "offer_tags": offer_tags,
                    "ask": ask,
                    "ask_tags": ask_tags,
                    "published": rng.random() < PUBLISHED_SHARE,
                },
            )
        )
    return people


def _save(people: list[tuple[User, dict]], rng) -> list[Professional]:
    users = User.objects.bulk_create([u for u, _ in people], batch_size=500)
    group = Group.objects.get_or_create(name=str(Role.PROFESSIONAL))[0]
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=group.pk) for u in users], batch_size=1000
    )
    now = timezone.now()
    profiles = Professional.objects.bulk_create(
        [
            Professional(user=u, is_demo=True, published_at=now if v["published"] else None, **v)
            for u, (_, v) in zip(users, people, strict=True)
        ],
        batch_size=500,
    )
    areas = _areas({p.organisation_id for p in profiles if p.organisation_id})
    themes = list(Theme.objects.active().values_list("id", flat=True))
    area_rows, theme_rows = [], []
    for profile in profiles:
        codes = areas.get(profile.organisation_id, [])
        if len(codes) > MAX_AREA:
            codes = rng.sample(sorted(codes), MAX_AREA)
        area_rows += [
            Professional.working_area.through(professional_id=profile.pk, municipality_id=c)
            for c in codes
        ]
        for theme_id in rng.sample(themes, min(len(themes), rng.randint(0, 3))):
            theme_rows.append(
                Professional.themes.through(professional_id=profile.pk, theme_id=theme_id)
            )
    Professional.working_area.through.objects.bulk_create(area_rows, batch_size=2000)
    Professional.themes.through.objects.bulk_create(theme_rows, batch_size=2000)
    return profiles


def _introductions(profiles: list[Professional], rng) -> int:
    published = [p for p in profiles if p.published]
    demo_login = User.objects.filter(email=DEMO_LOGIN).first()
    now = timezone.now()
    rows, pairs = [], set()
    for state, count in INTRODUCTIONS_PER_STATE.items():
        for n in range(count):
            requester, recipient = rng.sample(published, 2)
            requester_id, recipient_id = requester.user_id, recipient.user_id
            if demo_login is not None and n < 2:
                # the demo login sees introductions in every state, both ways
                if n == 0:
                    requester_id = demo_login.pk
                else:
                    recipient_id = demo_login.pk
            pair = frozenset((requester_id, recipient_id))
            if pair in pairs or requester_id == recipient_id:
                continue
            pairs.add(pair)
            created = now - timedelta(days=rng.randint(1, 25) + (40 if state == "expired" else 0))
            rows.append(
                Introduction(
                    requester_id=requester_id,
                    recipient_id=recipient_id,
                    message=rng.choice(MESSAGES),
                    status=IntroductionStatus(state),
                    created_at=created,
                    expires_at=Introduction.expiry_from(created),
                    responded_at=None
                    if state in ("open", "expired")
                    else created + timedelta(days=2),
                    is_demo=True,
                )
            )
    Introduction.objects.bulk_create(rows)
    return len(rows)


def _demo_login_profile(rng) -> None:
    """The published demo login gets a profile, so suggestions show at once."""
    user = User.objects.filter(email=DEMO_LOGIN).first()
    if user is None or Professional.objects.filter(user=user).exists():
        return
    organisation = (
        Organisation.objects.filter(is_demo=True, type="verloskundigenpraktijk")
        .order_by("id")
        .first()
    )
    profile = Professional.objects.create(
        user=user,
        domain=Domain.BIRTH_CARE,
        profession="verloskundige",
        organisation=organisation,
        offer=OFFERS["medisch"][0][0],
        offer_tags=OFFERS["medisch"][0][1],
        ask=ASKS["medisch"][0][0],
        ask_tags=ASKS["medisch"][0][1],
        published=True,
        published_at=timezone.now(),
        is_demo=True,
    )
    if organisation is not None:
        profile.working_area.set(
            list(organisation.service_area.values_list("code", flat=True))[:MAX_AREA]
        )
    profile.themes.set(list(Theme.objects.active()[:2]))


def seed(*, scale: str, rng, stdout) -> None:
    if Professional.objects.filter(is_demo=True).exists():
        stdout.write("  encounters: voorbeeldprofessionals bestaan al")
        return
    _demo_login_profile(rng)
    count = NATIONAL_COUNT if scale == "national" else SMALL_COUNT
    profiles = _save(_make_people(count, rng), rng)
    introductions = _introductions(profiles, rng)
    published = sum(1 for p in profiles if p.published)
    stdout.write(
        f"  encounters: {len(profiles)} voorbeeldprofessionals ({published} gepubliceerd), "
        f"{introductions} kennismakingen"
    )
