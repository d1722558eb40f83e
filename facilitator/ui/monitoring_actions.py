"""Wire a monitoring panel to a feed: the one-line vitals entry and the Dose, Observation and Discharge dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from facilitator.ui.monitoring_feed import MonitoringFeed
from facilitator.ui.widgets.monitoring_panel import MonitoringPanel


def connect_panel(panel: MonitoringPanel, feed: MonitoringFeed, host: QWidget) -> None:
    """Make ``panel``'s entry and buttons act through ``feed``; dialogs open over ``host``."""
    panel.vitalsEntered.connect(lambda pid, line: enter_vitals(panel, feed, pid, line))
    panel.doseRequested.connect(lambda pid: open_dialog("dose", feed, pid, host))
    panel.observationRequested.connect(lambda pid: open_dialog("observation", feed, pid, host))
    panel.dischargeRequested.connect(lambda pid: open_dialog("discharge", feed, pid, host))


def enter_vitals(panel: MonitoringPanel, feed: MonitoringFeed, participant_id: int, line: str) -> None:
    sentence = feed.record_vitals(participant_id, line)
    if sentence:
        panel.show_error(sentence)
    else:
        panel.entry_saved()


def open_dialog(kind: str, feed: MonitoringFeed, participant_id: int, host: QWidget) -> QDialog | None:
    """Open the ``kind`` dialog (window-modal, returns at once); the feed keeps it as ``feed.dialog``."""
    from facilitator.ui.dialogs.monitoring_dialogs import DIALOGS

    card = feed.card(participant_id)
    if card is None or feed.session_id is None:
        return None
    dialog = DIALOGS[kind](feed, card, host)
    feed.dialog = dialog
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
