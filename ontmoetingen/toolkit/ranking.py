# ruff: noqa: S608 - the SQL is built from constants; every value travels as a parameter
"""Search, count and rank in the database: only counts and one page of ids come back.

One statement counts every facet over the match (each facet ignoring its own selection, the
others applied) plus the total; a second ranks and cuts the page (``ORDER BY score ... LIMIT``).
Both start from the same set: the published resources that match the text (the full-text
index: FTS5 on SQLite, the tsvector on PostgreSQL), or all published ones without text. The
set is a materialized CTE, so the full-text condition runs once per statement, and no row
travels to Python except the counts and the ids of the page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from ontmoetingen.core import versions
from ontmoetingen.core.domain import Domain
from ontmoetingen.toolkit import search
from ontmoetingen.toolkit.models import Phase, Status

FACET_FLAGS = {"soort": "pk", "domein": "pd", "thema": "pt", "fase": "pp", "provincie": "pr"}
THEMES_TABLE = "toolkit_resource_themes"
# counts under unchanged versions are exact; the timeout only bounds the cache's size
FACET_CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Selection:
    """The chosen values per facet, as the database sees them (themes as ids)."""

    kinds: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    theme_ids: tuple[int, ...] = ()
    phases: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()


def _in(column: str, values, params: list) -> str:
    params.extend(values)
    return f"{column} IN ({', '.join(['%s'] * len(values))})"


def _contains_any(column: str, values, params: list) -> str:
    params.extend(f"%,{value},%" for value in values)
    return "(" + " OR ".join([f"{column} LIKE %s"] * len(values)) + ")"


def _conditions(selection: Selection, params: list) -> dict[str, str]:
    """Per facet flag: the condition a row of ``m`` meets when it passes that facet."""
    parts = {
        "pk": _in("kind", selection.kinds, params) if selection.kinds else "TRUE",
        "pd": _contains_any("audience", selection.domains, params) if selection.domains else "TRUE",
        "pt": (
            f"EXISTS (SELECT 1 FROM {THEMES_TABLE} AS st WHERE st.resource_id = m.id AND "
            + _in("st.theme_id", selection.theme_ids, params)
            + ")"
            if selection.theme_ids
            else "TRUE"
        ),
        "pp": _contains_any("phases", selection.phases, params) if selection.phases else "TRUE",
        "pr": _in("province", selection.provinces, params) if selection.provinces else "TRUE",
    }
    return parts


def _matched(query: search.Query, *, scored: bool, params: list) -> str:
    """The published resources matching the query (all published ones without a query)."""
    # published_at only for ordering: it makes SQLite read the wide rows
    columns = (
        "r.id AS id, r.kind AS kind, r.audience AS audience, r.phases AS phases, "
        "mu.province_id AS province" + (", r.published_at AS published_at" if scored else "")
    )
    joins = "LEFT JOIN regions_municipality AS mu ON mu.code = r.origin_id"
    if not query:
        params.append(Status.PUBLISHED)
        score = ", 0 AS score" if scored else ""
        return f"SELECT {columns}{score} FROM toolkit_resource AS r {joins} WHERE r.status = %s"
    if search.is_postgres():
        score = ", ts_rank(%s::float4[], r.search_vector, q) AS score" if scored else ""
        if scored:
            params.append(list(search.PG_RANK_WEIGHTS))
        params.extend([query.tsquery(), Status.PUBLISHED])
        return (
            f"SELECT {columns}{score} FROM toolkit_resource AS r {joins}, "
            "to_tsquery('dutch', %s) AS q WHERE r.search_vector @@ q AND r.status = %s"
        )
    fts = search.FTS_TABLE
    weights = ", ".join(str(w) for w in search.BM25_WEIGHTS)
    score = f", -bm25({fts}, {weights}) AS score" if scored else ""
    params.extend([query.fts5(), Status.PUBLISHED])
    # CROSS JOIN: the FTS index drives, resources are looked up by key
    return (
        f"SELECT {columns}{score} FROM {fts} CROSS JOIN toolkit_resource AS r "
        f"ON r.id = {fts}.rowid {joins} WHERE {fts} MATCH %s AND r.status = %s"
    )


def _base(query: search.Query, selection: Selection, *, scored: bool, params: list) -> str:
    matched = _matched(query, scored=scored, params=params)
    flags = ", ".join(f"{sql} AS {name}" for name, sql in _conditions(selection, params).items())
    return (
        f"WITH m AS MATERIALIZED ({matched}), f AS NOT MATERIALIZED (SELECT m.*, {flags} FROM m) "
    )


def _except(facet: str) -> str:
    return " AND ".join(flag for name, flag in FACET_FLAGS.items() if name != facet)


def _has(column: str, value: str) -> str:
    """``column`` (a ",a,b," list) holds ``value`` (a constant from the code's choices)."""
    function = "strpos" if search.is_postgres() else "instr"
    return f"{function}({column}, ',{value},') > 0"


def counts(query: search.Query, selection: Selection) -> tuple[int, dict[str, dict[str, int]]]:
    """(total passing every facet, {facet: {value: count}}), from the cache while the toolkit's
    data is unchanged (core.versions), else from one statement."""
    names = ("toolkit", "core", "regions")
    key = (
        "toolkit-facets:"
        + hashlib.sha256(
            repr((query, selection, sorted(versions.current(names).items()))).encode()
        ).hexdigest()
    )
    if not versions.is_dirty(names):
        cached = cache.get(key)
        if cached is not None:
            return cached
    result = _count(query, selection)
    cache.set(key, result, FACET_CACHE_SECONDS)
    return result


def _count(query: search.Query, selection: Selection) -> tuple[int, dict[str, dict[str, int]]]:
    """One statement over one materialized match: a pass for the total and one per value of the
    list-valued facets (domains, phases), a GROUP BY for the others."""
    params: list = []
    sql = _base(query, selection, scored=False, params=params)
    everything = " AND ".join(FACET_FLAGS.values())
    parts = [f"SELECT 'n', '', COUNT(*) FROM f WHERE {everything}"]
    listed = [("domein", "audience", v) for v in Domain.values]
    listed += [("fase", "phases", v) for v in Phase.values]
    parts += [
        f"SELECT '{facet}', '{value}', COUNT(*) FROM f "
        f"WHERE {_except(facet)} AND {_has(column, value)}"
        for facet, column, value in listed
    ]
    parts += [
        f"SELECT 'soort', kind, COUNT(*) FROM f WHERE {_except('soort')} GROUP BY kind",
        # driven from the link table: one pass over it, the match as a set of ids
        f"SELECT 'thema', CAST(t.theme_id AS TEXT), COUNT(*) FROM {THEMES_TABLE} AS t "
        f"WHERE t.resource_id IN (SELECT id FROM f WHERE {_except('thema')}) GROUP BY t.theme_id",
        f"SELECT 'provincie', province, COUNT(*) FROM f WHERE {_except('provincie')} "
        "AND province IS NOT NULL GROUP BY province",
    ]
    found: dict[str, dict[str, int]] = {name: {} for name in FACET_FLAGS}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(sql + " UNION ALL ".join(parts), params)
        for facet, value, count in cursor.fetchall():
            if facet == "n":
                total = count
            elif count:
                found[facet][value] = count
    return total, found


def page_ids(query: search.Query, selection: Selection, *, offset: int, limit: int) -> list[int]:
    """The ids of one page, best match first, then newest (newest first without text)."""
    params: list = []
    matched = _matched(query, scored=True, params=params)
    # not materialized: the score is computed only for the rows that pass the filters
    where = " AND ".join(_conditions(selection, params).values())
    order = "score DESC, published_at DESC, id DESC" if query else "published_at DESC, id DESC"
    sql = f"SELECT id FROM ({matched}) AS m WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
    params.extend([limit, offset])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
