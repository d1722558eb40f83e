"""Safe note markup: a small HTML subset (paragraphs, line breaks, bold, italic, lists) and its plain text.

Notes are stored as this subset only. :func:`sanitize` turns any HTML (an editor's, a paste, a hostile
string) into it: allowed tags lose every attribute, ``strong``/``em`` become ``b``/``i``, a styled
``span`` (as rich-text editors write bold and italic) becomes ``b``/``i``, headings and ``div``
become paragraphs, ``script``/``style`` lose their content, every other tag is dropped while its text
is kept, and all text is escaped. The output is canonical (lower-case tags, ``<br>``, balanced), which
the database's full-text triggers rely on to strip tags with plain string replacement.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

# The only tags stored. The full-text migration strips exactly these (and the three entities below).
ALLOWED_TAGS = ("p", "br", "b", "i", "ul", "ol", "li")
ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))  # what escape(quote=False) writes
_RENAME = {"strong": "b", "em": "i", "div": "p", "h1": "p", "h2": "p", "h3": "p", "h4": "p", "h5": "p", "h6": "p"}
_DROP_CONTENT = frozenset({"script", "style", "head", "title", "template", "iframe", "object", "noscript"})
_VOID = frozenset({"br"})
# C0 controls other than tab and newline, DEL and the C1 block: never part of a note (and the search
# snippet markers are among them, so stored text can never forge a highlight).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.IGNORECASE)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []  # open allowed tags, as written
        self.spans: list[tuple[str, ...]] = []  # the tags each open <span> opened
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_CONTENT:
            self.dropping += 1
            return
        if self.dropping:
            return
        if tag == "span":
            style = " ".join(v or "" for k, v in attrs if k == "style")
            opened = tuple(t for t, rx in (("b", _BOLD_STYLE), ("i", _ITALIC_STYLE)) if rx.search(style))
            for name in opened:
                self._open(name)
            self.spans.append(opened)
            return
        name = _RENAME.get(tag, tag)
        if name in _VOID:
            self.out.append("<br>")
        elif name in ALLOWED_TAGS:
            self._open(name)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.dropping:
            self.out.append("<br>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping:
            return
        if tag == "span":
            for name in reversed(self.spans.pop() if self.spans else ()):
                self._close(name)
            return
        name = _RENAME.get(tag, tag)
        if name in ALLOWED_TAGS and name not in _VOID:
            self._close(name)

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(_CONTROL.sub("", data), quote=False))

    def _open(self, name: str) -> None:
        if name in ("p", "li") and self.stack and self.stack[-1] == name:
            self._close(name)  # HTML's implied end: "<li>a<li>b" is two items, not one inside the other
        self.stack.append(name)
        self.out.append(f"<{name}>")

    def _close(self, name: str) -> None:
        if name not in self.stack:
            return  # a stray end tag
        while self.stack:
            top = self.stack.pop()
            self.out.append(f"</{top}>")
            if top == name:
                break

    def result(self) -> str:
        self.close()
        while self.stack:
            self.out.append(f"</{self.stack.pop()}>")
        return "".join(self.out)


def sanitize(html: str) -> str:
    """Any HTML (or plain text) as the safe subset; text outside tags is escaped, never interpreted."""
    parser = _Sanitizer()
    parser.feed(html)
    return parser.result()


def from_plain_text(text: str) -> str:
    """Plain text (for example a pasted or imported note) as markup: a paragraph per line."""
    lines = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "".join(f"<p>{escape(line, quote=False)}</p>" for line in lines if line.strip())


_TOKEN = re.compile(r"<(/?)([a-z]+)>|([^<]+)|<")


def to_plain_text(markup: str) -> str:
    """The text of stored markup for search, previews and PDFs.

    Paragraphs, line breaks and list items (with "• " or "1. ") become lines; empty ones are left
    out; entities are decoded.
    """
    lines: list[str] = []
    current: list[str] = []
    prefix = ""
    lists: list[list[int]] = []  # per open list: [ordered?, next number]

    def end_line() -> None:
        nonlocal prefix
        text = " ".join("".join(current).split())
        if text:
            lines.append(prefix + text)
        current.clear()
        prefix = ""

    for match in _TOKEN.finditer(markup):
        closing, tag, text = match.group(1), match.group(2), match.group(3)
        if text is not None or tag is None:
            current.append(unescape(text if text is not None else "<"))
        elif tag in ("p", "br") or (tag == "li" and closing):
            end_line()
        elif tag in ("ul", "ol"):
            end_line()
            if closing:
                if lists:
                    lists.pop()
            else:
                lists.append([1 if tag == "ol" else 0, 1])
        elif tag == "li":
            end_line()
            if lists and lists[-1][0]:
                prefix = f"{lists[-1][1]}. "
                lists[-1][1] += 1
            else:
                prefix = "• "
    end_line()
    return "\n".join(lines)


def is_blank(markup: str) -> bool:
    """True when markup holds no visible text (an untouched template's labels count as text)."""
    return not to_plain_text(markup).strip()


_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def word_count(markup: str) -> int:
    """Words of the text (list numbers and bullets are not words)."""
    return len(_WORDS.findall(unescape(_TOKEN.sub(lambda m: m.group(3) or " ", markup))))
