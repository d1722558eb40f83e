"""Circle mode's pieces: the speaking order list (drag to reorder), theme chips, quiet airtime bars.

Facilitator's screen only: these show names and must never be placed on the room display.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.circle import Turn
from facilitator.domain.phase_timer import format_clock
from facilitator.domain.themes import MAX_TAG_LENGTH, parse_themes
from facilitator.ui import theme as theming
from facilitator.ui.widgets.flow_layout import FlowLayout
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.phase_clock import set_text
from facilitator.ui.widgets.progress import CalmBar

CHIP_PADDING = 44  # the segment style's 18 px each side, its border, a little air
CHIPS_SHOWN = 15
PID = Qt.ItemDataRole.UserRole


# Called by this name so pyside6-lupdate collects the strings (a wrapper function would hide them).
translate = QCoreApplication.translate


def turn_status(turn: Turn, seconds: float) -> str:
    if turn.passed:
        return translate("CircleScreen", "passed")
    if turn.speaking:
        return translate("CircleScreen", "speaking")  # no running seconds: the list must not rebuild under a drag
    if turn.spoke:
        return format_clock(seconds)
    return translate("CircleScreen", "waiting")


class OrderList(QListWidget):
    """This round's speaking order. Those still waiting can be dragged (or moved with Ctrl+Up/Down).

    Signals:
        reordered(list): the ids of those waiting, in their new order.
        chosen(int): a waiting person picked to speak now (Enter or a double click: popcorn).
    """

    reordered = Signal(list)
    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("circleOrder")
        self.setAccessibleName(translate("CircleScreen", "Speaking order"))
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setMinimumHeight(220)
        self._key: tuple[object, ...] = ()
        self.model().rowsMoved.connect(self._moved)
        self.itemActivated.connect(self._activated)

    def show_round(self, turns: Sequence[Turn], names: dict[int, str], seconds: dict[int, float]) -> None:
        """Fill the list (only when something visible changed, so a drag in progress is not undone)."""
        lines = []
        for turn in turns:
            name = names.get(turn.participant_id, "")
            lines.append((turn.participant_id, f"{turn.position}.  {name}   ·   "
                          f"{turn_status(turn, seconds.get(turn.participant_id, 0.0))}", turn.waiting))
        key = tuple(lines)
        if key == self._key:
            return
        self.setMinimumHeight(max(220, min(460, 38 * len(lines) + 18)))
        self._key = key
        picked = self.current_id()
        speaking = next((t.participant_id for t in turns if t.speaking), None)
        self.blockSignals(True)
        self.clear()
        for pid, text, waiting in lines:
            item = QListWidgetItem(text)
            item.setData(PID, pid)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if waiting:
                flags |= Qt.ItemFlag.ItemIsDragEnabled
            elif pid == speaking:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            else:
                item.setForeground(QColor(theming.current_theme().muted))
            item.setFlags(flags)
            self.addItem(item)
            if pid == picked:
                self.setCurrentItem(item)
        self.blockSignals(False)

    def current_id(self) -> int | None:
        item = self.currentItem()
        return int(item.data(PID)) if item is not None else None

    def waiting_ids(self) -> list[int]:
        return [self.item(i).data(PID) for i in range(self.count())
                if self.item(i).flags() & Qt.ItemFlag.ItemIsDragEnabled]

    def _moved(self, *_args: object) -> None:
        self._key = ()
        self.reordered.emit(self.waiting_ids())

    def _activated(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsDragEnabled:
            self.chosen.emit(item.data(PID))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
        if step is not None and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._move_current(step)
            return
        super().keyPressEvent(event)

    def _move_current(self, step: int) -> None:
        """Ctrl+Up/Down: the keyboard's drag, among those waiting only."""
        ids = self.waiting_ids()
        pid = self.current_id()
        if pid not in ids:
            return
        i = ids.index(pid)
        j = max(0, min(len(ids) - 1, i + step))
        if i == j:
            return
        ids.insert(j, ids.pop(i))
        self._key = ()
        self.reordered.emit(ids)


class TagChips(QWidget):
    """Theme chips to tick for the share, and a field to add a new theme (Enter).

    Signals:
        toggled(): a chip was ticked or unticked, or a new one added.
    """

    toggled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout()
        self.new_tag = QLineEdit()
        self.new_tag.setObjectName("circleNewTag")
        self.new_tag.setPlaceholderText(translate("CircleScreen", "New theme, then Enter"))
        self.new_tag.setAccessibleName(translate("CircleScreen", "New theme tag"))
        self.new_tag.setMaxLength(MAX_TAG_LENGTH)
        self.new_tag.returnPressed.connect(self._add_typed)
        self.chips: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(self.flow)
        row = QHBoxLayout()
        row.addWidget(self.new_tag, 1)
        row.addStretch(1)
        layout.addLayout(row)

    def set_themes(self, themes: Sequence[str], ticked: Sequence[str] = ()) -> None:
        """Offer ``themes`` (ticked ones and those added here stay even past the shown limit)."""
        wanted = list(dict.fromkeys([*ticked, *themes[:CHIPS_SHOWN]]))
        if list(self.chips) != wanted:
            for chip in self.chips.values():
                self.flow.removeWidget(chip)
                chip.hide()
                chip.deleteLater()
            self.chips = {}
            for tag in wanted:
                self._chip(tag)
        self.set_ticked(ticked)

    def set_ticked(self, ticked: Sequence[str]) -> None:
        for tag, chip in self.chips.items():
            chip.blockSignals(True)
            chip.setChecked(tag in ticked)
            chip.blockSignals(False)

    def ticked(self) -> list[str]:
        return [tag for tag, chip in self.chips.items() if chip.isChecked()]

    def _chip(self, tag: str) -> QPushButton:
        chip = QPushButton(f"#{tag}")
        chip.setCheckable(True)
        chip.setProperty("kind", "segment")
        # The hint Qt computes ignores the stylesheet's padding and the bold of a ticked chip.
        bold = QFont(chip.font())
        bold.setWeight(QFont.Weight.DemiBold)
        chip.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(chip.text()) + CHIP_PADDING)
        chip.setAccessibleName(translate("CircleScreen", "Theme {0}").format(tag))
        chip.toggled.connect(lambda _on: self.toggled.emit())
        self.flow.addWidget(chip)
        self.chips[tag] = chip
        return chip

    def _add_typed(self) -> None:
        for tag in parse_themes(self.new_tag.text()):
            chip = self.chips.get(tag) or self._chip(tag)
            chip.setChecked(True)
        self.new_tag.clear()
        self.toggled.emit()


class AirtimeBars(QWidget):
    """A quiet bar per person: how long each has spoken this session, longest bar the longest airtime."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        self.rows: dict[int, tuple[QLabel, CalmBar, QLabel]] = {}

    def show_airtime(self, order: Sequence[int], names: dict[int, str], seconds: dict[int, float]) -> None:
        if list(self.rows) != list(order):
            for name, bar, time in self.rows.values():
                for widget in (name, bar, time):
                    widget.hide()
                    widget.deleteLater()
            self.rows = {}
            for row, pid in enumerate(order):
                name, bar, time = label(names.get(pid, ""), None), CalmBar(8), label("", "small")
                bar.setAccessibleName(translate("CircleScreen", "Airtime of {0}").format(names.get(pid, "")))
                time.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                time.setMinimumWidth(time.fontMetrics().horizontalAdvance("00:00:00"))
                self.grid.addWidget(name, row, 0)
                self.grid.addWidget(bar, row, 1)
                self.grid.addWidget(time, row, 2)
                self.rows[pid] = (name, bar, time)
        longest = max([*seconds.values(), 60.0])
        quiet = QColor(theming.current_theme().accent)
        quiet.setAlphaF(0.55)
        for pid, (_name, bar, time) in self.rows.items():
            spoken = seconds.get(pid, 0.0)
            bar.set_progress(spoken / longest, quiet)
            set_text(time, format_clock(spoken))

    def seconds_text(self, pid: int) -> str:
        return self.rows[pid][2].text()
