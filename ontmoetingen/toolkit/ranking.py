# ruff: noqa: S608 - the SQL is built from constants; every value travels as a parameter
"""Search in three cheap steps; the only expensive one is cached under the data version.

1. **Rank** (once per text and data version): one statement hands back the ids of every match,
   best first — bm25 computed inside the FTS5 scan on SQLite (no join), ``ts_rank`` over the
   tsvector stored compressed in the row on PostgreSQL (migration 0006: no TOAST look-ups) —
   and only the ids travel. The list is kept in the shared cache under the versions of the
   ``toolkit``, ``core`` and ``regions`` areas (core/versions.py) as packed integers: every
   page and every filter combination of the same text reuses it, and any write to the toolkit
   makes it unreachable at once, in every process and on every app server.
2. **Count**: the total and every facet's counts are intersections of the matches' bitset with
   the catalogue's bitsets per facet value (toolkit/catalogue.py; microseconds, exact).
3. **Page**: the ranked ids are walked in order, keeping those that pass the filters (a bitset
   look-up per id), until the page is full; only those rows are loaded.

Without text the order is the catalogue's (newest first) and nothing is ranked.
"""

from __future__ import annotations

import hashlib
from array import array

from django.core.cache import cache
from django.db import connection

from ontmoetingen.toolkit import catalogue, search
from ontmoetingen.toolkit.models import Resource, Status

# results under unchanged versions are exact; the timeout only bounds the cache's size
CACHE_SECONDS = 60 * 60


def _key(stamp, query: search.Query) -> str:
    parts = repr((stamp, query.words, query.prefix_last)).encode()
    return "toolkit-order:" + hashlib.sha256(parts).hexdigest()


def ranked(query: search.Query, books: catalogue.Catalogue) -> tuple[array, int]:
    """The published resources matching the text, best first, newest first on equal scores,
    and the same ids as a bitset."""
    if books.stamp is None:  # this connection's own uncommitted writes: no cache
        order = _ranked(query, books)
        return order, catalogue.bitset(order)
    key = _key(books.stamp, query)
    found = cache.get(key)
    if found is not None:
        packed, bits = found
        order = array("i")
        order.frombytes(packed)
        return order, bits
    order = _ranked(query, books)
    bits = catalogue.bitset(order)
    cache.set(key, (order.tobytes(), bits), CACHE_SECONDS)
    return order, bits


def _ranked(query: search.Query, books: catalogue.Catalogue) -> array:
    with connection.cursor() as cursor:
        if search.is_postgres():
            cursor.execute(
                "SELECT r.id FROM toolkit_resource AS r, to_tsquery('dutch', %s) AS q "
                "WHERE r.search_vector @@ q AND r.status = %s "
                "ORDER BY ts_rank(%s::float4[], r.search_vector, q) DESC, "
                "r.published_at DESC, r.id DESC",
                [query.tsquery(), Status.PUBLISHED, list(search.PG_RANK_WEIGHTS)],
            )
            return array("i", (row[0] for row in cursor.fetchall()))
        fts = search.FTS_TABLE
        weights = ", ".join(str(w) for w in search.BM25_WEIGHTS)
        cursor.execute(
            f"SELECT rowid, bm25({fts}, {weights}) AS score FROM {fts} "
            f"WHERE {fts} MATCH %s ORDER BY score",
            [query.fts5()],
        )
        rows = cursor.fetchall()
    return array("i", _published_newest_on_ties(rows, books))


def _published_newest_on_ties(rows, books: catalogue.Catalogue) -> list[int]:
    """Drop what is not published (the FTS5 table indexes every status) and order each run of
    equal scores newest first, as PostgreSQL's ORDER BY does."""
    place = books.place
    found: list[int] = []
    run: list[int] = []
    previous = None
    for pk, score in rows:
        if pk not in place:
            continue
        if score != previous and run:
            found.extend(sorted(run, key=place.__getitem__) if len(run) > 1 else run)
            run = []
        run.append(pk)
        previous = score
    found.extend(sorted(run, key=place.__getitem__))
    return found


class RankedResults:
    """Ranked matches as a sequence the paginator can count and slice: the count is known from
    the bitsets; a slice walks the ranked ids (or the newest-first list without text) keeping
    those that pass the filters, and loads those rows with what a result card needs."""

    def __init__(self, order, allowed: int, *, everything: bool, stamp=None):
        self.order = order  # ids, best (or newest) first
        self.stamp = stamp  # the catalogue's versions: cache the loaded rows under them
        self.allowed = allowed  # the ids passing the text and every filter
        self.everything = everything  # every id in ``order`` passes
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
        found = _rows(self.page_ids(offset=start, limit=stop - start), self.stamp)
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


def _rows(ids: list[int], stamp) -> list[Resource]:
    """The rows of one page with what a result card needs (themes, place, mirror), from the
    shared cache under the data version when it can (the same page of the same search)."""

    def load() -> list[Resource]:
        by_id = {r.pk: r for r in Resource.objects.for_list().filter(pk__in=ids)}
        return [by_id[pk] for pk in ids if pk in by_id]

    if stamp is None or not ids:
        return load()
    key = "toolkit-rows:" + hashlib.sha256(repr((stamp, ids)).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = load()
        cache.set(key, found, CACHE_SECONDS)
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
