# ruff: noqa: S608 - the SQL is built from constants; every value travels as a parameter
"""Search in three cheap steps.

1. **Rank** (once per text and data version in a process): for every word one statement reads
   a range of the terms table (toolkit/search.py: each item's stems with their bm25 weight,
   written with the item) and hands back the ids and weights as two strings of integers —
   the same SQL and the same scores on SQLite and PostgreSQL, and no per-row work in either
   database. Python keeps the published ids that have every word, sums the weights times each
   word's rarity and sorts: best first, newest first on equal scores. The result is kept in
   this process's memory under the versions of the ``toolkit``, ``core`` and ``regions`` areas
   (core/versions.py; core/memo.py): every page and filter combination of the same text reuses
   it, and any write to the toolkit gives a new key at once, in every process.
2. **Count**: the total and every facet's counts are intersections of the matches' bitset with
   the catalogue's bitsets per facet value (toolkit/catalogue.py; microseconds, exact).
3. **Page**: the ranked ids are walked in order, keeping those that pass the filters (a bitset
   look-up per id), until the page is full; only those rows are loaded. The rendered results
   are cached as HTML per query string (core/fragments.py), so the rows are not cached here.

Without text the order is the catalogue's (newest first) and nothing is ranked.
"""

from __future__ import annotations

import math
from array import array

from django.db import connection

from ontmoetingen.core.memo import LocalMemo
from ontmoetingen.toolkit import catalogue, search
from ontmoetingen.toolkit.models import Resource

# the ranked ids of recent texts under their versions, in this process (a key never goes stale)
_orders = LocalMemo(limit=8 * 1024 * 1024)


def _key(stamp, query: search.Query) -> str:
    return repr((stamp, query.words, query.prefix_last))


def ranked(query: search.Query, books: catalogue.Catalogue) -> tuple[array, int]:
    """The published resources matching the text, best first, newest first on equal scores,
    and the same ids as a bitset."""
    if books.stamp is None:  # this connection's own uncommitted writes: not kept
        order = _ranked(query, books)
        return order, catalogue.bitset(order)
    key = _key(books.stamp, query)
    found = _orders.get(key)
    if found is None:
        order = _ranked(query, books)
        found = (order, catalogue.bitset(order))
        _orders.set(key, found, len(order) * order.itemsize + 200)
    return found


def _ranked(query: search.Query, books: catalogue.Catalogue) -> array:
    """Every word's weights from the terms table (a prefix: summed over the stems it starts),
    then in Python: the published ids having every word, scored as bm25 sums them (each word's
    weight times its rarity), best first, newest first on equal scores."""
    found = [_weights(token, prefix) for token, prefix in query.stems()]
    scores = found[0]
    if len(found) > 1:  # every word: weight times rarity, summed over the ids having them all
        total = len(books.newest)
        ids = scores.keys() & set.intersection(*(set(weights) for weights in found[1:]))
        rarity = _idf(total, len(scores))
        scores = {pk: rarity * scores[pk] for pk in ids}
        for weights in found[1:]:
            rarity = _idf(total, len(weights))
            scores = {pk: score + rarity * weights[pk] for pk, score in scores.items()}
    # newest first, then a stable sort on the score: equal scores stay newest first
    order = [pk for pk in books.newest if pk in scores]
    order.sort(key=scores.__getitem__, reverse=True)
    return array("i", order)


def _weights(token: str, prefix: bool) -> dict[int, int]:
    """{id: weight} of one word: two comma-separated strings of integers built in the database,
    because thousands of rows cost more to hand to Python one by one than the ranking itself."""
    table = search.TERMS_TABLE
    joined = "string_agg(%s::text, ',')" if search.is_postgres() else "group_concat(%s, ',')"
    if prefix:
        source = (
            f"(SELECT resource_id AS pk, SUM(weight) AS w FROM {table} "
            "WHERE term >= %s AND term < %s GROUP BY resource_id) AS found"
        )
        params = [token, token[:-1] + chr(ord(token[-1]) + 1)]
    else:
        source = f"(SELECT resource_id AS pk, weight AS w FROM {table} WHERE term = %s) AS found"
        params = [token]
    with connection.cursor() as cursor:
        # both aggregates read the same rows in the same order
        cursor.execute(f"SELECT {joined % 'pk'}, {joined % 'w'} FROM {source}", params)
        ids, weights = cursor.fetchone()
    if not ids:
        return {}
    return dict(zip(map(int, ids.split(",")), map(int, weights.split(",")), strict=True))


def _idf(total: int, having: int) -> float:
    """bm25's inverse document frequency, kept above zero as FTS5 does (``having`` counts
    unpublished items too, so it may exceed the published ``total``)."""
    return max(math.log((max(total - having, 0) + 0.5) / (having + 0.5)), 1e-6)


class RankedResults:
    """Ranked matches as a sequence the paginator can count and slice: the count is known from
    the bitsets; a slice walks the ranked ids (or the newest-first list without text) keeping
    those that pass the filters, and loads those rows with what a result card needs."""

    def __init__(self, order, allowed: int, *, everything: bool, theme_pairs: dict):
        self.order = order  # ids, best (or newest) first
        self.allowed = allowed  # the ids passing the text and every filter
        self.everything = everything  # every id in ``order`` passes
        self.theme_pairs = theme_pairs  # the catalogue's: id -> (slug, name) of its themes
        self.total = allowed.bit_count()

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __iter__(self):
        return iter(self[0 : self.total])

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, _ = index.indices(self.total)
        else:
            start, stop = index, index + 1
        if stop <= start:
            return []
        found = _rows(self.page_ids(offset=start, limit=stop - start), self.theme_pairs)
        if isinstance(index, slice):
            return found
        if not found:
            raise IndexError(index)
        return found[0]

    def page_ids(self, *, offset: int, limit: int) -> list[int]:
        if self.everything:
            return list(self.order[offset : offset + limit])
        members = catalogue.Members(self.allowed)
        page: list[int] = []
        seen = 0
        for pk in self.order:
            if pk in members:
                if seen >= offset:
                    page.append(pk)
                    if len(page) == limit:
                        break
                seen += 1
        return page


def _rows(ids: list[int], theme_pairs: dict) -> list[Resource]:
    """The rows of one page with what a result card needs: place and mirror in one query, the
    themes from the catalogue (``Resource.theme_pairs`` set on each row; no second query)."""
    if not ids:
        return []
    by_id = {r.pk: r for r in Resource.objects.for_list().filter(pk__in=ids)}
    found = [by_id[pk] for pk in ids if pk in by_id]
    for resource in found:
        resource.theme_pairs = theme_pairs.get(resource.pk, ())
    return found


def counts(
    books: catalogue.Catalogue, base: int, selection: dict[str, tuple[str, ...]]
) -> tuple[int, dict[str, dict[str, int]]]:
    """(the ids passing everything, {facet: {value: count}}): each facet counted over ``base``
    with the other facets' selections applied, its own ignored."""
    chosen = {facet: books.chosen(facet, values) for facet, values in selection.items() if values}
    found: dict[str, dict[str, int]] = {}
    for facet in catalogue.FACETS:
        others = base
        for name, bits in chosen.items():
            if name != facet:
                others &= bits
        found[facet] = {
            value: n
            for value, bits in books.values[facet].items()
            if (n := (others & bits).bit_count())
        }
    allowed = base
    for bits in chosen.values():
        allowed &= bits
    return allowed, found
