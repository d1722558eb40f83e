"""User text and note markup: plain text escaped, the notes' subset kept as formatting, nothing else."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph, SimpleDocTemplate

from facilitator.reports import fonts, style
from facilitator.reports.lines import line, runs_line
from facilitator.reports.markup import block, note_blocks, note_flowables, text
from facilitator.reports.texts import inline, parse_practice
from tests.reports.conftest import all_text

STYLES = style.clinical()


def _print(flowables: list[object]) -> str:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=style.PAGE, initialFontName=fonts.REGULAR).build(flowables)
    return all_text(buffer.getvalue())


def test_plain_text_is_escaped_and_keeps_its_line_breaks() -> None:
    assert text("a < b & <b>c</b>\nnext") == "a &lt; b &amp; &lt;b&gt;c&lt;/b&gt;<br/>next"
    printed = _print([Paragraph(text("Tom & Jerry <b>not bold</b> </para>"), STYLES.body)])
    assert "Tom & Jerry <b>not bold</b> </para>" in printed


def test_the_notes_subset_becomes_formatting_and_the_rest_is_dropped_or_literal() -> None:
    body = ("<p><b>Data:</b> calm &amp; settled, &lt;i&gt;typed&lt;/i&gt;</p><script>alert(1)</script>"
            "<p onclick=\"x()\">Some <strong>strong</strong>, <em>em</em> and <u>under</u>.<br>Next line</p>"
            "<ul><li>one</li><li><i>two</i></li></ul><ol><li>first</li><li>second</li></ol><p><span>kept</span></p>")
    assert note_blocks(body) == [
        ("p", "<b>Data:</b> calm &amp; settled, &lt;i&gt;typed&lt;/i&gt;"),
        ("p", "Some <b>strong</b>, <i>em</i> and <u>under</u>.<br/>Next line"),
        ("ul", ["one", "<i>two</i>"]),
        ("ol", ["first", "second"]),
        ("p", "kept"),
    ]
    printed = _print(note_flowables(body, STYLES.body, STYLES.bullet))
    assert "Data: calm & settled, <i>typed</i>" in printed and "alert" not in printed
    assert "• one" in printed and "1. first" in printed and "2. second" in printed


def test_mis_nested_and_unclosed_tags_still_make_well_formed_paragraphs() -> None:
    blocks = note_blocks("<p><b>bold <i>both</b> italic</i> <b>open")
    assert blocks == [("p", "<b>bold <i>both</i></b><i> italic</i> <b>open</b>")]
    assert _print(note_flowables("<p><b>bold <i>both</b> italic</i> <b>open", STYLES.body, STYLES.bullet))


def test_a_body_without_markup_is_plain_text_with_paragraphs() -> None:
    assert note_blocks("First & foremost\nsame paragraph\n\nSecond") == [
        ("p", "First &amp; foremost<br/>same paragraph"), ("p", "Second")]
    assert note_blocks("I <3 this & that") == [("p", "I &lt;3 this &amp; that")]
    assert note_blocks("Tom &amp; Jerry") == [("p", "Tom &amp; Jerry")]


def test_run_in_labels_and_whole_paragraph_faces() -> None:
    hanging = block("<b>Assessment:</b> <i>calm &amp; engaged</i>", STYLES.body)
    assert hanging.bulletText == "Assessment:" and hanging.style.fontName == fonts.ITALIC
    assert "calm" in hanging.text
    whole = block("<b>All bold</b>", STYLES.body)
    assert whole.style.fontName == fonts.BOLD and whole.text == "All bold"
    mixed = block("<b>A very long label that does not fit the gutter:</b> text", STYLES.body)
    assert mixed.bulletText is None


def test_lines_and_runs_print_literally_and_fall_back_to_paragraphs() -> None:
    short = line("<b>5 & 6</b>", STYLES.body)
    long = line("word " * 200, STYLES.body)
    runs = runs_line([("Signed ", fonts.BOLD, style.INK), ("<by> & me", fonts.REGULAR, style.MUTED)], STYLES.muted)
    printed = _print([short, long, runs])
    assert "<b>5 & 6</b>" in printed and "Signed <by> & me" in printed
    assert isinstance(long, Paragraph)


def test_practice_markdown() -> None:
    practice = parse_practice("# Breath & <calm>\n\nIntro **bold** and *soft* text.\n\n- one\n  continued\n- two\n",
                              "fallback")
    assert practice.title == "Breath &amp; &lt;calm&gt;"
    assert practice.blocks == (("p", "Intro <b>bold</b> and <i>soft</i> text."), ("ul", ("one continued", "two")))
    assert inline("2 * 3 * 4") == "2 * 3 * 4"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("ab <>&/;\n\"'=") + ["<b>", "</b>", "<i>", "</i>", "<p>", "</p>", "<ul>",
                                                             "<li>", "</ul>", "<br>", "&amp;", "&lt;", "<script>",
                                                             "</script>", "<font", "<para>", "<b title='x>y'>"]),
                max_size=40).map("".join))
def test_any_note_body_makes_valid_paragraphs(body: str) -> None:
    for flowable in note_flowables(body, STYLES.body, STYLES.bullet):
        flowable.wrap(400, 800)  # ReportLab raises on markup it cannot parse


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_any_plain_text_prints_without_error(value: str) -> None:
    Paragraph(text(value), STYLES.body).wrap(400, 800)


def test_dates_and_clock_of_the_handout_language() -> None:
    texts = __import__("facilitator.reports.texts", fromlist=["load"]).load("en")
    moment = datetime(2026, 3, 12, 0, 5, tzinfo=UTC)
    assert texts.long_date(moment, UTC) == "Thursday, March 12, 2026"
    assert texts.clock(moment, UTC) == "12:05 a.m." and texts.clock(moment.replace(hour=15), UTC) == "3:05 p.m."
    assert texts.theme("self-compassion") == "Self-compassion, and softening the inner critic"
    assert texts.theme("new_tag-here") == "New tag here"
