"""Fictional organisations at national scale with plausible working areas.

Counts follow ../shared/data/geboortezorg_facts.csv: about 70 VSVs (8 of them IGOs), 80 hospital
locations, 580 midwifery practices, 100 maternity-care organisations, one GGD/JGZ organisation
per GGD region (25), and per municipality the municipality itself, a wijkteam and a welfare
organisation. Every row carries ``is_demo`` (shown as a "voorbeeld" badge); names are invented.
The "small" scale keeps a few provinces and scales the counts down.
"""

from __future__ import annotations

import math

from ontmoetingen.directory.models import Organisation, OrganisationType, domain_for_type
from ontmoetingen.regions.selectors import Place, demo_places, nearest

NATIONAL_COUNTS = {"vsv": 70, "igo": 8, "hospital": 80, "midwifery": 580, "kraamzorg": 100}
DEMO_MAIL_DOMAIN = "demo.kansrijke-ontmoetingen.nl"

MIDWIFERY_NAMES = [
    "De Ooievaar",
    "Het Nest",
    "De Wieg",
    "Levenslicht",
    "Moeder & Kind",
    "De Boog",
    "Geboortehuis",
    "Het Anker",
    "De Kraanvogel",
    "Zwanger & Zo",
    "De Linde",
    "Morgenrood",
    "De Bron",
    "Kiem",
    "Het Begin",
    "Buikgevoel",
    "De Dageraad",
    "Nieuw Leven",
    "De Zeef",
    "Het Baken",
]
KRAAMZORG_NAMES = [
    "Kraamzorg Het Warme Nest",
    "Kraamzorg De Eerste Week",
    "Kraamzorg Kraamtijd",
    "Kraamzorg Welkom Thuis",
    "Kraamzorg Samen Groeien",
    "Kraamzorg Lief & Klein",
    "Kraamzorg De Zorgzame Hand",
    "Kraamzorg Kraamvreugd",
]
WELFARE_NAMES = ["Welzijn", "Stichting Samen", "Welzijnswerk", "Buurtkracht"]
TEAM_NAMES = ["Sociaal team", "Wijkteam", "Jeugd- en gezinsteam", "Team Toegang"]


def voronoi(hubs: list[Place], places: list[Place]) -> dict[str, list[str]]:
    """Each hub's area: the places closer to it than to any other hub."""
    areas: dict[str, list[str]] = {hub.code: [] for hub in hubs}
    for place in places:
        hub = min(hubs, key=lambda h: math.hypot(h.x - place.x, h.y - place.y))
        areas[hub.code].append(place.code)
    return areas


def _scaled(count: int, places: list[Place], scale: str) -> int:
    if scale == "national":
        return count
    return max(2, round(count * len(places) / 342))


class _Builder:
    def __init__(self):
        self.organisations: list[Organisation] = []
        self.areas: list[list[str]] = []

    def add(self, *, name: str, type: OrganisationType, location: str, area, website=True):
        number = len(self.organisations) + 1
        slug = f"org{number:04d}"
        self.organisations.append(
            Organisation(
                name=name,
                type=type,
                domain=domain_for_type(type),
                location_id=location,
                website=f"https://{slug}.voorbeeld.nl" if website else "",
                contact_email=f"{slug}@{DEMO_MAIL_DOMAIN}",
                is_demo=True,
            )
        )
        self.areas.append(sorted(set(area)))


def _birth_care(builder: _Builder, places: list[Place], scale: str, rng) -> None:
    by_code = {p.code: p for p in places}
    n_vsv = _scaled(NATIONAL_COUNTS["vsv"], places, scale)
    n_igo = _scaled(NATIONAL_COUNTS["igo"], places, scale) if scale == "national" else 1
    n_hospital = _scaled(NATIONAL_COUNTS["hospital"], places, scale)
    hospital_hubs = rng.sample(places, min(n_hospital, len(places)))
    hospital_areas = voronoi(hospital_hubs, places)
    for index, hub in enumerate(hospital_hubs):
        name = f"Ziekenhuis {hub.name}" if index % 3 else f"{hub.name} Medisch Centrum"
        builder.add(
            name=f"{name}, afdeling verloskunde",
            type=OrganisationType.HOSPITAL,
            location=hub.code,
            area=hospital_areas[hub.code],
        )
    vsv_hubs = hospital_hubs[:n_vsv]
    vsv_areas = voronoi(vsv_hubs, places)
    for index, hub in enumerate(vsv_hubs):
        kind = "IGO" if index < n_igo else "VSV"
        builder.add(
            name=f"{kind} Geboortezorg {hub.name} e.o.",
            type=OrganisationType.VSV_IGO,
            location=hub.code,
            area=vsv_areas[hub.code],
        )
    for index in range(_scaled(NATIONAL_COUNTS["midwifery"], places, scale)):
        home = rng.choice(places)
        neighbours = nearest(home, places, rng.randint(1, 4))
        name = f"Verloskundigenpraktijk {MIDWIFERY_NAMES[index % len(MIDWIFERY_NAMES)]} {home.name}"
        builder.add(
            name=name,
            type=OrganisationType.MIDWIFERY,
            location=home.code,
            area=[home.code, *(p.code for p in neighbours)],
            website=rng.random() < 0.8,
        )
    for index in range(_scaled(NATIONAL_COUNTS["kraamzorg"], places, scale)):
        home = rng.choice(places)
        neighbours = nearest(home, places, rng.randint(5, 20), same_province=True)
        builder.add(
            name=f"{KRAAMZORG_NAMES[index % len(KRAAMZORG_NAMES)]} {by_code[home.code].name}",
            type=OrganisationType.MATERNITY_CARE,
            location=home.code,
            area=[home.code, *(p.code for p in neighbours)],
        )


def _regional_and_local(builder: _Builder, places: list[Place], rng) -> None:
    regions: dict[str, list[Place]] = {}
    for place in places:
        regions.setdefault(place.ggd, []).append(place)
    for members in regions.values():
        seat = members[0]
        area = [p.code for p in members]
        region_name = seat.ggd_name.removeprefix("GGD ")
        builder.add(
            name=f"GGD {region_name} (jeugdgezondheidszorg)",
            type=OrganisationType.GGD,
            location=seat.code,
            area=area,
        )
        builder.add(
            name=f"Veilig Thuis {region_name}",
            type=OrganisationType.VEILIG_THUIS,
            location=seat.code,
            area=area,
        )
    for place in places:
        builder.add(
            name=f"Gemeente {place.name}",
            type=OrganisationType.MUNICIPALITY,
            location=place.code,
            area=[place.code],
        )
        builder.add(
            name=f"{rng.choice(TEAM_NAMES)} {place.name}",
            type=OrganisationType.NEIGHBOURHOOD_TEAM,
            location=place.code,
            area=[place.code],
            website=False,
        )
        builder.add(
            name=f"{rng.choice(WELFARE_NAMES)} {place.name}",
            type=OrganisationType.WELFARE,
            location=place.code,
            area=[place.code],
        )


def seed(*, scale: str, rng, stdout) -> None:
    if Organisation.objects.filter(is_demo=True).exists():
        stdout.write("  directory: voorbeeldorganisaties staan er al")
        return
    places = demo_places(scale)
    builder = _Builder()
    _birth_care(builder, places, scale, rng)
    _regional_and_local(builder, places, rng)
    created = Organisation.objects.bulk_create(builder.organisations, batch_size=500)
    Through = Organisation.service_area.through
    Through.objects.bulk_create(
        [
            Through(organisation_id=organisation.pk, municipality_id=code)
            for organisation, area in zip(created, builder.areas, strict=True)
            for code in area
        ],
        batch_size=5000,
    )
    stdout.write(f"  directory: {len(created)} voorbeeldorganisaties")
