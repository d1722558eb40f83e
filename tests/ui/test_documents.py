"""The Documents screen: generation off the UI thread, the embedded preview, save, print, the private folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from facilitator.domain.clock import FakeClock
from facilitator.settings import Settings

NOW = datetime(2026, 3, 12, 10, 40).astimezone()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from facilitator.services.demo_clinic import create_demo_clinic
    from tests.conftest import fast_kdf

    store, _summary = create_demo_clinic(data_dir=tmp_path_factory.mktemp("demo"), years=1, seed=7,
                                         clock=FakeClock(NOW), kdf=fast_kdf())
    yield store
    store.dispose()


@pytest.fixture()
def screen(qtbot, demo):  # type: ignore[no-untyped-def]
    from facilitator.ui.context import AppContext
    from facilitator.ui.screens.documents import DocumentsScreen

    ctx = AppContext(demo, Settings(theme="light"), clock=FakeClock(NOW))
    widget = DocumentsScreen(ctx)
    widget.resize(1200, 800)
    widget.show()
    widget.activated()
    yield widget
    if shiboken6.isValid(widget):
        widget.folder.remove()
        widget.close()
        widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _finished_session(screen) -> int:  # type: ignore[no-untyped-def]
    from facilitator.services.sessions import list_sessions

    rows = [r for r in screen.ctx.store.run(list_sessions) if r.status == "finished"]
    return max(rows, key=lambda r: r.scheduled_start).id


def _summary_preview(screen, qtbot) -> Path:  # type: ignore[no-untyped-def]
    task = screen.open_document("summary", _finished_session(screen))
    assert task is not None
    # While the PDF is made on the pool, the button waits and a progress line shows.
    assert not screen.generate_button.isEnabled()
    assert screen.progress_label.isVisible() and screen.progress_label.text()
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: screen.task is None)
    assert screen.generate_button.isEnabled() and not screen.progress_label.isVisible()
    assert screen.viewer.path is not None
    return screen.viewer.path


def test_summary_is_made_off_the_ui_thread_and_previewed(screen, qtbot) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    path = _summary_preview(screen, qtbot)
    assert screen.right.currentWidget() is screen.viewer
    pages = len(PdfReader(path).pages)
    assert pages >= 1
    assert screen.viewer.document.pageCount() == pages
    assert screen.viewer.page_label.text() == f"Page 1 of {pages}"
    assert path.parent == screen.folder.path


def test_save_as_writes_a_readable_pdf(screen, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from facilitator.ui.widgets import pdf_view

    _summary_preview(screen, qtbot)
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(pdf_view.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(target), "PDF files (*.pdf)")))
    screen.viewer.save_button.click()
    assert len(PdfReader(target).pages) == screen.viewer.document.pageCount()
    assert screen.viewer.status.text() == "Saved as summary.pdf."


def test_no_printer_says_so_in_one_sentence(screen, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from facilitator.ui.widgets import pdf_view

    _summary_preview(screen, qtbot)
    monkeypatch.setattr(pdf_view.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    screen.viewer.print_button.click()
    assert screen.viewer.status.text() == pdf_view.NO_PRINTER


def test_the_private_folder_goes_when_the_screen_does(screen, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = _summary_preview(screen, qtbot)
    folder = path.parent
    assert folder.name.startswith("facilitator-documents-") and (folder.stat().st_mode & 0o077) == 0
    screen.close()
    screen.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(screen)
    assert not folder.exists()


def test_handouts_and_progress_are_made_too(screen, qtbot) -> None:  # type: ignore[no-untyped-def]
    from facilitator.services.participants import list_participants

    task = screen.open_document("handouts", _finished_session(screen))
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: screen.task is None)
    assert screen.viewer.document.pageCount() >= 1
    person = screen.ctx.store.run(list_participants)[0].id
    assert screen.select("progress", person)
    task = screen.generate()
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: screen.task is None)
    assert screen.viewer.path is not None and screen.viewer.path.name == f"progress-report-{person}.pdf"


def test_search_filters_sessions_by_group(screen) -> None:  # type: ignore[no-untyped-def]
    screen.search.setText("juniper")
    shown = [screen.sessions.item(i).text() for i in range(screen.sessions.count())
             if not screen.sessions.item(i).isHidden()]
    assert shown and all(t.startswith("Juniper") for t in shown)


def test_session_order_puts_running_then_recent_first() -> None:
    from facilitator.services.sessions import SessionRow
    from facilitator.ui.screens.documents import session_order

    def row(i: int, day: int, status: str) -> SessionRow:
        return SessionRow(i, datetime(2026, 3, day, 9).astimezone(), "G", "", "", status, "", 0, 0)

    rows = [row(1, 1, "finished"), row(2, 10, "finished"), row(3, 12, "running"), row(4, 20, "planned")]
    assert [r.id for r in session_order(rows, NOW)] == [3, 2, 1, 4]



def test_the_session_record_opens_its_summary_in_documents(make_window, store, qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from tests.ui.sessions import add_session

    session_id = add_session(store, NOW - timedelta(days=1), status="finished", present=2, expected=2)
    window = make_window()
    window.ctx.open_session(session_id, "session-detail")
    detail = window.pages["session-detail"]
    assert detail.summary_button.isVisible() and detail.handouts_button.isVisible()
    detail.summary_button.click()
    documents = window.pages["documents"]
    assert documents.task is not None and not documents.generate_button.isEnabled()
    qtbot.waitUntil(lambda: documents.task is None, timeout=20000)
    assert documents.shown == ("summary", session_id)
    assert documents.viewer.document.pageCount() >= 1
