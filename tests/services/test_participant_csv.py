"""Participants CSV: export, round trip, a per-row report, nothing imported from a bad file, fuzzed."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.db.models import Participant
from facilitator.domain.participant_rules import ParticipantFields
from facilitator.services.participant_csv import COLUMNS, export_participants_csv, protect, unprotect
from facilitator.services.participant_import import check_participants_csv, import_participants_csv
from facilitator.services.participant_records import create_participant, get_participant
from tests.conftest import new_test_clinic

TODAY = date(2026, 3, 12)
HEADER = "legal_first_name,legal_last_name,date_of_birth,email,phone,flag_pregnancy,status\r\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory):  # type: ignore[no-untyped-def]
    opened = new_test_clinic(tmp_path_factory.mktemp("csv") / "data")
    yield opened
    opened.dispose()


@pytest.fixture()
def empty_store(data_dir):  # type: ignore[no-untyped-def]
    opened = new_test_clinic(data_dir)
    yield opened
    opened.dispose()


def _count(store) -> int:  # type: ignore[no-untyped-def]
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Participant)) or 0


def _import(store, text: str | bytes):  # type: ignore[no-untyped-def]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return store.run(import_participants_csv, data, today=TODAY)


def test_export_then_import_into_another_clinic_gives_the_same_people(store, empty_store, tmp_path):
    people = [
        ParticipantFields(legal_first_name="Zoë", legal_last_name="Abernathy", preferred_name="Zo", pronouns="she/her",
                          preferred_language="es", date_of_birth=date(1986, 8, 20), email="zoe@example.org",
                          phone="+1 (303) 555-0101", address="3450 Juniper Way\nSuperior, CO 80027",
                          emergency_contact_name="Oscar, \"Ozzie\" Abernathy", emergency_contact_phone="303 555 0102",
                          emergency_contact_relation="spouse", flag_hypertension=True, flag_substance_use=True,
                          medications="=Losartan 50 mg; -1 pill", consent_date=date(2025, 2, 26), status="inactive"),
        ParticipantFields(legal_first_name="Siobhán", legal_last_name="Gallagher", status="archived"),
    ]
    for data in people:
        store.run(create_participant, data, today=TODAY)
    path = tmp_path / "participants.csv"
    written = store.run(export_participants_csv, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert written == _count(store)
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(header) == COLUMNS

    report = _import(empty_store, raw)
    assert report.ok and report.imported == written, report.problems
    with empty_store.session() as s:
        ids = {p.legal_last_name: p.id for p in s.scalars(select(Participant))}
    for data in people:
        again = empty_store.run(get_participant, ids[data.legal_last_name], TODAY).fields
        assert again == data.cleaned()


def test_values_a_spreadsheet_would_run_are_protected_reversibly():
    for value in ("=1+1", "@SUM(A1)", "+cmd", "-x", "'=already", "'plain", "+1 303 555 0101", "-5", "", "'"):
        assert unprotect(protect(value)) == value
    assert protect("=1+1") == "'=1+1" and protect("+1 303") == "+1 303"


def test_a_good_file_without_a_bom_imports_with_warnings_for_minors(empty_store):
    text = (HEADER + "Ana,Ruiz,1985-04-02,ana@example.org,(303) 555-0101,no,\r\n"
            "Teo,Young,2010-05-05,,,yes,active\r\n")
    report = _import(empty_store, text)
    assert report.ok and report.imported == 2
    [warning] = report.warnings
    assert (warning.row, warning.column) == (3, "date_of_birth") and "adult service" in warning.message
    assert report.summary() == "Imported 2 participants, with 1 warning to review."


def test_every_bad_row_is_reported_and_nothing_is_imported(store):
    before = _count(store)
    text = (HEADER
            + "Ana,Ruiz,1985-04-02,ana@example.org,(303) 555-0101,no,active\r\n"
            + ",Blank,1980-01-01,,,no,active\r\n"
            + "Fut,Ure,2030-01-01,not-an-email,12,maybe,active\r\n"
            + "Ana,Ruiz,1985-04-02,,,,\r\n"
            + "\r\n"
            + "Too,Many,1980-01-01,,,no,active,extra\r\n"
            + "Odd,Date,04/02/1985,,,,gone\r\n")
    report = _import(store, text)
    assert not report.ok and report.imported == 0
    found = {(p.row, p.column) for p in report.errors}
    assert found == {(3, "legal_first_name"), (4, "date_of_birth"), (4, "email"), (4, "phone"),
                     (4, "flag_pregnancy"), (5, "legal_last_name"), (7, ""), (8, "date_of_birth"), (8, "status")}
    dup = next(p for p in report.errors if p.row == 5)
    assert dup.message == "Row 2 has the same legal name and date of birth."
    assert report.summary() == "Nothing was imported: 9 problems in 5 rows to fix first."
    assert _count(store) == before


def test_someone_already_on_file_is_a_duplicate(store):
    store.run(create_participant, ParticipantFields(legal_first_name="Mara", legal_last_name="Quist",
                                                    date_of_birth=date(1979, 9, 9)), today=TODAY)
    report = _import(store, "legal_first_name,legal_last_name,date_of_birth\nmara,QUIST,1979-09-09\n")
    [problem] = report.errors
    assert problem.row == 2 and "already has this legal name and date of birth" in problem.message


@pytest.mark.parametrize(("data", "words"), [
    ("legal_first_name,legal_last_name,date_of_birth\nJosé,Peña,1980-01-01\n".encode("latin-1"),
     "Line 2 is not UTF-8 text (byte 0xE9 cannot be read)"),
    (b"legal_first_name;legal_last_name;date_of_birth\nAna;Ruiz;1985-04-02\n", "separated by semicolons"),
    (b"legal_first_name\tlegal_last_name\tdate_of_birth\nAna\tRuiz\t1985-04-02\n", "separated by tabs"),
    (b"legal_first_name,date_of_birth\nAna,1985-04-02\n", "lacks the required column legal_last_name"),
    (b"first,last,dob\nAna,Ruiz,1985-04-02\n", 'Unknown columns "first", "last", "dob"'),
    (b"legal_first_name,legal_last_name,date_of_birth,email,EMAIL\n", 'The column "email" appears twice'),
    (b"", "The file is empty"),
    (b"legal_first_name,legal_last_name,date_of_birth\n", "no participants below it"),
    (b"PK\x03\x04rest of a workbook", "spreadsheet workbook"),
    ("legal_first_name,legal_last_name,date_of_birth\n".encode("utf-16"), "UTF-16"),
    (b'legal_first_name,legal_last_name,date_of_birth\n"Ana,Ruiz,1985-04-02\n', "cannot be read as CSV"),
])
def test_a_file_that_cannot_be_read_is_refused_whole(store, data, words):
    before = _count(store)
    report = store.run(import_participants_csv, data, today=TODAY)
    [problem] = report.problems
    assert problem.row is None and words in problem.message, problem.message
    assert report.imported == 0 and _count(store) == before


def test_headers_are_read_leniently_and_with_a_bom(empty_store):
    data = "\ufeff Legal First Name ,LEGAL-LAST-NAME,Date of birth\r\nAna,Ruiz,1985-04-02\r\n".encode()
    report = _import(empty_store, data)
    assert report.ok and report.imported == 1


def test_a_failure_while_writing_leaves_nobody_imported(empty_store, monkeypatch):
    rows = "".join(f"P{i},Batch,1980-01-{1 + i % 28:02d}\n" for i in range(700))
    data = ("legal_first_name,legal_last_name,date_of_birth\n" + rows).encode()
    calls = {"n": 0}
    real_flush = Session.flush

    def failing_flush(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real_flush(self, *args, **kwargs)

    monkeypatch.setattr(Session, "flush", failing_flush)
    with pytest.raises(RuntimeError):
        empty_store.run(import_participants_csv, data, today=TODAY)
    monkeypatch.undo()
    assert _count(empty_store) == 0


def test_checking_alone_writes_nothing(store):
    before = _count(store)
    ready, report = store.run(check_participants_csv, b"legal_first_name,legal_last_name,date_of_birth\nNew,One,\n",
                              today=TODAY)
    assert report.ok and len(ready) == 1 and _count(store) == before


CELLS = st.one_of(st.text(max_size=12), st.sampled_from(["", "yes", "no", "1985-04-02", "2030-01-01", "es", "x@y.z",
                                                         "303 555 0101", "archived", '"', ",", "\n", "\ufeff"]))


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _check_all_or_nothing(store, data: bytes) -> None:  # type: ignore[no-untyped-def]
    before = _count(store)
    report = store.run(import_participants_csv, data, today=TODAY)  # never raises
    after = _count(store)
    if report.ok:
        assert after - before == report.imported
    else:
        assert report.imported == 0 and after == before
        assert all(p.message for p in report.problems)


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=400))
def test_fuzz_random_bytes_never_crash_and_never_half_import(store, data):
    _check_all_or_nothing(store, data)


@FUZZ
@given(
    st.lists(st.sampled_from(list(COLUMNS) + ["legal_first_name", "nickname", ""]), min_size=1, max_size=8),
    st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=6),
)
def test_fuzz_random_csv_text_never_crashes_and_never_half_imports(store, header, rows):
    _check_all_or_nothing(store, _csv_text(header, rows).encode("utf-8"))


@FUZZ
@given(st.lists(st.tuples(st.text(min_size=1, max_size=10), st.text(min_size=1, max_size=10),
                          st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 1, 1))), min_size=1, max_size=5))
def test_fuzz_plausible_files_are_all_or_nothing(store, people):
    rows = [[first, last, born.isoformat()] for first, last, born in people]
    _check_all_or_nothing(store, _csv_text(["legal_first_name", "legal_last_name", "date_of_birth"], rows).encode())
