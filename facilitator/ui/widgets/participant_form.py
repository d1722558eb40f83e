"""The participant form: identity, contacts and screening in three cards, each message beside its field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from facilitator.domain.participant_rules import FLAGS, ParticipantFields, age_on, parse_date
from facilitator.errors import FieldError
from facilitator.ui.icons import IconLabel
from facilitator.ui.widgets.fields import FormField, TextArea
from facilitator.ui.widgets.page import card, label
from facilitator.ui.widgets.toggle import Toggle

LANGUAGES = (("en", "English"), ("es", "Español (Spanish)"))
DATE_HINT = "YYYY-MM-DD"
FLAG_HINTS = {
    "flag_hypertension": "Raised blood pressure, treated or not",
    "flag_cardiac": "Heart disease, arrhythmia, past cardiac events",
    "flag_psychosis_history": "Personal or family history of psychosis",
    "flag_pregnancy": "Pregnant or may be pregnant",
    "flag_substance_use": "Current or past substance use disorder",
}


def _line(placeholder: str = "", limit: int | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    if limit:
        edit.setMaxLength(limit)
    return edit


class ParticipantForm(QWidget):
    """Every editable field of a participant except the status (the profile page owns that).

    Signals:
        changed(): any field was edited by the user.
    """

    changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.fields: dict[str, FormField] = {}
        self.toggles: dict[str, Toggle] = {}
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)

        self.language = QComboBox()
        for code, text in LANGUAGES:
            self.language.addItem(text, code)
        self.language.currentIndexChanged.connect(self._edited)
        self.address = TextArea(2)
        self.medications = TextArea(3)
        for area in (self.address, self.medications):
            area.textChanged.connect(self._edited)
        layout.addWidget(self._card("participant", "Identity", [
            ("legal_first_name", "Legal first name", _line(limit=80), ""),
            ("legal_last_name", "Legal last name", _line(limit=80), ""),
            ("preferred_name", "Preferred name", _line("Used in the room and on handouts", 80), ""),
            ("pronouns", "Pronouns", _line("she/her, he/him, they/them\u2026", 30), ""),
            ("date_of_birth", "Date of birth", _line(DATE_HINT, 10), ""),
            ("preferred_language", "Preferred language", self.language, "Handouts are printed in this language."),
        ]))
        layout.addWidget(self._card("people", "Contact", [
            ("email", "Email", _line("name@example.org", 200), ""),
            ("phone", "Phone", _line("(303) 555-0100", 40), ""),
            ("address", "Address", self.address, ""),
            None,
            ("emergency_contact_name", "Emergency contact", _line("Name", 120), ""),
            ("emergency_contact_relation", "Relation", _line("spouse, friend, parent\u2026", 60), ""),
            ("emergency_contact_phone", "Emergency contact's phone", _line("(303) 555-0100", 40), ""),
        ]))
        layout.addWidget(self._screening_card())
        born = self.fields["date_of_birth"].editor
        assert isinstance(born, QLineEdit)
        born.textChanged.connect(self._show_age)

    # --- building ----------------------------------------------------------------------------------

    def _card(self, icon: str, title: str, rows: list[tuple[str, str, QWidget, str] | None]) -> QWidget:
        frame = card()
        grid = QGridLayout(frame)
        grid.setContentsMargins(28, 22, 28, 24)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(16)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addLayout(self._heading(icon, title), 0, 0, 1, 2)
        position = 0
        for row in rows:
            if row is None:  # start the next field on a new line
                position += position % 2
                continue
            name, text, editor, hint = row
            field = FormField(text, editor, hint)
            self.fields[name] = field
            if isinstance(editor, QLineEdit):
                editor.textEdited.connect(self._edited)
            grid.addWidget(field, 1 + position // 2, position % 2, Qt.AlignmentFlag.AlignTop)
            position += 1
        return frame

    @staticmethod
    def _heading(icon: str, title: str) -> QHBoxLayout:
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(IconLabel(icon, size=22, role="accent"))
        head.addWidget(label(title, "section"))
        head.addStretch(1)
        return head

    def _screening_card(self) -> QWidget:
        frame = card()
        grid = QGridLayout(frame)
        grid.setContentsMargins(28, 22, 28, 24)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(14)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addLayout(self._heading("monitoring", "Screening and medication"), 0, 0, 1, 2)
        for i, (name, text) in enumerate(FLAGS):
            toggle = Toggle(text)
            toggle.toggled.connect(self._edited)
            self.toggles[name] = toggle
            row = QHBoxLayout()
            row.setSpacing(12)
            row.addWidget(toggle)
            words = QVBoxLayout()
            words.setSpacing(0)
            words.addWidget(label(text))
            words.addWidget(label(FLAG_HINTS[name], "small", wrap=True))
            row.addLayout(words, 1)
            grid.addLayout(row, 1 + i // 2, i % 2)
        after = 1 + (len(FLAGS) + 1) // 2
        medications = FormField("Medications", self.medications, "One per line or separated by semicolons, "
                                "with dose and schedule.")
        self.fields["medications"] = medications
        grid.addWidget(medications, after, 0, 1, 2)
        consent = FormField("Consent date", _line(DATE_HINT, 10), "The day informed consent was signed.")
        consent.editor.textEdited.connect(self._edited)  # type: ignore[attr-defined]
        self.fields["consent_date"] = consent
        grid.addWidget(consent, after + 1, 0, Qt.AlignmentFlag.AlignTop)
        return frame

    # --- values ------------------------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def set_fields(self, data: ParticipantFields) -> None:
        """Show ``data`` (no "changed" signal)."""
        self._loading = True
        try:
            for f in fields(data):
                value = getattr(data, f.name)
                if f.name in self.toggles:
                    self.toggles[f.name].setChecked(bool(value))
                elif f.name == "preferred_language":
                    self.language.setCurrentIndex(max(0, self.language.findData(value)))
                elif f.name in ("address", "medications"):
                    (self.address if f.name == "address" else self.medications).set_text(value)
                elif f.name in self.fields:
                    editor = self.fields[f.name].editor
                    assert isinstance(editor, QLineEdit)
                    editor.setText(value.isoformat() if isinstance(value, date) else str(value or ""))
            self.clear_messages()
            self._show_age()
        finally:
            self._loading = False

    def read(self, status: str) -> ParticipantFields:
        """The form's values as fields with ``status``.

        Raises:
            FieldError: for a date that is not written YYYY-MM-DD.
        """
        values: dict[str, object] = {"status": status, "preferred_language": self.language.currentData(),
                                     "address": self.address.toPlainText(),
                                     "medications": self.medications.toPlainText()}
        values.update({name: toggle.isChecked() for name, toggle in self.toggles.items()})
        for name, field in self.fields.items():
            if name in values or not isinstance(field.editor, QLineEdit):
                continue
            text = field.editor.text()
            values[name] = parse_date(text, name) if name in ("date_of_birth", "consent_date") else text
        return ParticipantFields(**values)  # type: ignore[arg-type]

    def _show_age(self, *_args: object) -> None:
        field = self.fields["date_of_birth"]
        editor = field.editor
        assert isinstance(editor, QLineEdit)
        try:
            born = parse_date(editor.text(), "date_of_birth")
        except FieldError:
            born = None
        today = self._today()
        ok = born is not None and born <= today
        field.hint.setText(f"Age {age_on(born, today)}" if ok and born is not None else "")
        field.hint.setVisible(ok)

    # --- messages ----------------------------------------------------------------------------------

    def clear_messages(self) -> None:
        for field in self.fields.values():
            field.clear()

    def show_problem(self, name: str, message: str, *, warning: bool = False) -> bool:
        """Show ``message`` at field ``name``; False when the form has no such field."""
        field = self.fields.get(name)
        if field is None:
            return False
        (field.show_warning if warning else field.show_error)(message)
        return True

    def focus_field(self, name: str) -> None:
        field = self.fields.get(name)
        if field is not None:
            field.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        elif name in self.toggles:
            self.toggles[name].setFocus(Qt.FocusReason.OtherFocusReason)

