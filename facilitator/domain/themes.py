"""Theme tags: the comma-separated list a note (or a share) carries, parsed and written one way."""

from __future__ import annotations

import re

MAX_TAG_LENGTH = 40
_SPLIT = re.compile(r"[,;\n]")


def parse_themes(text: str) -> tuple[str, ...]:
    """Tags from what a clinician typed: split on commas, trimmed, lower-case, duplicates dropped.

    Inner whitespace collapses to one space; tags longer than ``MAX_TAG_LENGTH`` are cut there.
    """
    seen: dict[str, None] = {}
    for part in _SPLIT.split(text):
        tag = " ".join(part.split()).lower()[:MAX_TAG_LENGTH].strip()
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def format_themes(tags: tuple[str, ...] | list[str]) -> str:
    """The stored form: tags joined by commas."""
    return ",".join(parse_themes(",".join(tags)))
