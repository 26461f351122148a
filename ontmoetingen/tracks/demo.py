"""Demo regiotour: twelve visits across the country (held ones with a report and actions in
every state), and three recordings linked to past webinars. Everything marked as an example;
deterministic (the rng and the database's order) and idempotent."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ontmoetingen.coalitions.models import CoalitionMunicipality
from ontmoetingen.core.models import Theme
from ontmoetingen.directory.models import Organisation
from ontmoetingen.events.models import Event
from ontmoetingen.questions.models import Question
from ontmoetingen.regions.models import GgdRegion, Municipality, Province
from ontmoetingen.toolkit.models import Resource
from ontmoetingen.tracks.models import (
    FollowUpAction,
    Recording,
    Visit,
    VisitReport,
)

# (region kind, region code(s), days from today, status)
STOPS = [
    ("provincie", "PV20", -150, "bezocht"),
    ("ggd", None, -120, "bezocht"),
    ("gemeenten", 3, -95, "bezocht"),
    ("provincie", "PV30", -70, "vervallen"),
    ("ggd", None, -45, "bezocht"),
    ("provincie", "PV31", -20, "bezocht"),
    ("gemeenten", 2, 12, "bevestigd"),
    ("provincie", "PV24", 30, "bevestigd"),
    ("ggd", None, 48, "gepland"),
    ("provincie", "PV29", 70, "bevestigd"),
    ("gemeenten", 4, 95, "gepland"),
    ("provincie", "PV22", 120, "gepland"),
]
FINDINGS = [
    "De verloskundigen kennen het wijkteam nauwelijks; verwijzen gaat via de huisarts.",
    "Er is behoefte aan één aanspreekpunt voor zwangeren met geldzorgen.",
    "De coalitie wil de kraamzorg aan tafel, maar weet niet wie ze moet benaderen.",
    "JGZ en geboortezorg willen samen de overdracht na de kraamperiode verbeteren.",
    "Laaggeletterdheid komt vaak pas laat in beeld.",
]
AGREEMENTS = [
    "Kennismakingsbijeenkomst tussen VSV en wijkteams in het najaar.",
    "De coalitie nodigt de kraamzorg uit voor het volgende overleg.",
    "Projectteam stuurt de gespiegelde tools over de overdracht toe.",
]
ACTIONS = [
    ("Kraamzorgorganisatie uitnodigen voor het coalitieoverleg", "afgerond", -40),
    ("Kennismaking VSV en wijkteams plannen", "bezig", 20),
    ("Contactpersoon geboortezorg aanwijzen", "open", -10),
    ("Werkafspraak overdracht kraamzorg–JGZ opstellen", "open", 45),  # noqa: RUF001
    ("Folder geldzorgen verspreiden via verloskundigen", "vervallen", -5),
    ("Casusoverleg zwangeren in kwetsbare situatie starten", "open", -3),
]


def _weekday(day: date) -> date:
    while day.weekday() >= 5:  # Saturday, Sunday → Monday
        day += timedelta(days=1)
    return day


def _region(kind: str, code, rng, ggds: list, municipalities: list):
    if kind == "provincie":
        province = Province.objects.get(code=code)
        return {"province": province}, f"provincie {province.name}", province.code
    if kind == "ggd":
        ggd = ggds.pop(0)
        return {"ggd_region": ggd}, f"GGD-regio {ggd.name}", ggd.province_id
    chosen = rng.sample(municipalities, k=code)
    return {"municipalities": chosen}, " en ".join(m.name for m in chosen), chosen[0].province_id


def _hosts(province_code: str, rng) -> list:
    ids = sorted(
        set(
            CoalitionMunicipality.objects.filter(
                active=True, municipality__province_id=province_code
            ).values_list("coalition_id", flat=True)
        )
    )
    return rng.sample(ids, k=min(2, len(ids)))


def _visit(i: int, stop, *, rng, today, ggds, municipalities, resources) -> Visit:
    kind, code, days, status = stop
    region, label, province_code = _region(kind, code, rng, ggds, municipalities)
    municipality_list = region.pop("municipalities", [])
    visit = Visit.objects.create(
        title=f"Regiotour {label} (voorbeeld)",
        date=_weekday(today + timedelta(days=days)),
        status=status,
        region_kind=kind,
        summary="Kennismaken met de coalitie, de toolkit laten zien en horen wat er speelt.",
        contacts=f"Coördinator coalitie (voorbeeld), 06-0000{i:04d}",
        is_demo=True,
        **region,
    )
    visit.municipalities.set(municipality_list)
    visit.hosts.set(_hosts(province_code, rng))
    visit.resources.set(rng.sample(resources, k=min(2, len(resources))))
    near = list(
        Event.objects.filter(is_demo=True, provinces=province_code)
        .filter(starts_at__date__lt=today if days < 0 else today + timedelta(days=365))
        .order_by("starts_at")
        .values_list("pk", flat=True)[:1]
    )
    visit.events.set(near)
    return visit


def _report(visit: Visit, rng, themes, questions) -> None:
    report = VisitReport.objects.create(
        visit=visit,
        findings=" ".join(rng.sample(FINDINGS, k=2)),
        agreements=" ".join(rng.sample(AGREEMENTS, k=2)),
    )
    report.themes.set(rng.sample(themes, k=min(2, len(themes))))
    report.questions.set(rng.sample(questions, k=min(2, len(questions))))


def _actions(visit: Visit, index: int, today, organisations) -> list[FollowUpAction]:
    hosts = list(visit.hosts.all())
    result = []
    for n in range(3):
        description, status, due = ACTIONS[(index * 3 + n) % len(ACTIONS)]
        owner = (
            {"owner_coalition": hosts[n % len(hosts)]}
            if hosts and n < 2
            else {"owner_organisation": organisations[(index + n) % len(organisations)]}
        )
        result.append(
            FollowUpAction(
                visit=visit,
                description=description,
                status=status,
                due_date=today + timedelta(days=due),
                completed_at=timezone.now() if status == "afgerond" else None,
                is_demo=True,
                **owner,
            )
        )
    return result


def _recordings() -> int:
    webinars = list(
        Event.objects.filter(is_demo=True, kind="webinar", ends_at__lt=timezone.now()).order_by(
            "-starts_at"
        )[:3]
    )
    recordings = list(Resource.objects.filter(kind="webinar-opname", status="gepubliceerd")[:3])
    for event, resource in zip(webinars, recordings, strict=False):
        Recording.objects.get_or_create(event=event, resource=resource)
    return min(len(webinars), len(recordings))


def seed(*, scale: str, rng, stdout) -> None:
    if Visit.objects.filter(is_demo=True).exists():
        stdout.write("  tracks: voorbeeldregiotour bestaat al")
        return
    today = timezone.localdate()
    ggds = list(GgdRegion.objects.filter(active=True).order_by("code"))
    rng.shuffle(ggds)
    municipalities = list(Municipality.objects.active().order_by("code"))
    resources = list(Resource.objects.filter(status="gepubliceerd").order_by("pk")[:40])
    themes = list(Theme.objects.order_by("pk"))
    questions = list(Question.objects.order_by("pk")[:60])
    organisations = list(
        Organisation.objects.filter(active=True, domain="geboortezorg").order_by("pk")[:20]
    ) or list(Organisation.objects.order_by("pk")[:20])
    actions = []
    for i, stop in enumerate(STOPS):
        visit = _visit(
            i,
            stop,
            rng=rng,
            today=today,
            ggds=ggds,
            municipalities=municipalities,
            resources=resources,
        )
        if visit.status == "bezocht":
            _report(visit, rng, themes, questions)
            if organisations:
                actions += _actions(visit, i, today, organisations)
    FollowUpAction.objects.bulk_create(actions)
    linked = _recordings()
    stdout.write(
        f"  tracks: {len(STOPS)} regiotourbezoeken, {len(actions)} vervolgacties, "
        f"{linked} opnames gekoppeld"
    )
