"""Full-text search through the service: ranked hits with snippets, scopes, hostile text, an audit without words."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db import fts
from facilitator.db.models import AuditEvent, GroupSession, Share
from facilitator.errors import UserError
from facilitator.services.search import search
from tests.search_inputs import HOSTILE


def test_hits_carry_what_the_list_shows(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    result = demo_clinic.run(search, "grief", limit=20)
    assert result.terms == ("grief",) and len(result.hits) == 20
    assert [h.rank for h in result.hits] == list(range(1, 21))
    for hit in result.hits:
        assert hit.kind in fts.KIND_CODES and hit.group_name and hit.session_start.tzinfo is not None
        assert fts.MARK_OPEN in hit.snippet and "<" not in hit.snippet
        assert any(text.casefold().startswith("grief") for text, bold in hit.segments if bold)
        assert "[" in hit.marked() and fts.MARK_OPEN not in hit.marked()
        if hit.kind in ("note", "share", "intention"):
            assert (hit.participant_id is None) == (hit.participant_name == "")


def test_kinds_labels_and_scopes(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    with demo_clinic.session() as s:
        share = s.scalars(select(Share).where(Share.note_text != "")).first()
        assert share is not None
        word = share.note_text.split()[0]
    mine = demo_clinic.run(search, word, participant_id=share.participant_id, limit=100)
    assert mine.hits and all(h.participant_id == share.participant_id for h in mine.hits)
    shares = demo_clinic.run(search, word, kinds=["share"], limit=100)
    assert shares.hits and {h.kind_label for h in shares.hits} == {"Share"}
    notes = demo_clinic.run(search, "attended", kinds=["note"], limit=20)  # group notes count who attended
    assert notes.hits and {h.kind_label for h in notes.hits} == {"Group note"}
    first = demo_clinic.run(search, "participants", limit=1).hits[0]
    with demo_clinic.session() as s:
        group_id = s.get(GroupSession, first.session_id).group_id  # type: ignore[union-attr]
    only = demo_clinic.run(search, "participants", group_id=group_id, limit=100)
    assert only.hits and {h.group_name for h in only.hits} == {first.group_name}


def test_the_last_word_is_a_prefix_while_typing(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    typing = demo_clinic.run(search, "gri", limit=5)
    assert typing.hits and all("gri" in h.marked().casefold() for h in typing.hits)
    assert demo_clinic.run(search, "gri ", limit=5).hits == ()  # a finished word matches whole


def test_limits_and_kinds_are_checked(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    for limit in (0, 501):
        with pytest.raises(UserError, match="between 1 and 500"):
            demo_clinic.run(search, "grief", limit=limit)
    with pytest.raises(UserError, match="no kind of text called 'email'"):
        demo_clinic.run(search, "grief", kinds=["email"])


def test_each_search_is_audited_without_its_words(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    demo_clinic.run(search, "Zebulon harbour secret", participant_id=3)
    with demo_clinic.session() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event is not None and event.action == "search" and event.username == "demo"
    assert event.detail == "hits: 0; within participant 3"
    assert "harbour" not in event.detail.casefold() and "zebulon" not in event.detail.casefold()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_never_breaks_the_search(demo_clinic, text: str) -> None:  # type: ignore[no-untyped-def]
    with Session(demo_clinic.engine) as s:
        search(s, text)
        s.rollback()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(), st.lists(st.sampled_from(HOSTILE + ["grief", "music", " ", "OR", "(", ")"])).map("".join)))
def test_any_text_returns_hits_or_none(demo_clinic, text: str) -> None:  # type: ignore[no-untyped-def]
    with Session(demo_clinic.engine) as s:
        result = search(s, text, limit=10)
        s.rollback()
    assert len(result.hits) <= 10
