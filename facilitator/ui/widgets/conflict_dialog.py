"""The conflict dialog: a record changed on another computer while it was being edited here.

Both versions side by side — theirs with who saved it and when, mine as typed — and three choices,
none of which loses anything without the user seeing it first:

* **Keep theirs**: the edit here is dropped and the stored version shown.
* **Save mine instead**: mine becomes the new version, knowingly replacing theirs (seen just now).
* **Copy mine and reload**: mine goes to the clipboard as plain text (to paste back in part), theirs is shown.

The dialog is window-modal but not blocking (:meth:`QDialog.open`): the owner gets :attr:`chosen`,
so autosaves queued behind it wait and tests can read and click it like a user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from facilitator.domain import markup
from facilitator.ui import format as fmt
from facilitator.ui.widgets.page import label

KEEP_THEIRS, KEEP_MINE, COPY_MINE = "theirs", "mine", "copy"


@dataclass(frozen=True)
class Versions:
    """What the dialog compares.

    Attributes:
        what: the record in a few words ("this note", "this profile").
        mine: the text as edited here; ``theirs`` as stored now.
        rich: True when both are safe note markup (shown formatted), else plain text.
        who: who saved theirs ("" when unknown); ``when`` the time they saved it.
    """

    what: str
    mine: str
    theirs: str
    rich: bool = False
    who: str = ""
    when: datetime | None = None

    def theirs_caption(self) -> str:
        when = _when(self.when)
        who = f"Saved by {self.who}" if self.who else "Saved on another computer"
        return f"{who}, {when}" if when else who

    def mine_as_text(self) -> str:
        return markup.to_plain_text(self.mine) if self.rich else self.mine


def field_texts(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> tuple[str, str]:
    """The fields that differ, one "Label: value" line each, as (mine, theirs) plain texts."""
    differ = [name for name in mine if mine[name] != theirs.get(name)]
    if not differ:
        return "The same as theirs.", "The same as yours."
    return ("\n".join(f"{_label(n)}: {_value(mine[n])}" for n in differ),
            "\n".join(f"{_label(n)}: {_value(theirs.get(n))}" for n in differ))


def _label(name: str) -> str:
    words = name.replace("_", " ")
    if words.startswith("flag "):
        words = words[5:] + " (screening flag)"
    return words[:1].upper() + words[1:]


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value or "").strip()
    return " ".join(text.split()) if text else "(empty)"


def _when(at: datetime | None) -> str:
    return f"{fmt.long_date(at)}, {fmt.time_of_day(at)}" if at is not None else ""


class ConflictDialog(QDialog):
    """Shows both versions and asks which to keep.

    Attributes:
        choice: KEEP_THEIRS, KEEP_MINE or COPY_MINE once chosen ("" until then).
        mine_view, theirs_view: the two texts as shown (tests read them).

    Signals:
        chosen(str): the choice, once; closing the dialog any other way counts as "copy mine and
            reload" (the choice that loses nothing: theirs stays, mine is on the clipboard).
    """

    chosen = Signal(str)

    def __init__(self, versions: Versions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.versions = versions
        self.choice = ""
        self.setWindowTitle("Changed on another computer")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        intro = label(f"Someone saved {versions.what} on another computer while you were editing it. "
                      "Nothing has been overwritten: compare both versions and choose one.", "muted", wrap=True)
        self.theirs_view = self._text(versions.theirs)
        self.mine_view = self._text(versions.mine)
        self.theirs_caption = label(versions.theirs_caption(), "small", wrap=True)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        for title, caption, view in (("Their version", self.theirs_caption, self.theirs_view),
                                     ("Your version", label("Not saved yet: what you typed here", "small"),
                                      self.mine_view)):
            side = QVBoxLayout()
            side.setSpacing(4)
            side.addWidget(label(title, "section"))
            side.addWidget(caption)
            side.addWidget(view, 1)
            columns.addLayout(side, 1)

        self.keep_theirs = QPushButton("Keep theirs")
        self.keep_theirs.setProperty("kind", "primary")
        self.keep_theirs.setToolTip("Drop your edit and show their version.")
        self.keep_mine = QPushButton("Save mine instead")
        self.keep_mine.setToolTip("Replace their version with yours, now that you have seen it.")
        self.copy_mine = QPushButton("Copy mine and reload")
        self.copy_mine.setToolTip("Put your text on the clipboard and show their version, to paste back what you need.")
        for button, choice in ((self.keep_theirs, KEEP_THEIRS), (self.keep_mine, KEEP_MINE),
                               (self.copy_mine, COPY_MINE)):
            button.clicked.connect(lambda _checked=False, c=choice: self.choose(c))
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_mine)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_mine)
        buttons.addWidget(self.keep_theirs)

        column = QVBoxLayout(self)
        column.setContentsMargins(20, 18, 20, 18)
        column.setSpacing(12)
        column.addWidget(intro)
        column.addLayout(columns, 1)
        column.addLayout(buttons)
        self.keep_theirs.setDefault(True)
        self.resize(860, 480)
        self.finished.connect(lambda _result: self._closed())

    def _text(self, body: str) -> QTextBrowser:
        view = QTextBrowser()
        view.setOpenLinks(False)
        if self.versions.rich:
            view.setHtml(body)
        else:
            view.setPlainText(body)
        return view

    def choose(self, choice: str) -> None:
        """Choose (as the buttons do); copying puts mine on the clipboard first."""
        if self.choice:
            return
        if choice == COPY_MINE:
            # Plain text: a QMimeData made here and handed to the clipboard is freed twice when the app
            # quits (a crash on exit); the words are what matters when pasting back.
            QGuiApplication.clipboard().setText(self.versions.mine_as_text())
        self.choice = choice
        self.chosen.emit(choice)
        self.accept()

    def _closed(self) -> None:
        if not self.choice:  # Escape or the window's close button
            self.choose(COPY_MINE)
