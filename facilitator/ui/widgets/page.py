"""The frame every built screen shares: a title, a subtitle line, and content that scrolls."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

# Lines longer than this are hard to follow at arm's length; wide windows get margins instead.
CONTENT_MAX_WIDTH = 1040


def label(text: str = "", role: str | None = None, *, wrap: bool = False) -> QLabel:
    """A label with a type role from the stylesheets ("title", "muted", "small", "section"...)."""
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


class Paragraph(QLabel):
    """Wrapped text of a set width, centred by default (empty states, the welcome view).

    A layout asks a wrapped QLabel for its height at the layout's full width, even when the label
    is narrower and aligned, and clips the extra lines; this label answers for its own width.
    """

    def __init__(self, text: str, role: str | None = "muted", width: int = 520,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter) -> None:
        super().__init__(text)
        if role:
            self.setProperty("role", role)
        self.setWordWrap(True)
        self.setAlignment(align)
        self._width = width
        self.setFixedWidth(width)

    def heightForWidth(self, width: int) -> int:
        return super().heightForWidth(min(width, self._width))

    def sizeHint(self) -> QSize:
        return QSize(self._width, self.heightForWidth(self._width))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


def card(kind: str = "true") -> QFrame:
    """A rounded surface; ``kind`` picks the style (``"true"`` plain, ``"running"`` highlighted)."""
    frame = QFrame()
    frame.setProperty("card", kind)
    return frame


def divider() -> QFrame:
    line = QFrame()
    line.setProperty("role", "divider")
    return line


class Page(QWidget):
    """A screen with a heading and a scrolling body.

    Attributes:
        body: the layout screens add their content to (top-aligned, width-limited).
        header_right: a layout at the right end of the heading row (a date, an action).
    """

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None, *,
                 max_width: int = CONTENT_MAX_WIDTH) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.title_label = label(title, "title")
        self.subtitle_label = label(subtitle, "subtitle", wrap=True)
        self.subtitle_label.setVisible(bool(subtitle))

        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(self.title_label)
        heading.addWidget(self.subtitle_label)
        self.header_right = QHBoxLayout()
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addLayout(self.header_right)

        inner = QWidget()
        inner.setMaximumWidth(max_width)
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(28)
        column.addLayout(top)
        self.body = QVBoxLayout()
        self.body.setSpacing(28)
        column.addLayout(self.body)
        column.addStretch(1)

        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(40, 32, 40, 40)
        row.addWidget(inner, 1)
        row.addStretch(0)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # A screen wider than a small laptop's window scrolls sideways rather than hiding its right edge.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(holder)
        self.scroll_area = scroll  # screens that reload in place keep the reader's place
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def activated(self) -> None:
        """Called each time the screen comes to the front; screens reload here."""
