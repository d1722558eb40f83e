"""The roster's Qt models, tested by calling data() and rowCount() directly."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt

from facilitator.services.participant_import import CsvProblem
from facilitator.services.roster import RosterRow
from facilitator.ui.models.import_report_table import COL_PROBLEM, COL_ROW, ImportReportTableModel
from facilitator.ui.models.roster_table import (
    COL_AGE,
    COL_FLAGS,
    COL_GROUPS,
    COL_LAST,
    COL_NAME,
    COL_PREFERRED,
    COL_PRONOUNS,
    COL_STATUS,
    HEADERS,
    ID_ROLE,
    STATUS_FILTERS,
    RosterFilterProxyModel,
    RosterTableModel,
)


def _row(i: int, first: str, last: str, *, status: str = "active", groups: tuple[str, ...] = (), age: int | None = 40,
         preferred: str = "", flags: tuple[str, ...] = (), last_session: datetime | None = None) -> RosterRow:
    return RosterRow(id=i, first_name=first, last_name=last, preferred_name=preferred, pronouns="they/them",
                     language="en", age=age, groups=groups, status=status, last_session=last_session, flags=flags)


ROWS = [
    _row(1, "Zoë", "Abernathy", groups=("Open Integration Circle",), age=39,
         last_session=datetime(2026, 3, 9, 9, 30, tzinfo=UTC)),
    _row(2, "Étienne", "Bélanger", groups=("Rolling KAP Group",), preferred="Eti", flags=("Hypertension",)),
    _row(3, "Declan", "Byrne", groups=("Rolling KAP Group",), age=None),
    _row(4, "Jordan", "Achterberg", status="inactive", age=34),
    _row(5, "Ada", "Zed", status="archived", age=70, flags=("Cardiac", "Pregnancy")),
]


@pytest.fixture()
def models(qapp):  # type: ignore[no-untyped-def]
    model = RosterTableModel()
    model.set_rows(ROWS)
    proxy = RosterFilterProxyModel()
    proxy.setSourceModel(model)
    return model, proxy


def _column(model, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_every_column_reads_as_the_table_shows_it(models):
    model, _proxy = models
    assert model.columnCount() == len(HEADERS) == 8
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)][:3] == [
        "Name", "Preferred name", "Pronouns"]
    first = {c: model.index(0, c).data() for c in range(8)}
    assert first == {COL_NAME: "Abernathy, Zoë", COL_PREFERRED: "", COL_PRONOUNS: "they/them", COL_AGE: "39",
                     COL_GROUPS: "Open Integration Circle", COL_STATUS: "Active",
                     COL_LAST: first[COL_LAST], COL_FLAGS: ""}
    assert first[COL_LAST].endswith("2026") and "Mar" in first[COL_LAST]
    assert model.index(0, COL_NAME).data(ID_ROLE) == 1
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree
    assert model.index(0, COL_NAME).data(Qt.ItemDataRole.ToolTipRole) is None  # no names in tooltips
    assert model.data(QModelIndex()) is None


def test_names_sort_by_last_name_with_accents_folded(models):
    model, _proxy = models
    assert _column(model, COL_NAME) == ["Abernathy, Zoë", "Achterberg, Jordan", "Bélanger, Étienne",
                                        "Byrne, Declan", "Zed, Ada"]


def test_sorting_by_another_column_and_back(models):
    model, proxy = models
    proxy.sort(COL_AGE, Qt.SortOrder.DescendingOrder)
    assert _column(model, COL_AGE) == ["70", "40", "39", "34", ""]  # unknown ages last
    proxy.sort(COL_FLAGS, Qt.SortOrder.AscendingOrder)
    assert model.index(0, COL_FLAGS).data() == "Cardiac, Pregnancy"
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert model.index(0, COL_NAME).data() == "Abernathy, Zoë"


def test_typing_filters_by_name_preferred_name_and_group_ignoring_case_and_accents(models):
    _model, proxy = models
    assert proxy.rowCount() == 4  # the default hides archived records
    proxy.set_text("zoe")
    assert _column(proxy, COL_NAME) == ["Abernathy, Zoë"]
    proxy.set_text("ETIENNE")
    assert _column(proxy, COL_NAME) == ["Bélanger, Étienne"]
    proxy.set_text("eti")
    assert _column(proxy, COL_NAME) == ["Bélanger, Étienne"]
    proxy.set_text("rolling")
    assert _column(proxy, COL_NAME) == ["Bélanger, Étienne", "Byrne, Declan"]
    proxy.set_text("rolling byr")  # every word must match
    assert _column(proxy, COL_NAME) == ["Byrne, Declan"]
    proxy.set_text("nobody")
    assert proxy.rowCount() == 0
    proxy.set_text("")
    assert proxy.rowCount() == 4


def test_the_status_filter(models):
    _model, proxy = models
    choices = dict(STATUS_FILTERS)
    proxy.set_statuses(choices["Archived"])
    assert _column(proxy, COL_NAME) == ["Zed, Ada"]
    proxy.set_statuses(choices["Inactive"])
    assert _column(proxy, COL_NAME) == ["Achterberg, Jordan"]
    proxy.set_statuses(choices["Everyone"])
    assert proxy.rowCount() == 5
    proxy.set_text("a")
    proxy.sort(COL_AGE, Qt.SortOrder.AscendingOrder)  # sorting keeps the filter
    assert [proxy.index(r, COL_AGE).data() for r in range(proxy.rowCount())] == ["34", "39", "40", "70", ""]


def test_new_rows_replace_old_ones_and_the_filter_still_applies(models):
    model, proxy = models
    proxy.set_text("byrne")
    model.set_rows([*ROWS, _row(6, "Bea", "Byrne")])
    assert _column(proxy, COL_NAME) == ["Byrne, Bea", "Byrne, Declan"]


def test_the_import_report_model(qapp):
    model = ImportReportTableModel([
        CsvProblem(5, "date_of_birth", "Under 18 (age 16): this is an adult service.", warning=True),
        CsvProblem(3, "email", "The email address should look like name@example.org."),
        CsvProblem(None, "", "The file is empty."),
    ])
    assert model.rowCount() == 3
    assert [model.index(r, COL_ROW).data() for r in range(3)] == ["File", "3", "5"]
    assert model.index(2, COL_PROBLEM).data().startswith("Warning: Under 18")
