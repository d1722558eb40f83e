"""A comma-separated tag field whose completer suggests earlier themes for the tag being typed."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


class TagCompleter(QCompleter):
    """Completes only the last tag of "calm, grief, bel…" and keeps the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index) -> str:  # type: ignore[no-untyped-def]
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        before = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return f"{before}{index.data()}"


class ThemeField(QLineEdit):
    def __init__(self, suggestions: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Themes, separated by commas (earlier themes are suggested)")
        self.setAccessibleName("Themes")
        self.model = QStringListModel(suggestions, self)
        completer = TagCompleter(self.model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)

    def set_suggestions(self, suggestions: list[str]) -> None:
        self.model.setStringList(suggestions)
