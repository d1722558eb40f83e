"""Safe note markup: only the small subset survives, text is escaped, plain text reads naturally."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.markup import ALLOWED_TAGS, from_plain_text, is_blank, sanitize, to_plain_text, word_count

TAG = re.compile(r"</?([a-zA-Z0-9]+)[^>]*>")


@pytest.mark.parametrize(
    ("given_html", "expected"),
    [
        ("<p>Hello <b>world</b></p>", "<p>Hello <b>world</b></p>"),
        ("<P CLASS='x' onclick=\"evil()\">Hi</P>", "<p>Hi</p>"),
        ("<strong>s</strong> <em>e</em>", "<b>s</b> <i>e</i>"),
        ("<script>alert(1)</script><style>p{}</style>after", "after"),
        ("<img src=x onerror=alert(1)>text<iframe src=y>inside</iframe>", "text"),
        ("<a href='javascript:x'>link</a>", "link"),
        ('<span style=" font-weight:700;">bold</span><span style="font-style:italic">it</span>',
         "<b>bold</b><i>it</i>"),
        ("<div>one</div><h2>two</h2>", "<p>one</p><p>two</p>"),
        ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),
        ("<p>open <b>bold", "<p>open <b>bold</b></p>"),
        ("</b>stray</i>", "stray"),
        ("line<br/>break<br>again", "line<br>break<br>again"),
        ("5 < 6 & 7 > 2", "5 &lt; 6 &amp; 7 &gt; 2"),
        ("&lt;script&gt;", "&lt;script&gt;"),
        ("<!-- note --><!DOCTYPE html>x", "x"),
        ("ctrl\x00\x02\x03\x1b chars", "ctrl chars"),
    ],
)
def test_sanitize(given_html: str, expected: str) -> None:
    assert sanitize(given_html) == expected


def test_plain_text_for_search_and_pdfs() -> None:
    stored = sanitize("<p><b>Data:</b> shared about grief &amp; loss</p><ul><li>breathing</li><li>walks</li></ul>"
                      "<ol><li>call</li><li>journal</li></ol><p></p><p>end<br>line</p>")
    assert to_plain_text(stored) == ("Data: shared about grief & loss\n• breathing\n• walks\n1. call\n2. journal\n"
                                     "end\nline")
    assert word_count(stored) == 11 and word_count("<p>don't self-judge</p>") == 2


def test_from_plain_text_and_blank() -> None:
    assert from_plain_text("a < b\n\nsecond\r\nthird") == "<p>a &lt; b</p><p>second</p><p>third</p>"
    assert is_blank("<p> </p><br>") and not is_blank("<p>x</p>")


@given(st.text())
def test_any_text_sanitizes_to_the_subset_idempotently(text: str) -> None:
    clean = sanitize(text)
    assert {m.group(1) for m in TAG.finditer(clean)} <= set(ALLOWED_TAGS)
    assert "<" not in TAG.sub("", clean)  # every other "<" is escaped
    assert sanitize(clean) == clean
    to_plain_text(clean)


@given(st.lists(st.sampled_from(["<p>", "</p>", "<b>", "</b>", "<ul>", "<li>", "</ul>", "<script>", "</script>",
                                 "<span style='font-weight:bold'>", "</span>", "x", " ", "&amp;", "<", ">"])))
def test_tag_soup_sanitizes_idempotently(parts: list[str]) -> None:
    clean = sanitize("".join(parts))
    assert sanitize(clean) == clean
