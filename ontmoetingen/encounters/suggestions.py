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

How (constant number of queries, whatever the number of profiles): one SQL statement
(``_ranked_rows``) lets the database find everyone sharing a municipality (from an index),
drop the unpublished, deactivated and excluded, add the domain, area and theme points, sort,
and return the best ``CANDIDATES`` with only the columns the offer/ask match needs. The match
is added in Python on those rows; only the ``limit`` people finally shown are loaded as
profiles, with the names of the shared municipalities and themes for the "why".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from ontmoetingen.accounts.models import User
from ontmoetingen.core.domain import Domain
from ontmoetingen.encounters.models import Block, Introduction, Professional, tag_list
from ontmoetingen.encounters.selectors import CARD_FIELDS

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


def _capped_sql(expression: str, cap: int) -> str:
    return f"(CASE WHEN {expression} > {cap} THEN {cap} ELSE {expression} END)"


def _placeholders(values: list) -> str:
    return ", ".join(["%s"] * len(values))


def _not_excluded_sql() -> str:
    """Conditions on ``p.user_id``: not oneself, nobody with an introduction in any state and
    nobody blocked, either way. Five parameters: the user's id, five times."""
    q = connection.ops.quote_name
    introduction, block = q(Introduction._meta.db_table), q(Block._meta.db_table)
    return (
        " AND p.user_id <> %s"  # noqa: S608 - names quoted, values as parameters
        f" AND p.user_id NOT IN (SELECT recipient_id FROM {introduction} WHERE requester_id = %s)"
        f" AND p.user_id NOT IN (SELECT requester_id FROM {introduction} WHERE recipient_id = %s)"
        f" AND p.user_id NOT IN (SELECT blocked_id FROM {block} WHERE blocker_id = %s)"
        f" AND p.user_id NOT IN (SELECT blocker_id FROM {block} WHERE blocked_id = %s)"
    )


@dataclass
class _Row:
    """A candidate as the ranking statement returns it: no model instance, no related rows."""

    pk: int
    score: int
    name: str
    offer: str
    offer_tags: str
    ask: str
    ask_tags: str
    asks: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)


def _ranked_rows(me: Professional, area: list[str], themes: list[int]) -> list[_Row]:
    """The best ``CANDIDATES`` by domain, area and theme points, best first, computed, sorted
    and cut by the database in one statement (plain SQL, the same on SQLite and PostgreSQL).

    The shared municipalities are counted first, per person, from the covering index on
    (municipality, professional) of the working-area table (migration 0003); only then are the
    people joined and filtered: counting after the join made the database sort thousands of
    joined rows. Shared themes are counted per remaining person through the (professional,
    theme) index.
    """
    q = connection.ops.quote_name
    profile, user = q(Professional._meta.db_table), q(User._meta.db_table)
    area_table = q(Professional.working_area.through._meta.db_table)
    theme_table = q(Professional.themes.through._meta.db_table)
    params: list = []
    for theirs in Domain.values:
        params += [theirs, domain_points(me.domain, theirs)]
    shared_themes = "0"
    if themes:
        shared_themes = (
            f"(SELECT {_capped_sql('COUNT(*)', THEME_CAP)} FROM {theme_table} t"  # noqa: S608
            f" WHERE t.professional_id = p.id AND t.theme_id IN ({_placeholders(themes)}))"
        )
        params += themes
    params += [*area, True, True, *[me.user_id] * 5, CANDIDATES]
    sql = (
        "SELECT p.id, (CASE p.domain"  # noqa: S608 - names quoted, values as parameters
        f" {' '.join(['WHEN %s THEN %s'] * len(Domain.values))} ELSE 0 END"
        f" + {_capped_sql('a.n', AREA_CAP)} * {WEIGHTS['area']}"
        f" + {shared_themes} * {WEIGHTS['theme']}) AS score,"
        " u.full_name, p.offer, p.offer_tags, p.ask, p.ask_tags"
        f" FROM (SELECT professional_id, COUNT(*) AS n FROM {area_table}"
        f" WHERE municipality_id IN ({_placeholders(area)}) GROUP BY professional_id) a"
        f" JOIN {profile} p ON p.id = a.professional_id JOIN {user} u ON u.id = p.user_id"
        " WHERE p.published = %s AND u.is_active = %s"
        f"{_not_excluded_sql()} ORDER BY score DESC, p.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [_Row(*row) for row in cursor.fetchall()]


def _matches(tags: list[str], other_tags: list[str], other_text: str) -> list[str]:
    text = other_text.lower()
    return [tag for tag in tags if tag in other_tags or tag in text][:MATCH_CAP]


def _with_match(me: Professional, row: _Row) -> _Row:
    """Add the offer ↔ ask points (both directions) to the database's score."""
    row.asks = _matches(me.offer_tag_list, tag_list(row.ask_tags), row.ask)
    row.offers = _matches(me.ask_tag_list, tag_list(row.offer_tags), row.offer)
    row.score += (len(row.asks) + len(row.offers)) * WEIGHTS["match"]
    return row


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


def _explain(me: Professional, other: Professional, row: _Row, areas, themes) -> Suggestion:
    reasons = [f"werkt ook in {_names(areas)}"]
    if other.domain != me.domain:
        reasons.append(DOMAIN_WORDS[Domain(other.domain)])
    if themes:
        word = "het thema" if len(themes) == 1 else "de thema's"
        reasons.append(f"deelt {word} {_names(themes)}")
    if row.asks:
        reasons.append(f"zoekt wat u aanbiedt: {', '.join(row.asks)}")
    if row.offers:
        reasons.append(f"biedt wat u zoekt: {', '.join(row.offers)}")
    return Suggestion(profile=other, score=row.score, reasons=reasons)


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
    rows = [_with_match(me, row) for row in _ranked_rows(me, area, themes)]
    rows.sort(key=lambda row: (-row.score, row.name, row.pk))
    shown = rows[:limit]
    profiles = (
        Professional.objects.published()
        .select_related("user", "organisation")
        .only(*CARD_FIELDS)
        .in_bulk([row.pk for row in shown])
    )
    area_names, theme_names = _details(list(profiles), area, themes)
    return [
        _explain(me, profiles[row.pk], row, area_names[row.pk], theme_names[row.pk])
        for row in shown
        if row.pk in profiles  # an account deactivated a moment ago drops out here
    ]
