"""Importing participants from CSV: every row is checked first, and nothing is imported if any row is bad.

The report names each problem by row (the spreadsheet's row number: the header is row 1), column
and reason. A file in another encoding, with another delimiter, or without the required columns is
refused as a whole with one clear sentence. Duplicates — the same legal name and date of birth as
someone on file or on another row — are problems too. Columns are described in
:mod:`facilitator.services.participant_csv`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.db.models import Participant
from facilitator.domain.participant_rules import LABELS, ParticipantFields, check_participant, parse_date
from facilitator.errors import FieldError
from facilitator.services.participant_csv import (
    BOM,
    COLUMNS,
    DATE_COLUMNS,
    FALSE_WORDS,
    FLAG_COLUMNS,
    REQUIRED,
    TRUE_WORDS,
    unprotect,
)

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
SAVE_AS = 'save it from your spreadsheet as "CSV UTF-8 (comma delimited)" and import it again'
Progress = Callable[[float, str], None]
Key = tuple[str, str, date | None]


@dataclass(frozen=True)
class CsvProblem:
    """One problem: ``row`` None for the file as a whole, ``column`` "" when no single column is at fault."""

    row: int | None
    column: str
    message: str
    warning: bool = False


@dataclass(frozen=True)
class ImportReport:
    """What an import found and did. ``imported`` is 0 whenever any problem is an error."""

    rows: int
    imported: int
    problems: tuple[CsvProblem, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[CsvProblem, ...]:
        return tuple(p for p in self.problems if not p.warning)

    @property
    def warnings(self) -> tuple[CsvProblem, ...]:
        return tuple(p for p in self.problems if p.warning)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """One sentence for the top of the report."""
        if not self.ok:
            bad_rows = len({p.row for p in self.errors if p.row is not None})
            where = f" in {bad_rows} row{'s' if bad_rows != 1 else ''}" if bad_rows else ""
            n = len(self.errors)
            return f"Nothing was imported: {n} problem{'s' if n != 1 else ''}{where} to fix first."
        extra = f", with {len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''} to review" \
            if self.warnings else ""
        return f"Imported {self.imported} participant{'s' if self.imported != 1 else ''}{extra}."


class _Refused(Exception):
    """The whole file cannot be read (encoding, delimiter, header)."""

    def __init__(self, message: str, column: str = "") -> None:
        super().__init__(message)
        self.column = column


def _text(data: bytes) -> str:
    if not data.strip():
        raise _Refused("The file is empty; it needs a header row and a row per participant.")
    if len(data) > MAX_BYTES:
        raise _Refused(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into smaller files.")
    if data.startswith(b"PK\x03\x04"):
        raise _Refused(f"This is a spreadsheet workbook, not a CSV file; {SAVE_AS}.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Refused(f"The file is UTF-16 text; {SAVE_AS}.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _Refused(f"Line {line} is not UTF-8 text (byte 0x{data[exc.start]:02X} cannot be read): the file "
                       f"is in another encoding, such as Latin-1 or Windows-1252; {SAVE_AS}.") from None
    text = text.removeprefix(BOM)
    if "\x00" in text:
        raise _Refused(f"The file contains NUL characters, so it is not a CSV text file; {SAVE_AS}.")
    return text


def _column_name(raw: str) -> str:
    return "_".join(raw.strip().lower().replace("-", " ").split())


def _header(cells: list[str]) -> list[str]:
    names = [_column_name(c) for c in cells]
    if len(names) == 1 and (";" in cells[0] or "\t" in cells[0]):
        sep = "semicolons" if ";" in cells[0] else "tabs"
        raise _Refused(f"The columns are separated by {sep}; Facilitator reads comma-separated files: {SAVE_AS}.")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise _Refused(f'The column "{name}" appears twice in the header.', name)
        seen.add(name)
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        shown = ", ".join(f'"{n}"' for n in unknown[:5]) or '""'
        raise _Refused(f"Unknown column{'s' if len(unknown) > 1 else ''} {shown} in the header; the columns are "
                       f"listed in the participants CSV guide.", unknown[0])
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise _Refused(f"The header lacks the required column{'s' if len(missing) > 1 else ''} "
                       f"{', '.join(missing)}.", missing[0])
    return names


def _flag(value: str, column: str) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise FieldError(column, f"The {LABELS[column]} should be yes or no, not {value.strip()[:20]!r}.")


def _fields(values: dict[str, str]) -> tuple[ParticipantFields, list[CsvProblem]]:
    """A row's values as fields, and the values that could not be read (dates, yes/no).

    A value that cannot be read is left at its default so the rest of the row is still checked and
    reported in the same pass.
    """
    problems: list[CsvProblem] = []
    kwargs: dict[str, object] = {}
    for column, raw in values.items():
        try:
            if column in DATE_COLUMNS:
                kwargs[column] = parse_date(raw, column)
            elif column in FLAG_COLUMNS:
                kwargs[column] = _flag(raw, column)
            elif column in ("preferred_language", "status"):
                kwargs[column] = raw.strip().lower() or ParticipantFields.__dataclass_fields__[column].default
            else:
                kwargs[column] = unprotect(raw)
        except FieldError as exc:
            problems.append(CsvProblem(None, column, str(exc)))
    kwargs.setdefault("legal_first_name", "")
    kwargs.setdefault("legal_last_name", "")
    return ParticipantFields(**kwargs).cleaned(), problems  # type: ignore[arg-type]


def _key(data: ParticipantFields) -> Key:
    return data.legal_first_name.casefold(), data.legal_last_name.casefold(), data.date_of_birth


def _on_file(session: Session) -> dict[Key, int]:
    query = select(Participant.id, func.lower(Participant.legal_first_name), func.lower(Participant.legal_last_name),
                   Participant.date_of_birth)
    # SQL lower() folds ASCII only on SQLite; fold again here so "Zoë" and "ZOË" meet.
    return {(first.casefold(), last.casefold(), born): pid for pid, first, last, born in session.execute(query)}


def _records(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows, each with its spreadsheet row number (blank rows skipped, not renumbered)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise _Refused(f"Line {reader.line_num} cannot be read as CSV ({exc}); check its quotation marks.") from None
    numbered = [(number, r) for number, r in enumerate(records, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise _Refused("The file is empty; it needs a header row and a row per participant.")
    if len(numbered) - 1 > MAX_ROWS:
        raise _Refused(f"The file has {len(numbered) - 1:,} rows; import at most {MAX_ROWS:,} at a time.")
    return numbered[0][1], numbered[1:]


def check_participants_csv(session: Session, data: bytes, *, today: date, progress: Progress | None = None,
                           ) -> tuple[list[ParticipantFields], ImportReport]:
    """Read and check every row without writing anything.

    Returns:
        The rows ready to import (all of them, or none when any row has an error) and the report.
    """
    report = progress or (lambda _f, _m: None)
    try:
        header, body = _records(_text(data))
        names = _header(header)
        if not body:
            raise _Refused("The file has a header row but no participants below it.")
    except _Refused as exc:
        return [], ImportReport(rows=0, imported=0, problems=(CsvProblem(None, exc.column, str(exc)),))
    problems: list[CsvProblem] = []
    ready: list[ParticipantFields] = []
    on_file = _on_file(session)
    in_file: dict[Key, int] = {}
    for index, (row, cells) in enumerate(body):
        if index % 200 == 0:
            report(0.8 * index / max(1, len(body)), "Checking rows")
        if len(cells) != len(names):
            problems.append(CsvProblem(row, "", f"This row has {len(cells)} values; the header has {len(names)} "
                                                f"columns (check for a stray comma or a missing one)."))
            continue
        fields, unread = _fields(dict(zip(names, cells, strict=True)))
        problems.extend(CsvProblem(row, p.column, p.message) for p in unread)
        bad = {p.column for p in unread}
        checked = [p for p in check_participant(fields, today) if p.field not in bad]
        problems.extend(CsvProblem(row, p.field, p.message, p.warning) for p in checked)
        if unread or any(not p.warning for p in checked):
            continue
        key = _key(fields)
        if key in on_file:
            problems.append(CsvProblem(row, "legal_last_name", f"Participant {on_file[key]} on file already has "
                                                               "this legal name and date of birth."))
        elif key in in_file:
            problems.append(CsvProblem(row, "legal_last_name", f"Row {in_file[key]} has the same legal name and "
                                                               "date of birth."))
        else:
            in_file[key] = row
            ready.append(fields)
    final = ImportReport(rows=len(body), imported=0, problems=tuple(problems))
    return (ready if final.ok else []), final


def import_participants_csv(session: Session, data: bytes, *, today: date, progress: Progress | None = None,
                            ) -> ImportReport:
    """Check every row, then add every participant in this one transaction — or nobody, if any row is bad."""
    report = progress or (lambda _f, _m: None)
    ready, checked = check_participants_csv(session, data, today=today, progress=report)
    if not checked.ok or not ready:
        return checked
    report(0.8, "Adding participants")
    for start in range(0, len(ready), 500):
        session.add_all(Participant(**vars(fields)) for fields in ready[start:start + 500])
        session.flush()
        report(0.8 + 0.2 * min(1.0, (start + 500) / len(ready)), "Adding participants")
    return ImportReport(rows=checked.rows, imported=len(ready), problems=checked.problems)
