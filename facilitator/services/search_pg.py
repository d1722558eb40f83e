"""Full-text search on PostgreSQL: each source table's stored, GIN-indexed tsvector, ranked together.

The rows returned carry the same keys as the SQLite query's, so one function turns either into hits.
PostgreSQL has no FTS5 snippet(); snippets are cut here from the few texts returned.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from facilitator.db import fts
from facilitator.db.base import UTCDateTime
from facilitator.domain import markup, search_text

# Per kind: the FROM clause (with alias d for the source row), its session and participant expressions,
# and which rows count (as on SQLite, where the triggers index a share only when it has a note).
_SOURCES = {
    "note": ("note AS d", "d.session_id", "d.participant_id", ""),
    "addendum": ("addendum AS d JOIN note AS n ON n.id = d.note_id", "n.session_id", "n.participant_id", ""),
    "intention": ("attendance AS d", "d.session_id", "d.participant_id", ""),
    "quick_note": ("quick_note AS d", "d.session_id", "CAST(NULL AS INTEGER)", ""),
    "share": ("share AS d", "d.session_id", "d.participant_id", " AND d.note_text <> ''"),
}


def _union(kinds: tuple[str, ...]) -> str:
    parts = []
    for doc in fts.PG_DOCUMENTS:
        if kinds and doc.kind not in kinds:
            continue
        source, sid, pid, only = _SOURCES[doc.kind]
        vector = f"d.{fts.PG_COLUMN}"
        # Normalisation 1 divides by 1 + log(length), as bm25 weighs long texts down on SQLite.
        parts.append(f"SELECT '{doc.kind}' AS kind, d.id AS source_id, {sid} AS session_id, {pid} AS participant_id, "
                     f"ts_rank({vector}, q.query, 1) AS relevance FROM {source} CROSS JOIN q "
                     f"WHERE {vector} @@ q.query{only}")
    return "\nUNION ALL\n".join(parts)


def run(session: Session, terms: search_text.SearchTerms, limit: int, *, kinds: tuple[str, ...], where: str,
        params: dict[str, Any]) -> list[dict[str, Any]]:
    """The best ``limit`` hits as row mappings.

    Args:
        kinds: only these kinds of text (empty: all).
        where: extra conditions (each starting with " AND") on alias h (the hit) and gs (its session).
    """
    statement = text(f"""
WITH q AS (SELECT to_tsquery('{fts.PG_CONFIG}', :tsquery) AS query),
hits AS ({_union(kinds)})
SELECT h.kind, h.source_id, h.session_id, h.participant_id,
       gs.scheduled_start, gs.title, g.name AS group_name,
       p.preferred_name, p.legal_first_name, p.legal_last_name
FROM hits AS h
JOIN group_session AS gs ON gs.id = h.session_id
LEFT JOIN therapy_group AS g ON g.id = gs.group_id
LEFT JOIN participant AS p ON p.id = h.participant_id
WHERE TRUE{where}
ORDER BY h.relevance DESC, gs.scheduled_start DESC, h.source_id DESC
LIMIT :limit
""").columns(scheduled_start=UTCDateTime())
    rows = [dict(r._mapping) for r in session.execute(statement, {"tsquery": terms.tsquery(), "limit": limit,
                                                                   **params})]
    texts = _texts(session, rows)
    for row in rows:
        row["snippet"] = _snippet(texts.get((row["kind"], row["source_id"]), ("", "")), terms)
    return rows


def _texts(session: Session, rows: list[dict[str, Any]]) -> dict[tuple[str, int], tuple[str, str]]:
    """(plain text, tags) of each hit's source row, read with one query per kind."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        wanted[row["kind"]].append(row["source_id"])
    found: dict[tuple[str, int], tuple[str, str]] = {}
    for doc in fts.PG_DOCUMENTS:
        ids = wanted.get(doc.kind)
        if not ids:
            continue
        body, tags = doc.columns[0], (doc.columns[1] if len(doc.columns) > 1 else "''")
        query = text(f"SELECT id, {body} AS body, {tags} AS tags FROM {doc.table} WHERE id = ANY(:ids)")
        for source_id, value, tag_text in session.execute(query, {"ids": ids}):
            plain = markup.to_plain_text(value) if doc.kind == "note" else value
            found[(doc.kind, source_id)] = (plain, tag_text)
    return found


def _snippet(source: tuple[str, str], terms: search_text.SearchTerms) -> str:
    body, tags = source
    cut = search_text.snippet(body, terms, open_mark=fts.MARK_OPEN, close_mark=fts.MARK_CLOSE,
                              ellipsis=fts.ELLIPSIS)
    if fts.MARK_OPEN in cut or not tags:
        return cut
    return search_text.snippet(tags.replace(",", ", "), terms, open_mark=fts.MARK_OPEN, close_mark=fts.MARK_CLOSE,
                               ellipsis=fts.ELLIPSIS)
