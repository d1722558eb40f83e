"""History, the participant screen and autosave on a ten-year clinic, each as the UI calls it (Store.run)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from facilitator.db.models import Attendance
from facilitator.services.history import HistoryFilter, list_history
from facilitator.services.notes import get_session_notes, save_note
from facilitator.services.participant_timeline import participant_timeline
from facilitator.services.progress import participant_progress
from facilitator.services.store import Store
from tests.benchmarks.conftest import NOW, cpu_ms


def median_ms(benchmark: Any) -> float:
    return float(benchmark.stats.stats.median) * 1000


def cpu_median(benchmark: Any, fn: Callable[[], object], rounds: int = 20) -> float:
    """Record the wall median (the table's) and CPU figures; return the CPU median the targets check."""
    median, best = cpu_ms(fn, rounds)
    benchmark.extra_info.update({"wall median ms": round(median_ms(benchmark), 1), "cpu median ms": round(median, 2),
                                 "cpu best ms": round(best, 2)})
    return median


def test_history_first_screen(benchmark: Any, clinic10: Store) -> None:
    page = benchmark.pedantic(clinic10.run, args=(list_history, NOW), kwargs={"limit": 50}, rounds=20,
                              warmup_rounds=2)
    assert len(page.rows) == 50 and page.next is not None
    assert cpu_median(benchmark, lambda: clinic10.run(list_history, NOW, limit=50)) <= 150


def test_history_first_screen_for_a_participant(benchmark: Any, clinic10: Store) -> None:
    with clinic10.session() as s:
        busiest = s.scalar(select(Attendance.participant_id).group_by(Attendance.participant_id)
                           .order_by(func.count().desc()).limit(1))
    page = benchmark.pedantic(clinic10.run, args=(list_history, NOW, HistoryFilter(participant_id=busiest)),
                              rounds=20, warmup_rounds=2)
    assert len(page.rows) == 50
    assert cpu_median(benchmark, lambda: clinic10.run(list_history, NOW, HistoryFilter(participant_id=busiest))) <= 150


def _with_sessions(store: Store, count: int) -> int:
    with store.session() as s:
        return int(s.scalar(select(Attendance.participant_id).group_by(Attendance.participant_id)
                            .order_by(func.abs(func.count() - count), Attendance.participant_id).limit(1)))


def test_participant_timeline_of_60_sessions(benchmark: Any, clinic10: Store) -> None:
    pid = _with_sessions(clinic10, 60)
    timeline = benchmark.pedantic(clinic10.run, args=(participant_timeline, pid), rounds=20, warmup_rounds=2)
    benchmark.extra_info["sessions"] = len(timeline.sessions)
    assert 55 <= len(timeline.sessions) <= 65
    assert cpu_median(benchmark, lambda: clinic10.run(participant_timeline, pid)) <= 100


def test_participant_progress_of_60_sessions(benchmark: Any, clinic10: Store) -> None:
    pid = _with_sessions(clinic10, 60)
    progress = benchmark.pedantic(clinic10.run, args=(participant_progress, pid), rounds=20, warmup_rounds=2)
    assert progress.phq9.points
    assert cpu_median(benchmark, lambda: clinic10.run(participant_progress, pid)) <= 100


def test_autosave_of_a_2000_word_note(benchmark: Any, clinic10: Store) -> None:
    sid = clinic10.run(list_history, NOW, limit=1).rows[0].id
    note = clinic10.run(get_session_notes, sid).group
    words = "the circle held a long silence after one share and several named it as meaningful".split()
    paragraphs = ["<p>" + " ".join(words[(i + p) % len(words)] for i in range(200)) + "</p>" for p in range(10)]
    bodies = ["".join(paragraphs) + "<p>draft one</p>", "".join(paragraphs) + "<p>draft two</p>"]
    state = {"version": note.version, "n": 0}

    def save() -> None:  # every call really writes: the text alternates
        state["n"] += 1
        saved = clinic10.run(save_note, note.id, bodies[state["n"] % 2], expected_version=state["version"])
        state["version"] = saved.version

    benchmark.pedantic(save, rounds=20, warmup_rounds=2)
    # Well inside the second between a pause in typing and the save (the commit's disk wait comes on top).
    assert cpu_median(benchmark, save) <= 250
