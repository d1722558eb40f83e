"""The monitoring services read the demo clinic's year of dosing sessions as a clinic would see them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from facilitator.db.models import Discharge, Dose, GroupSession
from facilitator.domain.clock import FakeClock
from facilitator.domain.vitals import VitalsLevel
from facilitator.services import monitoring as m
from facilitator.services.demo_clinic import create_demo_clinic
from facilitator.services.store import Store
from tests.conftest import fast_kdf

NOW = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store, _ = create_demo_clinic(data_dir=tmp_path_factory.mktemp("demo"), years=1, seed=7, clock=FakeClock(NOW),
                                  kdf=fast_kdf())
    yield store
    store.dispose()


def test_every_demo_discharge_was_ready_when_it_happened(demo: Store) -> None:
    clock = FakeClock(NOW)
    with demo.session() as s:
        discharged = {(sid, pid) for sid, pid in s.execute(select(Discharge.session_id, Discharge.participant_id))}
        held = s.scalars(select(Dose).where(Dose.hold_override_reason != "")).all()
    assert len(discharged) > 100
    seen, not_ready = 0, []
    for session_id in sorted({sid for sid, _ in discharged}):
        for card in demo.run(m.get_board, session_id, clock).cards:
            if (session_id, card.participant_id) not in discharged:
                continue
            seen += 1
            state = card.discharge
            assert state.discharged and state.monitoring_minutes is not None and state.monitoring_minutes >= 120
            assert card.schedule_view.next_item is None  # the schedule closed at discharge
            if not state.ready:
                not_ready.append(state.reasons)
    assert seen == len(discharged) and not_ready == []
    assert held and all(d.hold_override_by_id is not None for d in held)


def test_the_running_demo_session_on_the_board(demo: Store) -> None:
    with demo.session() as s:
        running = s.scalars(select(GroupSession.id).where(GroupSession.status == "running")).one()
    board = demo.run(m.get_board, running, FakeClock(NOW))
    assert board.cards and [c.attention for c in board.cards] == sorted(c.attention for c in board.cards)
    for card in board.cards:
        assert card.vitals, "everyone in a dosing session has pre-dose vitals"
        for vital in card.vitals:
            assert (vital.classification.level is VitalsLevel.NORMAL) is (vital.classification.reason == "")
