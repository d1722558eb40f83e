"""The group view of every member's GAD-7 and PHQ-9 trend (issue 6)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QLabel

from facilitator.domain.clock import FakeClock
from facilitator.services.progress import group_progress
from facilitator.ui.widgets.group_trends import GroupTrends, Sparkline, change_text

NOW = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):  # type: ignore[no-untyped-def]
    from facilitator.services.demo_clinic import create_demo_clinic
    from tests.conftest import fast_kdf

    store, _ = create_demo_clinic(data_dir=tmp_path_factory.mktemp("trends"), years=1, seed=7,
                                  clock=FakeClock(NOW), kdf=fast_kdf())
    yield store
    store.dispose()


def test_every_member_with_scores_gets_a_row_with_lines_and_changes(qtbot, demo):
    from facilitator.db.models import Group

    with demo.session() as s:
        group_id = s.query(Group.id).order_by(Group.id).first()[0]
    progress = demo.run(group_progress, group_id)
    widget = GroupTrends()
    qtbot.addWidget(widget)
    widget.set_progress(progress)
    scored = [m for m in progress.members if m.gad7.points or m.phq9.points]
    assert widget.rows == len(scored) > 0
    assert len(widget.findChildren(Sparkline)) == 2 * len(scored)
    texts = [w.text() for w in widget.findChildren(QLabel)]
    assert any("→" in t for t in texts)
    widget.resize(900, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.grab()  # every sparkline paints without a warning


def test_change_text_reads_first_to_latest(demo):
    from facilitator.db.models import Group

    with demo.session() as s:
        group_id = s.query(Group.id).order_by(Group.id).first()[0]
    member = next(m for m in demo.run(group_progress, group_id).members if len(m.phq9.points) > 1)
    first, last = member.phq9.points[0].total, member.phq9.points[-1].total
    assert change_text(member.phq9).startswith(f"{first} → {last} (")


def test_no_scores_says_so(qtbot):
    widget = GroupTrends()
    qtbot.addWidget(widget)
    widget.set_progress(None)
    assert widget.rows == 0
    assert "No GAD-7 or PHQ-9 scores" in widget.findChildren(QLabel)[0].text()
