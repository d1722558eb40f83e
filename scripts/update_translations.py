"""Refresh the interface's translations: collect the marked strings, then compile them.

    python scripts/update_translations.py           # lupdate + lrelease
    python scripts/update_translations.py --release # only compile the .ts files into .qm

``pyside6-lupdate`` reads every ``self.tr()``, ``translate(context, ...)`` and ``QT_TRANSLATE_NOOP``
under ``facilitator/ui`` into ``resources/i18n/facilitator_<language>.ts`` (keeping what is already
translated; new strings arrive as unfinished), and ``pyside6-lrelease`` compiles each into the
``.qm`` the app loads. Translate new strings in the .ts (Qt Linguist, or by hand), run this again,
and commit both files: a test fails while a .qm is older than its .ts or a string is untranslated.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "facilitator" / "ui"
FOLDER = ROOT / "resources" / "i18n"
LANGUAGES = ("es",)


def tool(name: str) -> str:
    """A PySide6 tool next to this Python (the venv), else on the PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} was not found; install PySide6 in this environment.")
    return found


def update() -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))
    for language in LANGUAGES:
        ts = FOLDER / f"facilitator_{language}.ts"
        # No file locations: line numbers would change the .ts with every unrelated edit.
        subprocess.run([tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none",
                        "-target-language", language, "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)


def release(out: Path = FOLDER) -> list[Path]:
    """Compile every .ts into ``out``; returns the .qm files written."""
    written = []
    for language in LANGUAGES:
        ts = FOLDER / f"facilitator_{language}.ts"
        qm = out / f"facilitator_{language}.qm"
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


if __name__ == "__main__":
    FOLDER.mkdir(parents=True, exist_ok=True)
    if "--release" not in sys.argv[1:]:
        update()
    for path in release():
        print(path.relative_to(ROOT))
