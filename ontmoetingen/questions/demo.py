"""Demo questions, FAQ entries and theme proposals. All fictional, flagged ``is_demo``.

Runs after the events and toolkit seeders (INSTALLED_APPS order): a few taken-up proposals link
to their demo events or resources when those areas are installed.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.accounts.services import user_create
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.models import Theme
from ontmoetingen.questions.models import Question, QuestionNote, ThemeProposal, Vote
from ontmoetingen.questions.selectors import linkable_objects
from ontmoetingen.regions.models import Municipality

SIZES = {"small": (40, 10), "national": (150, 30)}
DEMO_DOMAIN = "demo.kansrijke-ontmoetingen.nl"
DAYS_BACK = 730

# (theme slug, kind, question, answer) — written for this demo
QUESTIONS = [
    (
        "kwetsbare-zwangeren",
        "question",
        "Hoe spreken wij als verloskundigenpraktijk met het wijkteam af wie de eerste stap zet als een zwangere zorgen heeft over haar woonsituatie?",
        "Maak in de coalitie een korte **werkafspraak**: wie signaleert, wie belt wie en binnen hoeveel dagen. Veel coalities gebruiken een vast aanspreekpunt in het wijkteam en een warme overdracht met toestemming van de zwangere. Leg de afspraak vast op één A4 en bespreek hem twee keer per jaar.",
    ),
    (
        "kwetsbare-zwangeren",
        "need",
        "Is er een voorbeeld van een gezamenlijk overdrachtsformulier tussen geboortezorg en JGZ voor zwangeren in een kwetsbare situatie?",
        "Ja, in de toolkit staan enkele voorbeelden van overdrachtsafspraken. Let erop dat een formulier alleen werkt als beide kanten weten wat er daarna gebeurt. Begin met een gesprek tussen de verloskundige en de jeugdverpleegkundige over wat zij van elkaar nodig hebben.",
    ),
    (
        "armoede-en-geldzorgen",
        "question",
        "Wat kan een kraamverzorgende doen als zij merkt dat er geen geld is voor de basisuitzet?",
        "Bespreek het met de ouders en vraag toestemming om contact te leggen met het sociaal domein. Veel gemeenten hebben een **bijzondere bijstand** of een fonds voor de babyuitzet. De lokale coalitie kan een overzicht maken van deze regelingen, zodat iedere professional weet waar ouders terechtkunnen.",
    ),
    (
        "armoede-en-geldzorgen",
        "need",
        "Wij zoeken een eenvoudige sociale kaart met geldregelingen voor jonge ouders, die verloskundigen kunnen gebruiken.",
        "Een aantal coalities heeft zo'n kaart gemaakt samen met de schuldhulpverlening van de gemeente. Houd hem kort: per regeling één zin, een telefoonnummer van het loket en wie kan helpen bij de aanvraag.",
    ),
    (
        "huiselijk-geweld",
        "question",
        "Wanneer is de meldcode voor de geboortezorg anders dan voor de JGZ?",
        "Het afwegingskader verschilt per beroepsgroep, maar de **vijf stappen** van de meldcode zijn dezelfde. Bespreek in de coalitie wie wanneer contact zoekt met Veilig Thuis, zodat er geen dubbel werk is en geen signaal blijft liggen.",
    ),
    (
        "middelengebruik",
        "event_idea",
        "Idee: een regionale bijeenkomst over stoppen met roken rond de zwangerschap, samen met de huisartsen.",
        "Dank voor het idee! We nemen het mee in de planning van de kennisbijeenkomsten. Houd de agenda in de gaten.",
    ),
    (
        "mentale-gezondheid",
        "question",
        "Welke signalen van psychische klachten tijdens de zwangerschap moeten we aan de JGZ doorgeven, en hoe?",
        "Geef signalen door die de **ouder-kindrelatie** kunnen raken, altijd met toestemming. Spreek in de coalitie af via welke weg (telefoon, beveiligde mail) en wie terugkoppelt. De JGZ kan dan bij het eerste huisbezoek aansluiten bij wat al bekend is.",
    ),
    (
        "mentale-gezondheid",
        "need",
        "Is er een good practice van een wijkgericht spreekuur voor ouders met somberheid na de bevalling?",
        "In de toolkit staan good practices van regio's die een laagdrempelig spreekuur organiseren met de POH-GGZ en de jeugdverpleegkundige. Kijk vooral naar hoe zij verwijzen en terugkoppelen.",
    ),
    (
        "nu-niet-zwanger",
        "question",
        "Hoe betrekken we de verloskundigen bij Nu Niet Zwanger als zij cliënten pas zien als die al zwanger zijn?",
        "Verloskundigen zien vaak ook vrouwen na de bevalling: het **kraambed en de nacontrole** zijn goede momenten om over een volgende zwangerschap te praten. Nodig de praktijken uit voor een gezamenlijke scholing met het sociaal domein.",
    ),
    (
        "samenwerking-en-coalitievorming",
        "question",
        "Onze coalitie heeft geen geboortezorg aan tafel. Hoe krijgen we de verloskundigen erbij?",
        "Begin klein: nodig één praktijk uit voor een kennismaking, niet meteen voor een stuurgroep. Vraag wat hen bezighoudt en laat zien wat de coalitie voor hun cliënten kan betekenen. Plan het overleg op een tijd die past bij diensten en spreekuren.",
    ),
    (
        "samenwerking-en-coalitievorming",
        "other",
        "Mag een verloskundige aanschuiven bij het casusoverleg van het wijkteam?",
        "Dat kan, als de afspraken over **privacy en toestemming** helder zijn. Veel coalities werken met een anoniem casusoverleg, waarin alleen met toestemming herleidbare gegevens worden gedeeld.",
    ),
    (
        "samenwerking-en-coalitievorming",
        "need",
        "We zoeken een voorbeeld van een convenant tussen gemeente, geboortezorg en JGZ.",
        "Er zijn verschillende voorbeelden van samenwerkingsafspraken. Een convenant is niet altijd nodig: een gezamenlijk actieplan met concrete afspraken werkt vaak beter om te beginnen.",
    ),
    (
        "monitoring-en-evaluatie",
        "question",
        "Welke cijfers kunnen we gebruiken om te zien of onze coalitie iets bereikt?",
        "Kies een paar **procesindicatoren** (wie zit aan tafel, hoeveel gezamenlijke overleggen) en een paar uitkomsten die lokaal beschikbaar zijn. Bespreek de cijfers jaarlijks met alle partners en vraag ook naar ervaringen van ouders.",
    ),
    (
        "ouders-betrekken",
        "event_idea",
        "Een webinar over hoe je ervaringsdeskundige ouders betaalt en begeleidt zou mij helpen.",
        "Goed idee; we zetten het op de lijst voor de webinars. U kunt het ook als themavoorstel indienen, dan kunnen anderen erop stemmen.",
    ),
    (
        "ouders-betrekken",
        "question",
        "Hoe vragen we ouders naar hun ervaring zonder dat het voelt als een evaluatieformulier?",
        "Werk met een kort gesprek aan de keukentafel of een ouderpanel. Vraag open wat hielp en wat niet, en laat ouders zien wat er met hun inbreng gebeurt.",
    ),
    (
        "eerste-1000-dagen",
        "question",
        "Waar vind ik een overzicht van alle partijen die in de eerste 1000 dagen iets doen in onze regio?",
        "Gebruik de gemeentepagina op deze site: daar staan de coalitie, de organisaties die in de gemeente werken en de bijeenkomsten in de buurt.",
    ),
    (
        "eerste-1000-dagen",
        "other",
        "Kunnen jullie de begrippen uit de geboortezorg ook uitleggen voor beleidsmedewerkers van de gemeente?",
        "Ja, daarvoor is de begrippenlijst. Woorden die daarin staan, worden op de hele site gemarkeerd met een korte uitleg.",
    ),
]

PROPOSALS = [
    (
        "Samenwerken met huisartsen in de coalitie",
        "meeting",
        "samenwerking-en-coalitievorming",
        "Hoe krijgen we huisartsen aan tafel en wat vragen zij van de coalitie?",
    ),
    (
        "Stoppen met roken: één aanpak van zwangerschap tot kraamtijd",
        "webinar",
        "middelengebruik",
        "Geboortezorg en JGZ geven nu verschillende adviezen; kunnen we één lijn afspreken?",
    ),
    (
        "Geldzorgen bespreekbaar maken in het eerste consult",
        "toolkit",
        "armoede-en-geldzorgen",
        "Een gesprekskaart voor verloskundigen om geldzorgen op een goede manier aan te kaarten.",
    ),
    (
        "Meldcode in de praktijk: casus uit de kraamzorg",
        "meeting",
        "huiselijk-geweld",
        "Samen oefenen met het afwegingskader, met Veilig Thuis erbij.",
    ),
    (
        "Ervaringsdeskundigen in de stuurgroep",
        "webinar",
        "ouders-betrekken",
        "Wat werkt als je ouders echt laat meebeslissen?",
    ),
    (
        "Eén sociale kaart per regio",
        "toolkit",
        "kwetsbare-zwangeren",
        "Een gedeeld overzicht van wie wat doet, bijgehouden door de coalitie.",
    ),
    (
        "Psychische klachten na de bevalling herkennen",
        "webinar",
        "mentale-gezondheid",
        "Signalen, gespreksvoering en doorverwijzen: wat kan iedere professional?",
    ),
    (
        "Nu Niet Zwanger in de kraamperiode",
        "meeting",
        "nu-niet-zwanger",
        "Hoe nemen kraamverzorgenden het gesprek over een volgende zwangerschap mee?",
    ),
    (
        "Coalitie-indicatoren die echt iets zeggen",
        "toolkit",
        "monitoring-en-evaluatie",
        "Een set van vijf indicatoren die iedere coalitie kan bijhouden.",
    ),
    (
        "Taal van het sociaal domein voor verloskundigen",
        "webinar",
        "samenwerking-en-coalitievorming",
        "Wat is een keukentafelgesprek, een beschikking, een wijkteam? Een korte uitleg.",
    ),
    (
        "Warme overdracht van verloskundige naar JGZ",
        "meeting",
        "kwetsbare-zwangeren",
        "Afspraken maken over wanneer en hoe de JGZ eerder in beeld komt.",
    ),
    (
        "Schulden en zwangerschap: wat kan de gemeente?",
        "webinar",
        "armoede-en-geldzorgen",
        "Regelingen, snelle hulp en wie het aanspreekpunt is.",
    ),
    (
        "Ouderpanel opzetten in vijf stappen",
        "toolkit",
        "ouders-betrekken",
        "Een stappenplan met voorbeelden van uitnodigingen en vergoedingen.",
    ),
    (
        "Alcohol in de zwangerschap: het gesprek met de partner",
        "meeting",
        "middelengebruik",
        "Ook de partner betrekken bij leefstijladviezen.",
    ),
    (
        "Veilig thuis na de geboorte",
        "webinar",
        "huiselijk-geweld",
        "Signalen in de kraamweek en samenwerking met het wijkteam.",
    ),
    (
        "Coalitie in een plattelandsregio",
        "meeting",
        "samenwerking-en-coalitievorming",
        "Kleine gemeenten, grote afstanden: hoe organiseer je een coalitie?",
    ),
    (
        "Jonge moeders en school",
        "webinar",
        "kwetsbare-zwangeren",
        "Samen met leerplicht en onderwijs jonge moeders ondersteunen.",
    ),
    (
        "Eenzaamheid bij jonge ouders",
        "meeting",
        "mentale-gezondheid",
        "Wat kunnen buurtinitiatieven betekenen voor ouders zonder netwerk?",
    ),
    (
        "Gezamenlijke scholing geboortezorg en sociaal domein",
        "meeting",
        "eerste-1000-dagen",
        "Eén dag samen leren, zodat professionals elkaar leren kennen.",
    ),
    (
        "Gegevens delen met toestemming: wat mag wel?",
        "webinar",
        "samenwerking-en-coalitievorming",
        "Een heldere uitleg over de AVG voor coalitiepartners.",
    ),
    (
        "Statushouders en zwangerschap",
        "toolkit",
        "kwetsbare-zwangeren",
        "Materiaal in eenvoudige taal en met beelden voor nieuwkomers.",
    ),
    (
        "Laaggeletterdheid herkennen in de spreekkamer",
        "toolkit",
        "eerste-1000-dagen",
        "Een korte checklist en tips voor begrijpelijke informatie.",
    ),
    (
        "Wat levert de coalitie op? Verhalen van ouders",
        "webinar",
        "monitoring-en-evaluatie",
        "Naast cijfers ook ervaringen verzamelen en delen.",
    ),
    (
        "Kinderwens bij psychische kwetsbaarheid",
        "meeting",
        "nu-niet-zwanger",
        "Samen met de GGZ het gesprek over kinderwens voeren.",
    ),
    (
        "Mantelzorg rond een kwetsbaar gezin",
        "webinar",
        "eerste-1000-dagen",
        "Wie helpt het gezin, en hoe houden professionals overzicht?",
    ),
    (
        "Voeding en armoede in de eerste 1000 dagen",
        "toolkit",
        "armoede-en-geldzorgen",
        "Praktische tips en lokale voedselinitiatieven voor jonge gezinnen.",
    ),
    (
        "De rol van de kraamzorg in de coalitie",
        "meeting",
        "samenwerking-en-coalitievorming",
        "Kraamverzorgenden zien gezinnen thuis: hoe benut de coalitie dat?",
    ),
    (
        "Digitale hulpmiddelen voor overdracht",
        "toolkit",
        "samenwerking-en-coalitievorming",
        "Welke systemen gebruiken coalities om veilig informatie te delen?",
    ),
    (
        "Vaders betrekken vanaf de zwangerschap",
        "webinar",
        "ouders-betrekken",
        "Hoe bereik je vaders en partners, en wat hebben zij nodig?",
    ),
    (
        "Tienerzwangerschappen: regionale aanpak",
        "meeting",
        "kwetsbare-zwangeren",
        "Wat werkt in regio's met relatief veel tienerzwangerschappen?",
    ),
]

FIRST_NAMES = [
    "Anouk",
    "Bas",
    "Charlotte",
    "Daan",
    "Esra",
    "Fleur",
    "Gijs",
    "Hanna",
    "Imane",
    "Joost",
    "Karin",
    "Lotte",
    "Mehmet",
    "Nina",
    "Olaf",
    "Priya",
    "Rik",
    "Sanne",
    "Tom",
    "Yara",
]
LAST_NAMES = [
    "Bakker",
    "de Boer",
    "Visser",
    "Smit",
    "Meijer",
    "de Groot",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
]
NOTES = [
    "Navragen bij de regiocoördinator of dit vaker speelt.",
    "Past mogelijk bij de kennisbijeenkomst in het voorjaar.",
    "Doorgezet naar de toolkitredactie voor een voorbeeld.",
    "Even bellen met de vraagsteller voor meer context.",
]
VOTERS = 18


def _people(rng) -> list[User]:
    people = []
    for n in range(VOTERS):
        email = f"stemmer{n + 1}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            name = (
                f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[n % len(LAST_NAMES)]} (voorbeeld)"
            )
            user = user_create(email=email, full_name=name, roles=[Role.PROFESSIONAL])
        people.append(user)
    professional = User.objects.filter(email=f"professional@{DEMO_DOMAIN}").first()
    if professional:
        people.insert(0, professional)
    return people


def _answer_links() -> list[tuple[str, str, set[int]]]:
    """(url, title, theme ids) of demo events and resources, when those areas are there."""
    links = []
    for _, objects in linkable_objects(limit=100, newest_first=False):
        for obj in objects:
            try:
                themes = {t.pk for t in obj.themes.all()} if hasattr(obj, "themes") else set()
                links.append((obj.get_absolute_url(), str(obj), themes))
            except Exception:  # noqa: S112 - skip objects without a page
                continue
    if not links:
        # without demo events or resources, published FAQ answers serve as the answer
        links = [
            (faq.get_faq_url(), f"Veelgestelde vraag: {faq.faq_title}", {faq.theme_id})
            for faq in Question.objects.published().filter(is_demo=True).order_by("pk")[:6]
        ]
    return links


def _link_for(proposal: ThemeProposal, links: list, fallback: int) -> tuple[str, str]:
    matching = [link for link in links if proposal.theme_id in link[2]]
    pool = matching or links
    url, title, _ = pool[fallback % len(pool)]
    return url, title


def _status_for(age_days: int, rng) -> str:
    if age_days < 21:
        return rng.choice(["new", "new", "new", "in_progress", "in_progress"])
    if age_days < 90:
        return rng.choice(["new", "in_progress", "answered", "answered", "closed"])
    return rng.choice(["answered", "answered", "closed", "closed", "in_progress"])


def _seed_questions(count: int, rng, *, now, team, municipalities, themes) -> int:
    published_templates = set()
    notes = []
    for n in range(count):
        template = rng.randrange(len(QUESTIONS))
        slug, kind, text, answer = QUESTIONS[template]
        # more questions lately: the platform became better known over time
        age = int(DAYS_BACK * rng.random() ** 1.6)
        created = now - timedelta(days=age, hours=rng.randrange(24), minutes=rng.randrange(60))
        status = _status_for(age, rng)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        question = Question(
            kind=kind,
            status=status,
            domain=rng.choice(Domain.values),
            municipality=rng.choice(municipalities)
            if municipalities and rng.random() < 0.85
            else None,
            theme=themes.get(slug),
            text=text,
            name=f"{first} {last} (voorbeeld)",
            email=f"vraagsteller{n + 1}@{DEMO_DOMAIN}",
            token=secrets.token_urlsafe(24),
            created_at=created,
            assigned_to=team if status != "new" else None,
            is_demo=True,
        )
        if status in ("answered", "closed"):
            question.answer = answer
            question.answered_at = min(created + timedelta(days=rng.randint(1, 30)), now)
            question.answered_by = team
            if status == "closed":
                question.closed_at = question.answered_at
            if template not in published_templates:
                published_templates.add(template)
                question.is_published = True
                question.faq_question = text
                question.faq_answer = answer
                question.published_at = question.answered_at
        question.save()
        if status != "new" and rng.random() < 0.4:
            notes.append(
                QuestionNote(
                    question=question, author=team, text=rng.choice(NOTES), created_at=created
                )
            )
    QuestionNote.objects.bulk_create(notes)
    return len(published_templates)


def _seed_proposals(count: int, rng, *, now, people, team, municipalities, themes) -> int:
    links = _answer_links()
    taken = 0
    votes = []
    for index, (title, purpose, slug, description) in enumerate(PROPOSALS[:count]):
        created = now - timedelta(days=rng.randrange(DAYS_BACK // 2))
        proposer = people[index % len(people)]
        proposal = ThemeProposal.objects.create(
            title=title,
            description=description,
            purpose=purpose,
            theme=themes.get(slug),
            domain=rng.choice(Domain.values),
            municipality=rng.choice(municipalities) if municipalities else None,
            proposer=proposer,
            created_at=created,
            is_demo=True,
        )
        voters = rng.sample(people, rng.randint(0, min(len(people), 14)))
        votes.extend(
            Vote(
                proposal=proposal,
                user=voter,
                created_at=created + timedelta(days=rng.randint(0, 30)),
            )
            for voter in voters
        )
        if links and index % 5 == 0:
            url, link_title = _link_for(proposal, links, taken)
            proposal.status = ThemeProposal.Status.TAKEN_UP
            proposal.taken_up_url = url
            proposal.taken_up_title = link_title
            proposal.taken_up_at = created + timedelta(days=45)
            proposal.taken_up_by = team
            proposal.save()
            taken += 1
    Vote.objects.bulk_create(votes)
    return taken


def seed(*, scale: str, rng, stdout) -> None:
    if Question.objects.filter(is_demo=True).exists():
        stdout.write("  questions: voorbeeldvragen stonden er al")
        return
    question_count, proposal_count = SIZES.get(scale, SIZES["national"])
    now = timezone.now()
    team = User.objects.filter(email=f"projectteam@{DEMO_DOMAIN}").first()
    municipalities = list(Municipality.objects.active().order_by("code").only("code"))
    themes = {t.slug: t for t in Theme.objects.all()}
    faq = _seed_questions(
        question_count, rng, now=now, team=team, municipalities=municipalities, themes=themes
    )
    people = _people(rng)
    taken = _seed_proposals(
        proposal_count,
        rng,
        now=now,
        people=people,
        team=team,
        municipalities=municipalities,
        themes=themes,
    )
    stdout.write(
        f"  questions: {question_count} vragen ({faq} als veelgestelde vraag), "
        f"{proposal_count} themavoorstellen ({taken} opgepakt)"
    )
