"""User text into ReportLab paragraphs: plain text escaped, notes' own small HTML subset kept as formatting.

Two kinds of text reach a document. Plain text (names, intentions, share notes, addenda, quick
notes) is escaped whole, so "<b>" or "&" typed by a user prints literally. A note's body is the
notes editor's safe markup (p, br, b/strong, i/em, u, ul/ol/li); it is parsed, and only that subset
becomes ReportLab markup — every other tag is dropped with its text kept and escaped, and text the
editor stored as ``&lt;b&gt;`` prints as "<b>".
"""

from __future__ import annotations

import re
from html import unescape
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from facilitator.reports import fonts

_INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "blockquote"}
_DROP = {"script", "style", "head", "title"}


def text(value: str) -> str:
    """Plain user text as paragraph markup: escaped, line breaks kept."""
    return escape(value.strip()).replace("\r\n", "\n").replace("\n", "<br/>")


# A tag (its name and whether it closes or is self-closing) or a comment; "<" before anything else is text.
_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>", re.S)


class _NoteParser:
    """Collects blocks: ("p", markup) and ("ul"/"ol", [item markup, ...]).

    A small tokenizer rather than :class:`html.parser.HTMLParser`: the subset needs no more, and it
    runs several times faster on every note of a record.
    """

    def __init__(self) -> None:
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

    def feed(self, body: str) -> None:
        position = 0
        for match in _TOKEN.finditer(body):
            if match.start() > position:
                self.handle_data(unescape(body[position:match.start()]))
            position = match.end()
            closing, name, self_closing = match.groups()
            if name is None:  # a comment
                continue
            tag = name.lower()
            if closing:
                self.handle_endtag(tag)
            elif self_closing:
                self.handle_startendtag(tag, [])
            else:
                self.handle_starttag(tag, [])
        if position < len(body):
            self.handle_data(unescape(body[position:]))

    def finish(self) -> list[tuple[str, str | list[str]]]:
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


_RUN_IN = re.compile(r"^<b>([^<]{1,40}?)</b>\s*(.*)$", re.S)
_WHOLE = re.compile(r"^<(b|i)>([^<]*)</\1>$", re.S)
GUTTER = 74.0  # room for a run-in label such as "Assessment:" at the body size


def _face(style: ParagraphStyle, tag: str) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-{tag}", parent=style, fontName=fonts.BOLD if tag == "b" else fonts.ITALIC)


def block(content: str, style: ParagraphStyle) -> Paragraph:
    """One paragraph of converted markup, laid out so ReportLab can take its fast single-font path.

    A DAP-style "<b>Data:</b> text" prints its label in a left gutter (hanging indent) and a paragraph
    wholly in <b> or <i> takes that face from its style: both keep the long text one run of one font,
    which ReportLab breaks into lines several times faster than mixed runs.
    """
    run_in = _RUN_IN.match(content)
    if run_in is not None:
        label, rest = unescape(run_in.group(1)).strip(), run_in.group(2).strip()
        whole = _WHOLE.match(rest)
        face = whole.group(1) if whole else ""
        rest = whole.group(2) if whole else rest
        if rest and "<" not in rest and stringWidth(label, fonts.BOLD, style.fontSize) <= GUTTER - 6:
            hanging = ParagraphStyle(f"{style.name}-gutter{face}", parent=_face(style, face) if face else style,
                                     leftIndent=style.leftIndent + GUTTER, bulletIndent=style.leftIndent,
                                     bulletFontName=fonts.BOLD, bulletFontSize=style.fontSize)
            return Paragraph(rest, hanging, bulletText=label)  # bullet text is drawn literally: unescaped
    whole = _WHOLE.match(content)
    if whole is not None:
        return Paragraph(whole.group(2), _face(style, whole.group(1)))
    return Paragraph(content, style)


def list_item_style(bullet: ParagraphStyle) -> ParagraphStyle:
    """``bullet`` with a hanging indent for its bullet or number."""
    indent = bullet.fontSize * 1.6
    return ParagraphStyle(f"{bullet.name}Item", parent=bullet, leftIndent=indent, bulletIndent=indent * 0.25,
                          bulletFontName=bullet.fontName, bulletFontSize=bullet.fontSize)


def note_flowables(body: str, style: ParagraphStyle, bullet: ParagraphStyle) -> list[Flowable]:
    """A note body as paragraphs; list items as hanging-indent paragraphs (cheaper than a list flowable)."""
    out: list[Flowable] = []
    item_style: ParagraphStyle | None = None
    for kind, content in note_blocks(body):
        if isinstance(content, str):
            out.append(block(content, style))
            continue
        item_style = item_style or list_item_style(bullet)
        for number, item in enumerate(content, start=1):
            out.append(Paragraph(item, item_style, bulletText=f"{number}." if kind == "ol" else "•"))
        out[-1].style = ParagraphStyle(f"{bullet.name}Last", parent=item_style, spaceAfter=style.spaceAfter)
    return out
