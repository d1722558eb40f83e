"""The GAD-7 and PHQ-9 forms: item by item, a live total and band at every boundary, and the item-9 alarm."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from facilitator.domain.scales import GAD7, PHQ9
from facilitator.ui.dialogs.measure_dialog import MeasureDialog
from facilitator.ui.widgets.scale_form import ScaleForm


def _answers(count: int, total: int) -> list[int]:
    """Answers adding up to ``total``, leaving PHQ-9 item 9 at 0 unless the total needs it."""
    items = [0] * count
    order = list(range(count - 1)) + [count - 1] if count == 9 else list(range(count))
    for i in order:
        items[i] = min(3, total)
        total -= items[i]
    return items


@pytest.fixture()
def form(qtbot, request):  # type: ignore[no-untyped-def]
    widget = ScaleForm(request.param)
    qtbot.addWidget(widget)
    widget.setMinimumSize(900, 1100)  # a top-level widget with its own limits (offscreen cannot take hints)
    widget.show()
    return widget


def _click_all(qtbot, form: ScaleForm, answers: list[int]) -> None:  # type: ignore[no-untyped-def]
    for index, value in enumerate(answers):
        qtbot.mouseClick(form.groups[index].button(value), Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("form", ["GAD-7"], indirect=True)
@pytest.mark.parametrize(("total", "band"), [(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
                                             (14, "moderate"), (15, "severe")])
def test_gad7_band_boundaries_by_clicking(qtbot, form, total, band):
    _click_all(qtbot, form, _answers(7, total))
    assert form.total_label.text() == f"Total {total} of 21"
    assert form.band_label.text() == band
    assert form.items() is not None and form.safety.isHidden()


@pytest.mark.parametrize("form", ["PHQ-9"], indirect=True)
@pytest.mark.parametrize(("total", "band"), [(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
                                             (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"),
                                             (20, "severe")])
def test_phq9_band_boundaries_by_clicking(qtbot, form, total, band):
    _click_all(qtbot, form, _answers(9, total))
    assert (form.total_label.text(), form.band_label.text()) == (f"Total {total} of 27", band)
    assert form.safety.isHidden()


@pytest.mark.parametrize("form", ["PHQ-9"], indirect=True)
def test_the_validated_wording_is_on_screen(form):
    texts = [row.findChildren(type(form.total_label))[0].text() for row in form.rows]
    assert texts[0] == "1.  " + PHQ9.items[0]
    assert texts[8] == "9.  Thoughts that you would be better off dead or of hurting yourself in some way"
    assert [form.groups[0].button(v).text() for v in range(4)] == [
        "0  Not at all", "1  Several days", "2  More than half the days", "3  Nearly every day"]


@pytest.mark.parametrize("form", ["PHQ-9"], indirect=True)
def test_item_9_above_zero_turns_red_at_once_with_a_clear_prompt(qtbot, form):
    qtbot.mouseClick(form.groups[8].button(1), Qt.MouseButton.LeftButton)
    assert not form.complete  # the alarm does not wait for the other items
    assert form.safety.isVisible()
    assert form.safety_title.text() == "Safety follow-up needed: item 9 answered \u201cSeveral days\u201d"
    assert form.rows[8].property("alarm") is True
    assert form.total_label.text() == "So far 1" and form.answered_label.text() == "1 of 9 answered"
    qtbot.mouseClick(form.groups[8].button(0), Qt.MouseButton.LeftButton)
    assert form.safety.isHidden() and form.rows[8].property("alarm") is False


@pytest.mark.parametrize("form", ["GAD-7"], indirect=True)
def test_keys_0_to_3_answer_item_by_item(qtbot, form):
    form.groups[0].button(0).setFocus()
    for key in (Qt.Key.Key_3, Qt.Key.Key_3, Qt.Key.Key_2, Qt.Key.Key_1, Qt.Key.Key_0, Qt.Key.Key_0, Qt.Key.Key_1):
        qtbot.keyClick(form.focusWidget() or form, key)
    assert form.items() == [3, 3, 2, 1, 0, 0, 1]
    assert (form.total_label.text(), form.band_label.text()) == ("Total 10 of 21", GAD7.severity(10))


def test_the_dialog_saves_only_when_every_item_is_answered(qtbot):
    dialog = MeasureDialog("GAD-7", "Ana Ruiz")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "GAD-7"  # never the person's name
    assert not dialog.save_button.isEnabled()
    for i in range(6):
        dialog.form.set_answer(i, 1)
    assert not dialog.save_button.isEnabled()
    dialog.form.set_answer(6, 2)
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        dialog.save_button.click()
    assert dialog.form.items() == [1, 1, 1, 1, 1, 1, 2]


def test_the_dialog_takes_digits_from_its_first_open_item_on(qtbot):
    dialog = MeasureDialog("PHQ-9", "Ana Ruiz", [1, None, None, None, None, None, None, None, None])
    qtbot.addWidget(dialog)
    assert dialog.form.answers()[0] == 1  # a correction opens with the answers given
    for key in (Qt.Key.Key_0, Qt.Key.Key_2):
        qtbot.keyClick(dialog.save_button, key)  # digits reach the form wherever the focus is
    assert dialog.form.answers()[:3] == [1, 0, 2]
