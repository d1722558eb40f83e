"""Full-text search over notes, addenda, intentions, quick notes and share notes, ranked, with snippets.

Which thread: any; the UI runs it off the UI thread (a 10-year clinic answers in tens of milliseconds).
Each search is audited as one "search" event that never holds the searched words (they may be PHI).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from facilitator.db import fts
from facilitator.db.base import UTCDateTime
from facilitator.domain import search_text
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services import search_pg
from facilitator.services.runner_snapshot import AD_HOC_NAME

MAX_LIMIT = 500
KIND_LABELS = {"note": "Note", "addendum": "Addendum", "intention": "Intention", "quick_note": "Quick note",
               "share": "Share"}


@dataclass(frozen=True)
class SearchHit:
    """One matching text, with what the UI needs to show it and open it.

    Attributes:
        kind: "note", "addendum", "intention", "quick_note" or "share".
        source_id: the id of the row in that kind's table.
        participant_id: whose text it is; None for a group note and a quick note.
        participant_name: the participant's display name, or "".
        snippet: plain text around the matches, each match between ``fts.MARK_OPEN`` and ``fts.MARK_CLOSE``.
        rank: the hit's place in the result, 1 for the best match.
    """

    kind: str
    source_id: int
    session_id: int
    participant_id: int | None
    session_start: datetime
    group_name: str
    session_title: str
    participant_name: str
    snippet: str
    rank: int

    @property
    def kind_label(self) -> str:
        if self.kind == "note":
            return "Participant note" if self.participant_id is not None else "Group note"
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def segments(self) -> tuple[tuple[str, bool], ...]:
        """The snippet as (text, highlighted) pieces: draw highlighted pieces in bold."""
        return search_text.segments(self.snippet, fts.MARK_OPEN, fts.MARK_CLOSE)

    def marked(self, open_mark: str = "[", close_mark: str = "]") -> str:
        """The snippet on one line with the matches between ``open_mark`` and ``close_mark``."""
        flat = " ".join(self.snippet.split())
        return flat.replace(fts.MARK_OPEN, open_mark).replace(fts.MARK_CLOSE, close_mark)


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[SearchHit, ...]
    terms: tuple[str, ...]  # the words searched for (empty when the text held none)


def search(session: Session, query: str, *, limit: int = 50, participant_id: int | None = None,
           group_id: int | None = None, kinds: Collection[str] | None = None) -> SearchResult:
    """The best ``limit`` matches for the words in ``query``, best first.

    Any text is accepted: quotes, operators, SQL and every script become plain words (see
    :mod:`facilitator.domain.search_text`); text without a word finds nothing.

    Args:
        participant_id: only texts about this participant.
        group_id: only texts from this group's sessions.
        kinds: only these kinds of text (default: all).

    Raises:
        UserError: for a limit outside 1..500 or an unknown kind.
    """
    result = ranked_hits(session, query, limit=limit, participant_id=participant_id, group_id=group_id, kinds=kinds)
    within = [f"{name} {value}" for name, value in (("participant", participant_id), ("group", group_id)) if value]
    actors.record(session, "search", entity_type="search",
                  detail=f"hits: {len(result.hits)}" + (f"; within {', '.join(within)}" if within else ""))
    return result


def ranked_hits(session: Session, query: str, *, limit: int = 50, participant_id: int | None = None,
                group_id: int | None = None, kinds: Collection[str] | None = None) -> SearchResult:
    """:func:`search` without its audit event: for code that audits the reading itself (and benchmarks).

    Anything that shows hits to a person calls :func:`search`.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise UserError(f"The number of search results must be between 1 and {MAX_LIMIT}.")
    if isinstance(kinds, str):
        kinds = (kinds,)
    unknown = set(kinds or ()) - set(fts.KIND_CODES)
    if unknown:
        raise UserError(f"There is no kind of text called {sorted(unknown)[0]!r} to search.")
    terms = search_text.parse(query)
    hits: tuple[SearchHit, ...] = ()
    if terms:
        scope = Scope(participant_id, group_id, tuple(sorted(kinds)) if kinds else ())
        if session.get_bind().dialect.name == "postgresql":
            where, params = scope.conditions("h", "gs")
            rows = search_pg.run(session, terms, limit, kinds=scope.kinds, where=where, params=params)
        else:
            rows = _sqlite(session, terms, limit, scope)
        hits = tuple(_hit(row, rank) for rank, row in enumerate(rows, start=1))
    return SearchResult(hits, terms.words)


@dataclass(frozen=True)
class Scope:
    """Which texts a search looks at (the SQL conditions are shared by both databases)."""

    participant_id: int | None
    group_id: int | None
    kinds: tuple[str, ...]

    def conditions(self, fts_alias: str, session_alias: str) -> tuple[str, dict[str, Any]]:
        sql, params = "", dict[str, Any]()
        if self.participant_id is not None:
            sql += f" AND {fts_alias}.participant_id = :pid"
            params["pid"] = self.participant_id
        if self.group_id is not None:
            sql += f" AND {session_alias}.group_id = :gid"
            params["gid"] = self.group_id
        if self.kinds:
            names = [f":kind{i}" for i in range(len(self.kinds))]
            sql += f" AND {fts_alias}.kind IN ({', '.join(names)})"
            params.update({f"kind{i}": kind for i, kind in enumerate(self.kinds)})
        return sql, params


# FTS5 sorts by rank itself when asked for "ORDER BY rank" with the MATCH table as the outer loop,
# so snippet() runs only for the rows returned, and the joins are primary-key lookups on those.
# The rank is not selected: returning it makes FTS5 compute it a second time for every row.
_SQLITE = f"""
SELECT f.kind, f.source_id, f.session_id, f.participant_id,
       snippet({fts.FTS_TABLE}, -1, :open, :close, :ellipsis, 16) AS snippet,
       gs.scheduled_start, gs.title, g.name AS group_name,
       p.preferred_name, p.legal_first_name, p.legal_last_name
FROM {fts.FTS_TABLE} AS f
JOIN group_session AS gs ON gs.id = f.session_id
LEFT JOIN therapy_group AS g ON g.id = gs.group_id
LEFT JOIN participant AS p ON p.id = f.participant_id
WHERE {fts.FTS_TABLE} MATCH :match{{scope}}
ORDER BY f.rank
LIMIT :limit
"""
_COLUMNS = ("kind", "source_id", "session_id", "participant_id", "snippet", "scheduled_start", "title",
            "group_name", "preferred_name", "legal_first_name", "legal_last_name")
_STAMP = UTCDateTime()


def _sqlite(session: Session, terms: search_text.SearchTerms, limit: int, scope: Scope) -> list[dict[str, Any]]:
    where, params = scope.conditions("f", "gs")
    # Straight to the driver: the engine's statement and result layers would cost as much as the 50
    # snippets themselves (about half a millisecond), and this query's text and types are fixed.
    driver = session.connection().connection.driver_connection
    assert driver is not None
    rows = driver.execute(_SQLITE.format(scope=where), {
        "match": terms.fts5(), "open": fts.MARK_OPEN, "close": fts.MARK_CLOSE, "ellipsis": fts.ELLIPSIS,
        "limit": limit, **params,
    }).fetchall()
    dialect = session.get_bind().dialect
    found = []
    for row in rows:
        item = dict(zip(_COLUMNS, row, strict=True))
        item["scheduled_start"] = _STAMP.process_result_value(item["scheduled_start"], dialect)
        found.append(item)
    return found


def _hit(row: Mapping[str, Any], rank: int) -> SearchHit:
    first = row["preferred_name"] or row["legal_first_name"] or ""
    name = f"{first} {row['legal_last_name'] or ''}".strip()
    return SearchHit(
        kind=row["kind"], source_id=int(row["source_id"]), session_id=int(row["session_id"]),
        participant_id=None if row["participant_id"] is None else int(row["participant_id"]),
        session_start=row["scheduled_start"], group_name=row["group_name"] or AD_HOC_NAME,
        session_title=row["title"] or "", participant_name=name, snippet=row["snippet"] or "", rank=rank,
    )
