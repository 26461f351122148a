"""Demo agenda: about 40 fictional events over the past year and the coming six months, one
national conference with workshops, several nearly full, one full with a waiting list.
Everything is marked as an example (``is_demo``, names end in "(voorbeeld)").

Registrations are written directly with the statuses the rules would give (confirmed up to the
capacity in arrival order, then the waiting list), so seeding sends no mail.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.models import Theme
from ontmoetingen.events import programme_demo
from ontmoetingen.events.models import Event, EventKind, EventStatus, Registration, Session
from ontmoetingen.regions.models import Municipality

FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Chantal",
    "Daan",
    "Esra",
    "Fleur",
    "Gijs",
    "Hanna",
    "Imane",
    "Joost",
    "Kim",
    "Lotte",
    "Mohamed",
    "Noor",
    "Olga",
    "Pieter",
    "Rosa",
    "Sanne",
    "Tim",
    "Yara",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Kaya",
    "El Amrani",
    "Yilmaz",
]
ORGANISATIONS = {
    Domain.BIRTH_CARE: ["Verloskundigenpraktijk De Linde", "Kraamzorg Samen", "VSV Rivierenland"],
    Domain.YOUTH_HEALTH: ["GGD Jeugdgezondheid", "JGZ Centrum Jong", "Consultatiebureau Oost"],
    Domain.SOCIAL: ["Wijkteam Noord", "Stichting Thuis in de Wijk", "Schuldhulp Samen"],
    Domain.MUNICIPALITY: ["Gemeente (beleid)", "Sociaal domein gemeente"],
    Domain.OTHER: ["Huisartsenpraktijk Het Plein", "Kennisinstituut (voorbeeld)"],
}
ROLES = {
    Domain.BIRTH_CARE: ["verloskundige", "kraamverzorgende", "gynaecoloog"],
    Domain.YOUTH_HEALTH: ["jeugdverpleegkundige", "jeugdarts"],
    Domain.SOCIAL: ["wijkteammedewerker", "maatschappelijk werker"],
    Domain.MUNICIPALITY: ["beleidsmedewerker", "programmaleider Kansrijke Start"],
    Domain.OTHER: ["huisarts", "adviseur"],
}
# (title, summary, description): demo texts written for this platform; the events are fictional.
TOPIC_TEXTS = [
    (
        "Elkaars taal leren spreken",
        "Wat bedoelt een verloskundige met een VSV, en wat doet een wijkteam precies? We leggen de woorden van beide domeinen naast elkaar.",
        "Een verloskundige, een jeugdverpleegkundige en een medewerker van het wijkteam beschrijven dezelfde zwangere elk in hun eigen woorden. "
        "In deze bijeenkomst ontdekken we waar die woorden botsen.\n\n"
        "## Programma\n\n- Korte kennismaking in gemengde tweetallen\n- Casus: een zwangere met schulden en weinig steun thuis\n"
        "- Samen een eigen lijstje maken van woorden die in uw regio uitleg nodig hebben\n\n"
        "Neem gerust een collega uit het andere domein mee.",
    ),
    (
        "Kwetsbare zwangeren vroeg in beeld",
        "Hoe herkent u een kwetsbare zwangerschap vroeg, en bij wie kunt u dan terecht? Met voorbeelden uit de praktijk.",
        "Hoe eerder een kwetsbare situatie in beeld is, hoe meer tijd er is om steun te regelen. "
        "We bespreken signalen die verloskundigen en huisartsen zien en wat de gemeente en het wijkteam kunnen doen.\n\n"
        "## U gaat naar huis met\n\n- een overzicht van de route in uw gemeente\n- afspraken over wie wie belt\n"
        "- contactgegevens van collega's uit het andere domein",
    ),
    (
        "Armoede en geldzorgen rond de geboorte",
        "Geldzorgen maken een zwangerschap zwaarder. Welke hulp bestaat er en hoe verwijst u zonder drempels?",
        "Schulden en een laag inkomen geven stress, en stress tijdens de zwangerschap is niet goed voor moeder en kind. "
        "Schuldhulpverlening, het wijkteam en de verloskundige vertellen hoe zij samenwerken.\n\n"
        "We oefenen het gesprek over geld: hoe vraagt u ernaar, en wat zegt u als iemand hulp nodig heeft?",
    ),
    (
        "Van zwangerschap naar consultatiebureau: de overdracht",
        "De overdracht van kraamzorg naar JGZ: wat moet de jeugdverpleegkundige weten, en hoe regelt u dat met toestemming?",
        "Na de kraamweek neemt de JGZ de zorg over. Bij gezinnen in een kwetsbare situatie gaat op dat moment soms informatie verloren.\n\n"
        "Kraamzorg, verloskundigen en JGZ bespreken wat een warme overdracht is, welke gegevens nodig zijn en hoe u toestemming van de ouders vraagt.",
    ),
    (
        "Nu niet zwanger: het gesprek over kinderwens",
        "Hoe voert u het gesprek over kinderwens en anticonceptie met mensen in een kwetsbare situatie? Met oefeningen.",
        "Nu Niet Zwanger helpt mensen in een kwetsbare situatie een bewuste keuze te maken over kinderwens. "
        "In deze bijeenkomst oefenen we het gesprek, met een acteur.\n\n"
        "Voor professionals uit het sociaal domein die dit gesprek (nog) niet voeren, en voor zorgverleners die willen weten wie er in hun gemeente mee werkt.",
    ),
    (
        "Samenwerken in de wijk rond de eerste 1000 dagen",
        "Wie werkt er in uw wijk voor ouders met een baby? Een praktische sessie over elkaar vinden en bereiken.",
        "De eerste 1000 dagen lopen van de kinderwens tot de tweede verjaardag. In die tijd komen ouders veel professionals tegen, "
        "die elkaar lang niet altijd kennen.\n\n"
        "We brengen in kaart wie er in de wijk werkt, en maken per wijk afspraken over bereikbaarheid.",
    ),
    (
        "De coalitie op gang: wie mist er aan tafel?",
        "Voor coördinatoren en partners van een lokale coalitie: hoe krijgt u de geboortezorg aan tafel, en hoe houdt u iedereen betrokken?",
        "Veel lokale coalities Kansrijke Start hebben de gemeente, de JGZ en het wijkteam aan tafel, maar missen de geboortezorg. "
        "Verloskundigen en kraamzorg werken vaak in meerdere gemeenten tegelijk en hebben weinig tijd.\n\n"
        "## Wat we doen\n\n- Kijken op de kaart van deze site wie in uw gemeente werkt\n"
        "- Bespreken wat een verloskundigenpraktijk of VSV nodig heeft om mee te doen\n- Een uitnodiging opstellen",
    ),
    (
        "Huiselijk geweld en zwangerschap",
        "Zwangerschap is een moment waarop huiselijk geweld kan beginnen of erger worden. Wat doet u met een vermoeden?",
        "We lopen samen de stappen van de meldcode huiselijk geweld en kindermishandeling door, vanuit de verloskundige praktijk en vanuit het wijkteam. "
        "Een medewerker van Veilig Thuis vertelt wat er gebeurt na een melding of een adviesvraag.",
    ),
]
KIND_CYCLE = [
    EventKind.KNOWLEDGE,
    EventKind.WEBINAR,
    EventKind.START,
    EventKind.REGIOTOUR,
    EventKind.KNOWLEDGE,
    EventKind.WEBINAR,
]
WORKSHOPS = [
    ("Kwetsbare zwangeren signaleren", 0),
    ("Geldzorgen bespreekbaar maken", 0),
    ("De warme overdracht van kraamzorg naar JGZ", 0),
    ("Nu niet zwanger in de praktijk", 1),
    ("Een coalitie bouwen met de geboortezorg", 1),
    ("Taal en begrippen van het sociaal domein", 1),
]
DOMAIN_WEIGHTS = [
    (Domain.BIRTH_CARE, 35),
    (Domain.YOUTH_HEALTH, 25),
    (Domain.SOCIAL, 25),
    (Domain.MUNICIPALITY, 10),
    (Domain.OTHER, 5),
]
EVENT_COUNT = 40


def _at(day: datetime, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day.date(), time(hour, 0)))


def _working_day(day: datetime) -> datetime:
    """Saturday and Sunday move to the Monday after: nobody holds a meeting at the weekend."""
    return day + timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def _person(rng, n: int) -> dict:
    domain = rng.choices([d for d, _ in DOMAIN_WEIGHTS], weights=[w for _, w in DOMAIN_WEIGHTS])[0]
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return {
        "name": f"{first} {last} (voorbeeld)",
        "email": f"{slugify(first)}.{slugify(last)}.{n}@voorbeeld.kansrijke-ontmoetingen.nl",
        "domain": domain,
        "organisation": rng.choice(ORGANISATIONS[domain]),
        "role": rng.choice(ROLES[domain]),
    }


def _registrations(event: Event, rng, count: int, municipalities: list, *, start: int) -> list:
    rows = []
    base = min(event.starts_at, timezone.now()) - timedelta(days=30)
    for i in range(count):
        person = _person(rng, start + i)
        confirmed = event.capacity is None or i < event.capacity
        created = base + timedelta(minutes=7 * i)
        rows.append(
            Registration(
                event=event,
                status="confirmed" if confirmed else "waitlisted",
                wait_reason="" if confirmed else "capacity",
                created_at=created,
                confirmed_at=created if confirmed else None,
                work_municipality=rng.choice(municipalities) if municipalities else None,
                checked_in_at=event.starts_at
                if confirmed and event.is_past and rng.random() < 0.85
                else None,
                is_demo=True,
                **person,
            )
        )
    return rows


def _conference(today, rng, themes) -> Event:
    day = _working_day(today + timedelta(days=75))
    event = Event.objects.create(
        title="Landelijke conferentie Kansrijke Ontmoetingen (voorbeeld)",
        slug="landelijke-conferentie-kansrijke-ontmoetingen",
        kind=EventKind.CONFERENCE,
        status=EventStatus.PUBLISHED,
        summary="Een dag voor geboortezorg, JGZ, sociaal domein en gemeenten: leren, ontmoeten en samen verder.",
        description=(
            "De landelijke conferentie brengt de lokale coalities Kansrijke Start samen.\n\n"
            "- plenaire opening over de eerste 1000 dagen\n"
            "- twee workshoprondes\n"
            "- netwerkronde aan tafels die domeinen mengen\n"
        ),
        starts_at=_at(day, 9),
        ends_at=_at(day, 17),
        capacity=400,
        registration_opens_at=timezone.now() - timedelta(days=20),
        venue="Congrescentrum De Eenhoorn (voorbeeld)",
        address="Stationsplein 1, Amersfoort",
        is_national=True,
        co_organisers="Pharos, NCJ",
        audience=",".join(Domain.values),
        balance_max_share=45,
        is_demo=True,
    )
    event.themes.set(themes[:4])
    for title, slot in WORKSHOPS:
        Session.objects.create(
            event=event,
            title=f"{title} (voorbeeld)",
            starts_at=_at(day, 11 + slot * 3),
            ends_at=_at(day, 12 + slot * 3) + timedelta(minutes=15),
            capacity=70,
        )
    event.registration_questions.create(
        label="Doet u mee aan de netwerkronde?", kind="yesno", order=1
    )
    return event


def _event_fields(i: int, today, rng, municipalities) -> dict:
    kind = KIND_CYCLE[i % len(KIND_CYCLE)]
    # spread from a year ago to six months ahead
    offset = -360 + i * (540 // EVENT_COUNT) + rng.randint(0, 6)
    day = _working_day(today + timedelta(days=offset))
    place = rng.choice(municipalities) if municipalities else None
    online = kind == EventKind.WEBINAR
    topic, summary, description = TOPIC_TEXTS[i % len(TOPIC_TEXTS)]
    where = "online" if online else (place.name if place else "regio")
    return {
        "title": f"{kind.label.capitalize()} {where}: {topic} (voorbeeld)",
        "kind": kind,
        "status": EventStatus.PUBLISHED,
        "summary": summary,
        "description": description,
        "starts_at": _at(day, 13 if not online else 15),
        "ends_at": _at(day, 16),
        "capacity": rng.choice([30, 40, 60, 80, None])
        if not online
        else rng.choice([100, 150, None]),
        "is_online": online,
        "online_url": "https://webinar.voorbeeld.nl/kansrijk" if online else "",
        "venue": "" if online else "Wijkcentrum De Ontmoeting (voorbeeld)",
        "address": "" if online else f"Dorpsstraat {rng.randint(1, 120)}, {where}",
        "municipality": None if online else place,
        "is_national": online or place is None,
        "co_organisers": rng.choice(["NCJ", "Pharos", "NCJ, Pharos", ""]),
        "audience": ",".join(rng.sample(Domain.values[:4], k=rng.randint(2, 4))),
        "is_demo": True,
    }


@transaction.atomic
def seed(*, scale: str, rng, stdout) -> None:
    if Event.objects.filter(is_demo=True).exists():
        stdout.write("  events: voorbeeldagenda bestaat al")
        return
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    municipalities = list(Municipality.objects.active().select_related("province").order_by("code"))
    themes = list(Theme.objects.order_by("pk"))
    rows: list[Registration] = []
    conference = _conference(today, rng, themes)
    rows += _registrations(
        conference, rng, 180 if scale == "small" else 330, municipalities, start=0
    )
    counter = 1000
    for i in range(EVENT_COUNT - 1):
        fields = _event_fields(i, today, rng, municipalities)
        base = slugify(fields["title"])[:200]
        event = Event.objects.create(slug=f"{base}-{i + 1}", **fields)
        if event.municipality:
            event.provinces.add(event.municipality.province_id)
        event.themes.set(rng.sample(themes, k=min(2, len(themes))))
        capacity = event.capacity or 50
        if i == 30:  # full, with a waiting list
            event.capacity = capacity = 30
            event.save(update_fields=["capacity"])
            count = capacity + 6
        elif i in (28, 31, 33):  # nearly full
            count = capacity - rng.randint(1, 3)
        else:
            count = rng.randint(capacity // 4, capacity * 3 // 4)
        rows += _registrations(event, rng, count, municipalities, start=counter)
        counter += count
    created = Registration.objects.bulk_create(rows, batch_size=500)
    programme_demo.seed_conference(
        conference, [r for r in created if r.event_id == conference.pk], rng
    )
    _networking_event(created, rng)
    stdout.write(f"  events: {EVENT_COUNT} voorbeeldbijeenkomsten, {len(created)} aanmeldingen")


def _networking_event(created: list, rng) -> None:
    """The past event with the most people present gets held networking rounds."""
    present: dict[int, list] = {}
    for registration in created:
        if registration.checked_in_at and registration.event.is_past:
            present.setdefault(registration.event_id, []).append(registration)
    if not present:
        return
    event_id = max(sorted(present), key=lambda pk: len(present[pk]))
    event = present[event_id][0].event
    programme_demo.seed_networking(event, present[event_id], rng)
