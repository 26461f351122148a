"""Dutch full-text search that gives the same results on SQLite and PostgreSQL.

Python makes the index for both databases: it folds case and accents, turns every other
character into a space, rewrites the plural "-ies" to "-ie" (the Porter stemmer leaves
"coalities" alone) and stems with Snowball's ``dutch_porter`` (the algorithm of PostgreSQL's
``dutch`` configuration) minus PostgreSQL's Dutch stop words (data/dutch_stopwords.txt).

Every stem of an item is stored with its bm25 weight (``term_weights``) in the terms table
``toolkit_resource_terms`` (migration 0007; primary key (term, item)), written with the item
(toolkit/signals.py). A query matches when every word occurs (the last word also as a prefix,
for search-as-you-type); title weighs more than summary, summary more than the rest. Ranking a
word reads one range of the key (toolkit/ranking.py). Until migration 0008 this was an FTS5
table on SQLite and a tsvector with a GIN index on PostgreSQL, ranked by bm25 and ts_rank.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer
from django.db import connection

from ontmoetingen.toolkit.models import Resource

# (term, resource id, weight): the stems of every item with their bm25 weight, read by ranking
TERMS_TABLE = "toolkit_resource_terms"
STOPWORDS_FILE = Path(__file__).resolve().parent / "data" / "dutch_stopwords.txt"
MAX_QUERY_WORDS = 8
MIN_PREFIX_LENGTH = 3
NON_WORD = re.compile(r"[^a-z0-9]+")
# bm25 column weights (title, summary, rest)
BM25_WEIGHTS = (10.0, 4.0, 1.0)
# bm25 as FTS5 computes it, with a fixed average length (in stems) instead of the live average,
# so that an item's weights never change when other items do
BM25_K1 = 1.2
BM25_B = 0.75
AVERAGE_STEMS = 100
WEIGHT_SCALE = 1_000_000


@functools.cache
def stopwords() -> frozenset[str]:
    return frozenset(STOPWORDS_FILE.read_text(encoding="utf-8").split())


@functools.cache
def _stemmer():
    return snowballstemmer.stemmer("dutch_porter")


def fold(text: str) -> str:
    """Lower case, no accents, only letters and digits separated by single spaces."""
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = NON_WORD.sub(" ", text).split()
    return " ".join(_plural_ies(word) for word in words)


def _plural_ies(word: str) -> str:
    # coalities → coalitie, organisaties → organisatie (the stemmer keeps the -s after a vowel)
    return word[:-1] if len(word) > 5 and word.endswith("ies") else word


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str | None:
    """The index form of one folded word, as PostgreSQL's dutch configuration makes it."""
    if any(ch.isdigit() for ch in word):
        return word  # PostgreSQL files numbers and words with digits under "simple"
    if word in stopwords():
        return None
    return _stemmer().stemWord(word)


def stem_text(text: str) -> str:
    return " ".join(s for s in (stem(w) for w in fold(text).split()) if s)


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...]  # folded words, stop words removed
    prefix_last: bool

    def __bool__(self) -> bool:
        return bool(self.words)

    def stems(self) -> list[tuple[str, bool]]:
        """(index form, is a prefix) per word, as the terms table holds them."""
        last = len(self.words) - 1
        return [(stem(w) or w, i == last and self.prefix_last) for i, w in enumerate(self.words)]


def parse_query(text: str) -> Query:
    words = [w for w in fold(text[:200]).split() if stem(w)][:MAX_QUERY_WORDS]
    prefix_last = bool(words) and len(words[-1]) >= MIN_PREFIX_LENGTH
    return Query(words=tuple(words), prefix_last=prefix_last)


# --- the index ---------------------------------------------------------------------------------


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def document_parts(resource) -> tuple[str, str, str]:
    """(title, summary, rest) as folded text; rest holds the body, source, place, the kind's
    name and the theme names, so "armoede" finds what carries the theme "Armoede en
    geldzorgen" and "handreiking" every guide (themes are read through a prefetch if any)."""
    rest = [resource.body, resource.source_organisation, resource.get_kind_display()]
    if resource.origin_id:
        rest.append(resource.origin.name)
    if resource.pk:
        rest.extend(theme.name for theme in resource.themes.all())
    return fold(resource.title), fold(resource.summary), fold(" ".join(filter(None, rest)))


def term_weights(title: str, summary: str, rest: str) -> dict[str, int]:
    """The bm25 weight of every stem of one item (folded parts in): the frequency weighted by
    column (title, summary, rest: BM25_WEIGHTS), saturated and normalised by the item's length
    as FTS5's bm25() does. In millionths, as an integer: exact sums and ties on both databases,
    and cheap to hand over as text."""
    frequency: dict[str, float] = {}
    length = 0
    for text, weight in zip((title, summary, rest), BM25_WEIGHTS, strict=True):
        for word in text.split():
            token = stem(word)
            if token:
                frequency[token] = frequency.get(token, 0.0) + weight
                length += 1
    norm = BM25_K1 * (1 - BM25_B + BM25_B * length / AVERAGE_STEMS)
    return {t: round(WEIGHT_SCALE * f * (BM25_K1 + 1) / (f + norm)) for t, f in frequency.items()}


def index_terms(rows) -> None:
    """Write the terms table for (pk, title, summary, rest) rows of folded text."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # two transactions indexing the same item (a theme added while it is saved) wait
            # for each other here instead of both inserting its terms; SQLite writes one by one
            cursor.execute(
                "SELECT id FROM toolkit_resource WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                [sorted(row[0] for row in rows)],
            )
        cursor.executemany(
            f"DELETE FROM {TERMS_TABLE} WHERE resource_id = %s",  # noqa: S608 - constant name
            [(row[0],) for row in rows],
        )
        cursor.executemany(
            f"INSERT INTO {TERMS_TABLE} (term, resource_id, weight) VALUES (%s, %s, %s)",  # noqa: S608
            [
                (term, pk, weight)
                for pk, title, summary, rest in rows
                for term, weight in term_weights(title, summary, rest).items()
            ],
        )


def index_resources(resources) -> None:
    """Write the search index for these resources (call inside the writing transaction)."""
    rows = [(r.pk, *document_parts(r)) for r in resources]
    if rows:
        index_terms(rows)


def reindex(resource_ids) -> None:
    """Index these resources again after their themes changed (added, removed, renamed)."""
    ids = list(resource_ids)
    if ids:
        index_resources(
            Resource.objects.filter(pk__in=ids).select_related("origin").prefetch_related("themes")
        )


def unindex_resource(pk: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TERMS_TABLE} WHERE resource_id = %s", [pk])  # noqa: S608
