"""Search text is cut into quoted words: nothing a user types reaches the engine as syntax."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.search_text import MAX_TERMS, parse, segments, snippet


@pytest.mark.parametrize(
    ("typed", "fts5", "tsquery"),
    [
        ("grief", '"grief"*', "'grief':*"),
        ("grief ", '"grief"', "'grief'"),
        ("letting go", '"letting" "go"*', "'letting' & 'go':*"),
        ('"NEAR(a b)" OR x* -y', '"NEAR" "a" "b" "OR" "x" "y"', "'NEAR' & 'a' & 'b' & 'OR' & 'x' & 'y'"),
        ("'; DROP TABLE note; --", '"DROP" "TABLE" "note"', "'DROP' & 'TABLE' & 'note'"),
        ("a", '"a"', "'a'"),
        ("Ñandú café", '"Ñandú" "café"*', "'Ñandú' & 'café':*"),
        ("((", "", ""),
        ("", "", ""),
    ],
)
def test_parse(typed: str, fts5: str, tsquery: str) -> None:
    terms = parse(typed)
    assert terms.fts5() == fts5 and terms.tsquery() == tsquery
    assert bool(terms) == bool(fts5)


def test_many_words_are_capped_and_lose_the_prefix() -> None:
    terms = parse(" ".join(f"w{i}" for i in range(40)))
    assert len(terms.words) == MAX_TERMS and not terms.prefix_last


def test_snippet_and_segments() -> None:
    terms = parse("grie")
    cut = snippet("She spoke about Grief and grieving, today.", terms, open_mark="[", close_mark="]")
    assert cut == "She spoke about [Grief] and [grieving], today."
    long = snippet(" ".join(["word"] * 40 + ["grief"] + ["word"] * 40), terms, open_mark="[", close_mark="]")
    assert long.startswith("…word") and long.endswith("word…") and "[grief]" in long and len(long.split()) == 16
    assert segments("a \x02b\x03 c", "\x02", "\x03") == (("a ", False), ("b", True), (" c", False))


@pytest.fixture(scope="module")
def fts5() -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
    con.execute("INSERT INTO t VALUES ('grief arrives in waves'), ('NEAR the sea (and) \"quotes\"'), ('café')")
    return con


@given(st.text())
def test_any_text_is_a_valid_fts5_query(fts5: sqlite3.Connection, typed: str) -> None:
    terms = parse(typed)
    if terms:
        fts5.execute("SELECT count(*) FROM t WHERE t MATCH ?", (terms.fts5(),)).fetchall()


@given(st.lists(st.sampled_from(['"', "NEAR", "(", ")", "*", "-", "^", ":", "AND", "OR", "NOT", "+", "{", "}",
                                 "'", ";", "--", "grief", "é", "\u0301", " "]), max_size=20))
def test_operator_soup_is_a_valid_fts5_query(fts5: sqlite3.Connection, parts: list[str]) -> None:
    terms = parse("".join(parts))
    if terms:
        fts5.execute("SELECT count(*) FROM t WHERE t MATCH ?", (terms.fts5(),)).fetchall()
