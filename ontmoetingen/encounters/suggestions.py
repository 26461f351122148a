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

Two grouped queries count shared municipalities and themes for everyone in the area; the best
``CANDIDATES`` by those points are loaded, and the offer/ask match (text) is added on those only. The number of
queries does not depend on the number of profiles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

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
# Best by domain, area and theme points, before the offer/ask match is added: the match adds
# at most 2 directions x MATCH_CAP x WEIGHTS["match"] = 60 points, so a person further down
# rarely belongs in the top DEFAULT_LIMIT.
CANDIDATES = 80
CARD_FIELDS = (
    "user__full_name",
    "user__is_active",
    "domain",
    "profession",
    "profession_other",
    "organisation__name",
    "offer",
    "offer_tags",
    "ask",
    "ask_tags",
    "published",
    "is_demo",
)
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


def _capped(n: int, cap: int) -> int:
    return min(n, cap)


def _counts(links) -> Counter:
    """professional id → number of matching rows of a link table, counted by the database."""
    return Counter(
        dict(
            links.values("professional_id")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("professional_id", "n")
        )
    )


def _candidates(me: Professional, area: list[str], themes: list[int], exclude: set[int]):
    """Score every published person sharing a municipality and load the best ``CANDIDATES``
    with what a card shows. The counting reads only the two link tables (by their indexes)
    and the profiles' domain: no join, no GROUP BY over thousands of rows."""
    area_through = Professional.working_area.through
    sharing = area_through.objects.filter(municipality_id__in=area)
    area_n = _counts(sharing)
    ids = list(area_n)  # a list of ids probes the primary keys; a subquery was slower here
    theme_n = (
        _counts(
            Professional.themes.through.objects.filter(theme_id__in=themes, professional_id__in=ids)
        )
        if themes
        else Counter()
    )
    domains = Professional.objects.filter(published=True, pk__in=ids).exclude(user_id__in=exclude)
    scored = sorted(
        (
            -(
                domain_points(me.domain, domain)
                + _capped(area_n[pk], AREA_CAP) * WEIGHTS["area"]
                + _capped(theme_n[pk], THEME_CAP) * WEIGHTS["theme"]
            ),
            pk,
        )
        for pk, domain in domains.values_list("pk", "domain")
    )[:CANDIDATES]
    loaded = (
        Professional.objects.published()
        .select_related("user", "organisation")
        .only(*CARD_FIELDS)
        .in_bulk([pk for _, pk in scored])
    )
    candidates = []
    for negative, pk in scored:
        if pk in loaded:  # an account deactivated a moment ago drops out here
            loaded[pk].db_score = -negative
            candidates.append(loaded[pk])
    return candidates


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
