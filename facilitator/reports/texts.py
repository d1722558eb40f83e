"""Participant-facing words, one folder per language under ``resources/handouts/``, editable by the clinic.

``strings.toml`` holds the handout's and the room plan's sentences, ``themes.toml`` how theme tags
read, ``phases.toml`` (languages other than English) how the bundled protocols' phase names read on
the room plan, and ``practices/*.md`` the integration practices (a small Markdown subset: ``# Title``,
paragraphs, ``- `` bullets, ``**bold**`` and ``*italic*``), printed in file-name order. A missing
language, file or sentence falls back to English.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from facilitator import paths

FALLBACK = "en"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")


@dataclass(frozen=True)
class Practice:
    """One practice: its title and blocks of ReportLab markup ("p", text) or ("ul", [items])."""

    title: str
    blocks: tuple[tuple[str, str | tuple[str, ...]], ...]


@dataclass(frozen=True)
class Texts:
    """Everything a language's folder holds."""

    language: str
    strings: Mapping[str, Mapping[str, Any]]
    themes: Mapping[str, str]
    practices: tuple[Practice, ...]
    phases: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def get(self, section: str, key: str, **values: object) -> str:
        """A sentence with its {placeholders} filled in."""
        template = str(self.strings.get(section, {}).get(key, ""))
        return template.format(**values) if values else template

    def phase(self, name: str) -> str:
        """A protocol phase's name as the room reads it (``phases.toml``); unlisted names print as written."""
        return self.phases.get(name, name)

    def theme(self, tag: str) -> str:
        return self.themes.get(tag) or tag.replace("-", " ").replace("_", " ").strip().capitalize()

    def long_date(self, dt: datetime, zone: tzinfo | None = None) -> str:
        """"Thursday, March 12, 2026", as the language writes a date."""
        d = dt.astimezone(zone)
        dates = self.strings.get("dates", {})
        return str(dates.get("long_date", "{weekday} {day} {month} {year}")).format(
            weekday=dates["weekdays"][d.weekday()], month=dates["months"][d.month - 1], day=d.day, year=d.year)

    def clock(self, dt: datetime, zone: tzinfo | None = None) -> str:
        """"3:40 p.m." or "15:40", as the language reads a clock."""
        d = dt.astimezone(zone)
        dates = self.strings.get("dates", {})
        if dates.get("clock") != "12h":
            return f"{d.hour:02d}:{d.minute:02d}"
        hour = d.hour % 12 or 12
        return f"{hour}:{d.minute:02d} {dates['am'] if d.hour < 12 else dates['pm']}"


def inline(line: str) -> str:
    """One line of the Markdown subset as paragraph markup (escaped first, so only ** and * format)."""
    return _ITALIC.sub(r"<i>\1</i>", _BOLD.sub(r"<b>\1</b>", escape(line.strip())))


def parse_practice(source: str, fallback_title: str) -> Practice:
    title = fallback_title
    blocks: list[tuple[str, str | tuple[str, ...]]] = []
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("p", inline(" ".join(paragraph))))
            paragraph.clear()
        if bullets:
            blocks.append(("ul", tuple(inline(b) for b in bullets)))
            bullets.clear()

    for raw in source.splitlines():
        line = raw.strip()
        if line.startswith("# "):
            flush()
            title = line[2:].strip()
        elif line.startswith(("- ", "* ")):
            if paragraph:
                flush()
            bullets.append(line[2:])
        elif not line:
            flush()
        elif bullets and raw.startswith((" ", "\t")):
            bullets[-1] += " " + line  # a bullet continued on the next line
        else:
            if bullets:
                flush()
            paragraph.append(line)
    flush()
    return Practice(title=escape(title), blocks=tuple(blocks))


def _read_toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _folder(language: str) -> Path:
    return paths.resource("handouts", language)


def load(language: str) -> Texts:
    """The texts of ``language``, completed from English where a file or a sentence is missing.

    Read again whenever a file in either folder has changed, so a clinic's edit shows on the next print.
    """
    return _load(language, _signature(language))


def _signature(language: str) -> tuple[tuple[str, float], ...]:
    found: list[tuple[str, float]] = []
    for folder in {_folder(FALLBACK), _folder(language)}:
        for path in (folder, folder / "practices"):
            if path.is_dir():
                found += [(str(p), p.stat().st_mtime) for p in path.iterdir()]
    return tuple(sorted(found))


@functools.lru_cache(maxsize=8)
def _load(language: str, _signature: tuple[tuple[str, float], ...]) -> Texts:
    base, own = _folder(FALLBACK), _folder(language)
    strings: dict[str, dict[str, Any]] = {k: dict(v) for k, v in _read_toml(base / "strings.toml").items()}
    for section, values in _read_toml(own / "strings.toml").items() if language != FALLBACK else ():
        strings.setdefault(section, {}).update(values)
    themes = {**_read_toml(base / "themes.toml").get("themes", {}),
              **(_read_toml(own / "themes.toml").get("themes", {}) if language != FALLBACK else {})}
    folder = own / "practices" if (own / "practices").is_dir() else base / "practices"
    files = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt")) if folder.is_dir() else []
    practices = tuple(parse_practice(p.read_text(encoding="utf-8"), p.stem.split("-", 1)[-1].replace("-", " "))
                      for p in files)
    # Phase names are the protocols' own (English) words: only another language's folder renames them.
    phases = _read_toml(own / "phases.toml").get("phases", {}) if language != FALLBACK else {}
    return Texts(language=language if own.is_dir() else FALLBACK, strings=strings, themes=themes,
                 practices=practices, phases=phases)
