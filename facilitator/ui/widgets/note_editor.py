"""One note's editor: formatted text saved about a second after typing stops, signing, and addenda.

Every database call runs in a :class:`~facilitator.ui.workers.Task`, one at a time in the order asked
(save, sign, template, addendum), so typing never waits for the disk and two saves never race.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextCharFormat, QTextListFormat
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QTextEdit, QVBoxLayout, QWidget

from facilitator.domain.note_templates import TEMPLATES
from facilitator.services.conflicts import LastChange, last_change
from facilitator.services.note_views import ConflictError, NoteView, SavedNote
from facilitator.services.notes import add_addendum, apply_template, get_note, save_note, sign_note
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.dialogs import note_dialogs
from facilitator.ui.widgets.conflict_dialog import COPY_MINE, KEEP_MINE, ConflictDialog, Versions
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.theme_field import ThemeField
from facilitator.ui.workers import Task

AUTOSAVE_MS = 1000  # a pause this long after the last keystroke saves

SAVED, SAVING, UNSAVED = "All changes saved", "Saving…", "Not saved: "


class NoteEditor(QWidget):
    """Edits one note; the owner shows it and calls :meth:`flush` before the screen hides.

    Signals:
        changed(object): the note's new :class:`NoteView` after signing or an addendum (for the list).
    """

    changed = Signal(object)

    def __init__(self, ctx: AppContext, view: NoteView, themes: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.view, self.version = ctx, view, view.version
        self._queue: list[str] = []
        self._busy = False
        self._loading = False
        self._sent: tuple[str, str] | None = None
        self.conflict_dialog: ConflictDialog | None = None  # open while the user chooses a version

        self.heading = label(view.participant_name or "Group note", "section")
        self.status = label(SAVED, "muted")
        self.status.setObjectName("saveStatus")
        self.template = QComboBox()
        self.template.setAccessibleName("Note template")
        self.template.setFixedWidth(170)
        for key, chosen in TEMPLATES.items():
            self.template.addItem(chosen.label, key)
        self.template.setCurrentIndex(max(0, self.template.findData(view.template)))
        self.template.activated.connect(self._template_chosen)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status)
        top.addSpacing(12)
        top.addWidget(self.template)

        self.themes = ThemeField(themes)
        self.themes.setText(", ".join(view.themes))
        self.themes.textEdited.connect(self._edited)
        self.themes.setVisible(view.participant_id is None)

        self.bold, self.italic, self.bullets = (self._tool(t, tip) for t, tip in
                                                (("B", "Bold (Ctrl+B)"), ("I", "Italic (Ctrl+I)"),
                                                 ("• List", "Bulleted list")))
        for button, style in ((self.bold, "bold"), (self.italic, "italic")):
            font = button.font()
            font.setBold(style == "bold")
            font.setItalic(style == "italic")
            button.setFont(font)
        self.bold.clicked.connect(self.toggle_bold)
        self.italic.clicked.connect(self.toggle_italic)
        self.bullets.clicked.connect(self.toggle_list)
        tools = QHBoxLayout()
        tools.setSpacing(6)
        for button in (self.bold, self.italic, self.bullets):
            tools.addWidget(button)
        tools.addStretch(1)

        self.editor = QTextEdit()
        self.editor.setObjectName("noteEditor")
        self.editor.setAccessibleName("Note text")
        self.editor.setAcceptRichText(True)
        self.editor.setMinimumHeight(360)
        self.editor.textChanged.connect(self._edited)
        for keys, slot in ((QKeySequence.StandardKey.Bold, self.toggle_bold),
                           (QKeySequence.StandardKey.Italic, self.toggle_italic)):
            shortcut = QShortcut(keys, self.editor)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.signature = label("", "muted", wrap=True)
        self.sign = QPushButton("Sign note…")
        self.sign.setProperty("kind", "primary")
        self.sign.clicked.connect(self.ask_sign)
        self.addendum = QPushButton("Add addendum…")
        self.addendum.clicked.connect(self.ask_addendum)
        bottom = QHBoxLayout()
        bottom.addWidget(self.signature, 1)
        bottom.addWidget(self.addendum)
        bottom.addWidget(self.sign)
        self.addenda = QVBoxLayout()
        self.addenda.setSpacing(8)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addLayout(top)
        column.addWidget(self.themes)
        column.addLayout(tools)
        column.addWidget(self.editor, 1)
        column.addLayout(bottom)
        column.addLayout(self.addenda)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(lambda: self._enqueue("save"))
        self._show(view, load_text=True)

    @staticmethod
    def _tool(text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("kind", "tool")
        button.setAccessibleName(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cursor stays in the text
        return button

    # -- formatting --------------------------------------------------------------------------------
    def toggle_bold(self) -> None:
        weight = QFont.Weight.Normal if self.editor.fontWeight() > QFont.Weight.Normal else QFont.Weight.Bold
        self.editor.setFontWeight(weight)

    def toggle_italic(self) -> None:
        fmt_ = QTextCharFormat()
        fmt_.setFontItalic(not self.editor.fontItalic())
        self.editor.mergeCurrentCharFormat(fmt_)

    def toggle_list(self) -> None:
        cursor = self.editor.textCursor()
        current = cursor.currentList()
        if current is not None:
            block = cursor.blockFormat()
            current.remove(cursor.block())
            block.setIndent(0)
            cursor.setBlockFormat(block)
        else:
            cursor.createList(QTextListFormat.Style.ListDisc)

    # -- state -------------------------------------------------------------------------------------
    def _show(self, view: NoteView, *, load_text: bool) -> None:
        self.view = view
        self.version = view.version
        if load_text:
            self._loading = True
            self.editor.setHtml(view.body)
            self.themes.setText(", ".join(view.themes))
            self._loading = False
        locked = view.signed
        self.editor.setReadOnly(locked)
        self.themes.setReadOnly(locked)
        self.template.setEnabled(not locked)
        for button in (self.bold, self.italic, self.bullets):
            button.setEnabled(not locked)
        self.sign.setVisible(not locked)
        self.addendum.setVisible(locked)
        when = fmt.long_date(view.signed_at) + ", " + fmt.time_of_day(view.signed_at) if view.signed_at else ""
        self.signature.setText(f"Signed by {view.signature} on {when}" if locked else
                               "Signing locks the note; later changes become addenda.")
        self._show_addenda(view)

    def _show_addenda(self, view: NoteView) -> None:
        while self.addenda.count():
            item = self.addenda.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        for add in view.addenda:
            box = QWidget()
            box.setProperty("card", "addendum")
            box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            lines = QVBoxLayout(box)
            lines.setContentsMargins(14, 10, 14, 10)
            lines.addWidget(label(f"Addendum · {add.signature} · {fmt.long_date(add.created_at)}, "
                                  f"{fmt.time_of_day(add.created_at)}", "small"))
            text = label(add.body, None, wrap=True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lines.addWidget(text)
            self.addenda.addWidget(box)

    def _edited(self, *_: Any) -> None:
        if self._loading or self.view.signed:
            return
        self._set_status(SAVING)
        self.timer.start()  # restarts: the save waits for a pause

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setProperty("role", "error" if text.startswith(UNSAVED) else "muted")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def flush(self) -> None:
        """Save now what waits for the pause (the screen is hiding or another note is shown)."""
        if self.timer.isActive():
            self.timer.stop()
            self._enqueue("save")

    @property
    def idle(self) -> bool:
        return not (self._busy or self._queue or self.timer.isActive() or self.conflict_dialog is not None)

    @property
    def unsaved(self) -> bool:
        """Typing not yet saved (or a save or conflict still open): a reload would lose it."""
        return not self.idle or self.status.text().startswith(UNSAVED)

    def refresh(self, view: NoteView) -> bool:
        """Show a version saved elsewhere, unless this editor holds unsaved typing. True when shown.

        The cursor stays where it was (as near as the new text allows).
        """
        if view.id != self.view.id or (view.version == self.version and view.signed == self.view.signed):
            return False
        if self.unsaved:
            return False  # the next save meets the conflict dialog instead
        cursor = self.editor.textCursor().position()
        scroll = self.editor.verticalScrollBar().value()
        self._show(view, load_text=True)
        moved = self.editor.textCursor()
        moved.setPosition(min(cursor, len(self.editor.toPlainText())))
        self.editor.setTextCursor(moved)
        self.editor.verticalScrollBar().setValue(scroll)
        return True

    # -- the queue of database work ----------------------------------------------------------------
    def _enqueue(self, op: str) -> None:
        if op == "save" and "save" in self._queue:
            return  # one queued save carries all the typing since
        self._queue.append(op)
        self._kick()

    def _kick(self) -> None:
        if self._busy or not self._queue:
            return
        op = self._queue.pop(0)
        work = self._work(op)
        if work is None:
            self._kick()
            return
        self._busy = True
        task = Task(work, parent=self)
        task.succeeded.connect(lambda result, op=op: self._done(op, result))
        task.failed.connect(lambda message, op=op: self._failed(op, message))
        task.start()

    def _work(self, op: str) -> Callable[..., Any] | None:
        """The function to run off the UI thread for ``op``, reading the editor's state now."""
        store, note_id, version, clock = self.ctx.store, self.view.id, self.version, self.ctx.clock
        if op == "save":
            if self.view.signed:
                return None
            body, themes = self.editor.toHtml(), self.themes.text()
            self._sent = (body, themes)
            tags = themes if self.view.participant_id is None else None

            def save(progress: Any = None) -> SavedNote | tuple[ConflictError, LastChange]:
                try:
                    return store.run(save_note, note_id, body, expected_version=version, themes=tags)
                except ConflictError as exc:
                    return exc, store.run(last_change, "note", note_id)
            return save
        if op == "sign":
            return lambda progress=None: store.run(sign_note, note_id, expected_version=version, clock=clock)
        if op.startswith("template:"):
            key = op.split(":", 1)[1]
            return lambda progress=None: store.run(apply_template, note_id, key, expected_version=version)
        if op.startswith("addendum:"):
            text = op.split(":", 1)[1]

            def addendum(progress: Any = None) -> NoteView:
                store.run(add_addendum, note_id, text, clock=clock)
                return store.run(get_note, note_id)
            return addendum
        return None

    def _done(self, op: str, result: Any) -> None:
        self._busy = False
        if isinstance(result, tuple) and isinstance(result[0], ConflictError):
            self._conflict(*result)
        elif isinstance(result, SavedNote):
            self.version = result.version
            if not self.timer.isActive() and "save" not in self._queue:
                self._set_status(SAVED)
        elif isinstance(result, NoteView):
            self._show(result, load_text=op.startswith("template:") or op == "sign")
            self._set_status(SAVED)
            self.changed.emit(result)
        self._kick()

    def _failed(self, op: str, message: str) -> None:
        self._busy = False
        self._queue = [o for o in self._queue if o != "sign"]
        self._set_status(UNSAVED + message) if op == "save" else note_dialogs.tell(self, message)
        if op.startswith("template:"):
            self.template.setCurrentIndex(max(0, self.template.findData(self.view.template)))
        self._kick()

    def _conflict(self, error: ConflictError, last: LastChange) -> None:
        """Another computer saved this note first: show both versions and wait for the choice.

        Saves queued meanwhile wait behind the dialog (the editor is not idle while it is open).
        """
        self._set_status(UNSAVED + "changed on another computer")
        self._busy = True  # nothing else is sent until the user has chosen
        versions = Versions("this note", mine=error.mine, theirs=error.theirs, rich=True, who=last.who,
                            when=last.at or error.current.updated_at)
        self.conflict_dialog = ConflictDialog(versions, self)
        self.conflict_dialog.chosen.connect(lambda choice: self._resolved(error, choice))
        self.conflict_dialog.open()

    def _resolved(self, error: ConflictError, choice: str) -> None:
        dialog, self.conflict_dialog = self.conflict_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self._busy = False
        self.version = error.their_version
        if choice == KEEP_MINE:
            self._queue = [op for op in self._queue if op != "save"]
            self._enqueue("save")  # the editor still holds mine; saved over the version just seen
            return
        self.timer.stop()
        self._queue = [op for op in self._queue if op != "save"]
        self._show(error.current, load_text=True)
        self._set_status("Your text is on the clipboard" if choice == COPY_MINE else SAVED)
        self._kick()

    # -- actions -----------------------------------------------------------------------------------
    def _template_chosen(self, index: int) -> None:
        key = self.template.itemData(index)
        if key != self.view.template:
            self.flush()
            self._enqueue(f"template:{key}")

    def ask_sign(self) -> None:
        who = self.ctx.store.actor
        signer = who.signature if who is not None else "you"
        now = self.ctx.clock.now()
        if not note_dialogs.confirm_sign(self, signer, f"{fmt.long_date(now)}, {fmt.time_of_day(now)}"):
            return
        self.flush()
        self._enqueue("sign")

    def ask_addendum(self) -> None:
        text = note_dialogs.ask_addendum(self)
        if text and text.strip():
            self._enqueue(f"addendum:{text}")
