"""What a user types into search, made safe: words only, each quoted, the last one as a prefix.

Nothing a user types is ever passed to the full-text engine as syntax. The text is cut into words
(letters and digits in any script); every word becomes a quoted phrase, so ``NEAR``, ``AND``, ``*``,
``-``, quotes, parentheses and SQL all lose their meaning and are searched for as words, or dropped
as punctuation. All words must match. The last word matches as a prefix while it is still being typed
(no space after it) and is at least two characters long: one letter would match half the index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

MAX_TERMS = 16
MAX_TERM_LENGTH = 64
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchTerms:
    """The words of a search and whether the last one is a prefix."""

    words: tuple[str, ...]
    prefix_last: bool

    def __bool__(self) -> bool:
        return bool(self.words)

    def fts5(self) -> str:
        """An FTS5 MATCH expression: quoted phrases, implicitly ANDed."""
        parts = [f'"{w}"' for w in self.words]
        if parts and self.prefix_last:
            parts[-1] += "*"
        return " ".join(parts)

    def tsquery(self) -> str:
        """A PostgreSQL ``to_tsquery`` expression: quoted lexemes joined with ``&``."""
        parts = [f"'{w}'" for w in self.words]
        if parts and self.prefix_last:
            parts[-1] += ":*"
        return " & ".join(parts)

    @cached_property
    def _folded(self) -> tuple[frozenset[str], str]:
        """The whole words folded once, and the prefix ("" when the last word is whole)."""
        folded = [fold(t) for t in self.words]
        prefix = folded[-1] if folded and self.prefix_last else ""
        return frozenset(folded[:-1] if prefix else folded), prefix

    def matches(self, word: str) -> bool:
        """True when a word of a text matches one of the terms (for snippets made outside the engine)."""
        folded = fold(word)
        whole, prefix = self._folded
        return folded in whole or bool(prefix) and folded.startswith(prefix)


def fold(word: str) -> str:
    """Case- and accent-insensitive form of a word, as the index compares them."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse(text: str) -> SearchTerms:
    """The search terms in what a user typed (empty when it holds no word at all)."""
    normal = unicodedata.normalize("NFKC", text)
    found = _WORD.findall(normal)
    words = tuple(word[:MAX_TERM_LENGTH] for word in found[:MAX_TERMS])
    still_typing = bool(_WORD.fullmatch(normal[-1:]))
    prefix = still_typing and len(found) <= MAX_TERMS and len(words[-1]) >= 2 if words else False
    return SearchTerms(words, prefix)


def snippet(text: str, terms: SearchTerms, *, open_mark: str, close_mark: str, ellipsis: str = "…",
            width: int = 16) -> str:
    """A window of about ``width`` words around the first match, matches wrapped in the markers.

    Used where the engine makes no snippet itself (PostgreSQL); SQLite's FTS5 snippet() is equivalent.
    """
    tokens = [m.group() for m in re.finditer(r"\S+", text)]
    if not tokens:
        return ""

    def marked(token: str) -> str:
        return _WORD.sub(lambda m: f"{open_mark}{m.group()}{close_mark}" if terms.matches(m.group()) else m.group(),
                         token)

    # Only the first match places the window: the scan stops there (a long note is not folded word by word).
    first = next((i for i, token in enumerate(tokens) if any(terms.matches(w) for w in _WORD.findall(token))), 0)
    start = max(0, min(first - width // 4, len(tokens) - width))
    words = [marked(token) for token in tokens[start:start + width]]
    lead = ellipsis if start > 0 else ""
    tail = ellipsis if start + width < len(tokens) else ""
    return lead + " ".join(words) + tail


def segments(marked: str, open_mark: str, close_mark: str) -> tuple[tuple[str, bool], ...]:
    """A marked snippet as (text, highlighted) pieces, for a UI to draw without parsing markup."""
    pieces: list[tuple[str, bool]] = []
    highlighted = False
    for part in re.split(f"({re.escape(open_mark)}|{re.escape(close_mark)})", marked):
        if part == open_mark:
            highlighted = True
        elif part == close_mark:
            highlighted = False
        elif part:
            pieces.append((part, highlighted))
    return tuple(pieces)
