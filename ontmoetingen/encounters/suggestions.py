"""Whom to meet: the people a professional would most gain from knowing.

The score of a candidate, highest first (ties: name). Every weight lives here, in ``WEIGHTS``:

* **domain** (the heart of the programme): geboortezorg ↔ sociaal domein or gemeente is the
  bridge the project exists for and scores highest; JGZ stands in between and scores well with
  both sides; two people of the same domain score nothing for domain.
* **working area**: candidates must share at least one municipality (no overlap, no
  suggestion); each shared municipality adds points, up to ``AREA_CAP``.
* **themes**: each shared theme adds points, up to ``THEME_CAP``.
* **offer ↔ ask**: a tag of what one offers that the other asks for (in their tags or their
  text) adds points, in either direction, up to ``MATCH_CAP`` per direction.

Never suggested: oneself, unpublished profiles, anyone with whom there was an introduction in
any state (open, accepted, declined, expired), anyone blocked either way.

The database computes domain, area and theme points for all candidates and keeps the best
``CANDIDATES``; the offer/ask match (text) is added in Python on those only. The number of
queries does not depend on the number of profiles.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from ontmoetingen.core.domain import Domain
from ontmoetingen.encounters.models import Professional
from ontmoetingen.encounters.selectors import excluded_user_ids

WEIGHTS = {
    "domain_bridge": 40,  # geboortezorg ↔ sociaal domein / gemeente
    "domain_jgz": 25,  # JGZ ↔ geboortezorg, sociaal domein or gemeente
    "domain_social_municipality": 10,  # sociaal domein ↔ gemeente
    "domain_other": 5,  # "overig" with anyone else
    "area": 10,  # per shared municipality, up to AREA_CAP
    "theme": 8,  # per shared theme, up to THEME_CAP
    "match": 15,  # per offer↔ask tag match and direction, up to MATCH_CAP
}
AREA_CAP = 3
THEME_CAP = 3
MATCH_CAP = 2
CANDIDATES = 150  # best by database score, before the text match is added
DEFAULT_LIMIT = 20

_MEDICAL = {Domain.BIRTH_CARE}
_SOCIAL = {Domain.SOCIAL, Domain.MUNICIPALITY}


def domain_points(mine: str, theirs: str) -> int:
    """Points for the pair of domains (symmetric)."""
    if mine == theirs:
        return 0
    pair = {mine, theirs}
    if Domain.OTHER in pair:
        return WEIGHTS["domain_other"]
    if Domain.YOUTH_HEALTH in pair:
        return WEIGHTS["domain_jgz"]
    if pair & _MEDICAL and pair & _SOCIAL:
        return WEIGHTS["domain_bridge"]
    return WEIGHTS["domain_social_municipality"]


DOMAIN_WORDS = {
    Domain.BIRTH_CARE: "geboortezorg",
    Domain.YOUTH_HEALTH: "jeugdgezondheidszorg",
    Domain.SOCIAL: "sociaal domein",
    Domain.MUNICIPALITY: "gemeente (beleid)",
    Domain.OTHER: "ander domein",
}


@dataclass
class Suggestion:
    profile: Professional
    score: int
    reasons: list[str] = field(default_factory=list)

    @property
    def why(self) -> str:
        return " · ".join(self.reasons)


def _count(through, *, lookup: str, values) -> Subquery:
    return Coalesce(
        Subquery(
            through.objects.filter(professional_id=OuterRef("pk"), **{f"{lookup}__in": values})
            .values("professional_id")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def _least(expression, cap: int):
    return Case(When(**{f"{expression}__gt": cap}, then=Value(cap)), default=F(expression))


def _candidates(me: Professional, area: list[str], themes: list[int], exclude: set[int]):
    area_through = Professional.working_area.through
    theme_through = Professional.themes.through
    domain_case = Case(
        *[When(domain=d, then=Value(domain_points(me.domain, d))) for d in Domain.values],
        default=Value(0),
        output_field=IntegerField(),
    )
    return list(
        Professional.objects.published()
        .exclude(user_id__in=exclude)
        .filter(
            Exists(
                area_through.objects.filter(
                    professional_id=OuterRef("pk"), municipality_id__in=area
                )
            )
        )
        .annotate(
            area_n=_count(area_through, lookup="municipality_id", values=area),
            theme_n=_count(theme_through, lookup="theme_id", values=themes or [0]),
            domain_score=domain_case,
        )
        .annotate(
            db_score=F("domain_score")
            + _least("area_n", AREA_CAP) * WEIGHTS["area"]
            + _least("theme_n", THEME_CAP) * WEIGHTS["theme"]
        )
        .select_related("user", "organisation")
        .order_by("-db_score", "user__full_name", "id")[:CANDIDATES]
    )


def _matches(tags: list[str], other_tags: list[str], other_text: str) -> list[str]:
    text = other_text.lower()
    return [tag for tag in tags if tag in other_tags or tag in text][:MATCH_CAP]


def _names(values: list[str]) -> str:
    if len(values) > AREA_CAP:
        return f"{', '.join(values[:2])} en {len(values) - 2} andere gemeenten"
    if len(values) > 1:
        return f"{', '.join(values[:-1])} en {values[-1]}"
    return values[0] if values else ""


def _details(ids: list[int], area: list[str], themes: list[int]):
    area_names: dict[int, list[str]] = defaultdict(list)
    for pid, name in (
        Professional.working_area.through.objects.filter(
            professional_id__in=ids, municipality_id__in=area
        )
        .order_by("municipality__name")
        .values_list("professional_id", "municipality__name")
    ):
        area_names[pid].append(name)
    theme_names: dict[int, list[str]] = defaultdict(list)
    for pid, name in (
        Professional.themes.through.objects.filter(professional_id__in=ids, theme_id__in=themes)
        .order_by("theme__name")
        .values_list("professional_id", "theme__name")
    ):
        theme_names[pid].append(name)
    return area_names, theme_names


def _explain(me: Professional, other: Professional, areas, themes) -> Suggestion:
    reasons = [f"werkt ook in {_names(areas)}"]
    points = other.db_score
    if other.domain != me.domain:
        reasons.append(DOMAIN_WORDS[Domain(other.domain)])
    if themes:
        word = "het thema" if len(themes) == 1 else "de thema's"
        reasons.append(f"deelt {word} {_names(themes)}")
    asks = _matches(me.offer_tag_list, other.ask_tag_list, other.ask)
    offers = _matches(me.ask_tag_list, other.offer_tag_list, other.offer)
    if asks:
        reasons.append(f"zoekt wat u aanbiedt: {', '.join(asks)}")
    if offers:
        reasons.append(f"biedt wat u zoekt: {', '.join(offers)}")
    points += (len(asks) + len(offers)) * WEIGHTS["match"]
    return Suggestion(profile=other, score=points, reasons=reasons)


def suggestions_for(user, *, limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
    """The best people for ``user`` to meet, each with why in plain Dutch. Empty without a
    profile or working area."""
    me = Professional.objects.filter(user=user).first()
    if me is None:
        return []
    area = list(me.working_area.values_list("code", flat=True))
    if not area:
        return []
    themes = list(me.themes.values_list("id", flat=True))
    candidates = _candidates(me, area, themes, excluded_user_ids(user))
    area_names, theme_names = _details([c.pk for c in candidates], area, themes)
    found = [_explain(me, c, area_names[c.pk], theme_names[c.pk]) for c in candidates]
    found.sort(key=lambda s: (-s.score, s.profile.user.full_name, s.profile.pk))
    return found[:limit]
