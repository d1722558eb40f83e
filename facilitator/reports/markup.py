"""User text into ReportLab paragraphs: plain text escaped, notes' own small HTML subset kept as formatting.

Two kinds of text reach a document. Plain text (names, intentions, share notes, addenda, quick
notes) is escaped whole, so "<b>" or "&" typed by a user prints literally. A note's body is the
notes editor's safe markup (p, br, b/strong, i/em, u, ul/ol/li); it is parsed, and only that subset
becomes ReportLab markup — every other tag is dropped with its text kept and escaped, and text the
editor stored as ``&lt;b&gt;`` prints as "<b>".
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph

_INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "blockquote"}
_DROP = {"script", "style", "head", "title"}


def text(value: str) -> str:
    """Plain user text as paragraph markup: escaped, line breaks kept."""
    return escape(value.strip()).replace("\r\n", "\n").replace("\n", "<br/>")


def para(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain user text."""
    return Paragraph(text(value), style)


class _NoteParser(HTMLParser):
    """Collects blocks: ("p", markup) and ("ul"/"ol", [item markup, ...])."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str | list[str]]] = []
        self._buffer: list[str] = []
        self._open: list[str] = []  # inline tags open now, as ReportLab tags
        self._lists: list[tuple[str, list[str]]] = []
        self._dropping = 0

    # A paragraph must be well-formed on its own: close inline tags at its end, reopen in the next.
    def _flush(self) -> str:
        content = "".join(self._buffer).strip()
        self._buffer = [f"<{t}>" for t in self._open]
        if not content or content == "".join(f"<{t}>" for t in self._open):
            return ""
        while content.endswith("<br/>"):
            content = content[: -len("<br/>")].rstrip()
        return content + "".join(f"</{t}>" for t in reversed(self._open))

    def _end_block(self) -> None:
        content = self._flush()
        if not content:
            return
        if self._lists:
            self._lists[-1][1].append(content)
        else:
            self.blocks.append(("p", content))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self._dropping += 1
        elif tag in _INLINE:
            self._open.append(_INLINE[tag])
            self._buffer.append(f"<{_INLINE[tag]}>")
        elif tag == "br":
            self._buffer.append("<br/>")
        elif tag in ("ul", "ol"):
            self._end_block()
            self._lists.append((tag, []))
        elif tag == "li" or tag in _BLOCK:
            self._end_block()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._buffer.append("<br/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self._dropping = max(0, self._dropping - 1)
        elif tag in _INLINE:
            mapped = _INLINE[tag]
            if mapped in self._open:
                # Close back to the matching tag, reopening any closed on the way (mis-nested input).
                index = len(self._open) - 1 - self._open[::-1].index(mapped)
                reopen = self._open[index + 1:]
                self._buffer.extend(f"</{t}>" for t in reversed(self._open[index:]))
                self._open = self._open[:index] + reopen
                self._buffer.extend(f"<{t}>" for t in reopen)
        elif tag in ("ul", "ol"):
            self._end_block()
            if self._lists:
                kind, items = self._lists.pop()
                if items:
                    self.blocks.append((kind, items))
        elif tag == "li" or tag in _BLOCK:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self._buffer.append(escape(data))

    def finish(self) -> list[tuple[str, str | list[str]]]:
        self.close()
        self._end_block()
        while self._lists:
            kind, items = self._lists.pop()
            if items:
                self.blocks.append((kind, items))
        return self.blocks


def note_blocks(body: str) -> list[tuple[str, str | list[str]]]:
    """A note body as blocks of ReportLab markup: ("p", markup) or ("ul"|"ol", [markup, ...])."""
    if "<" not in body:  # a note stored without markup: plain text, its line breaks kept
        return [("p", text(chunk)) for chunk in unescape(body).split("\n\n") if chunk.strip()]
    parser = _NoteParser()
    parser.feed(body)
    return parser.finish()


def note_flowables(body: str, style: ParagraphStyle, bullet: ParagraphStyle) -> list[Flowable]:
    """A note body as paragraphs and lists, ready for a story."""
    out: list[Flowable] = []
    for kind, content in note_blocks(body):
        if isinstance(content, str):
            out.append(Paragraph(content, style))
        else:
            items = [ListItem(Paragraph(item, bullet)) for item in content]
            numbered = kind == "ol"
            out.append(ListFlowable(items, bulletType="1" if numbered else "bullet", start=1 if numbered else "•",
                                    bulletFontName=style.fontName, bulletFontSize=style.fontSize * (1 if numbered
                                                                                                    else 0.8),
                                    leftIndent=style.fontSize * 1.4, spaceAfter=style.spaceAfter))
    return out
