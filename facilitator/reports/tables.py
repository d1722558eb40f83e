"""Record tables: cells that start from the document's defaults, plain strings broken to fit, repeating headers.

Table strings are drawn literally (no markup, so nothing to escape) and cost a fraction of a
paragraph, which a table wraps again on every layout pass; cells take their font, colour and
padding from :class:`CellDefaults` rather than from style commands, which visit every cell of
their range each time a table is laid out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table
from reportlab.platypus.tables import CellStyle

from facilitator.reports import fonts, style

_PAD = 3.5


def wrapped(value: str, width: float, font: str = fonts.REGULAR, size: float = 8.5,
            padding: float = 2 * (_PAD + 1)) -> str:
    """Plain text broken into lines that fit a column, as a multi-line table string.

    Table strings are drawn literally (no markup, so nothing to escape) and cost a fraction of a
    paragraph, which a table wraps again on every layout pass.
    """
    lines: list[str] = []
    for raw in value.strip().splitlines() or [""]:
        lines += simpleSplit(raw, font, size, width - padding) or [""]
    return "\n".join(lines)


def fits(value: str, width: float, font: str = fonts.REGULAR, size: float = 8.5, padding: float = 2 * (_PAD + 1)
         ) -> bool:
    """True when ``value`` fits on one line of a column ``width`` wide (``padding`` deducted)."""
    return "\n" not in value and stringWidth(value, font, size) <= width - padding


class CellDefaults(CellStyle):  # type: ignore[misc]  # ReportLab ships no types
    """What every cell of a record table starts with: the body font, ink, top-aligned, even padding."""

    fontname = fonts.REGULAR
    fontsize = 8.5
    leading = 10.2
    color = style.INK
    valign = "TOP"
    leftPadding = rightPadding = _PAD + 1
    topPadding = bottomPadding = _PAD


class HeaderCellDefaults(CellDefaults):
    fontname = fonts.BOLD
    fontsize = 8
    leading = 9.6
    color = style.ACCENT


def styled_table(rows: Sequence[Sequence[Flowable | str]], widths: Sequence[float], *,
                 cell: type[CellStyle] = CellDefaults, header: type[CellStyle] | None = HeaderCellDefaults,
                 columns: Sequence[type[CellStyle]] | None = None, **table_args: Any) -> Table:
    """A table whose cells start from ``cell`` (or ``columns[j]``; its first row from ``header``).

    Defaults given to the cells directly cost nothing per build, where a style command would visit
    every cell of its range each time the table is laid out.
    """
    kinds = list(columns) if columns is not None else [cell] * len(widths)
    cells = [[(header if i == 0 and header is not None else kinds[j])(f"{i},{j}") for j in range(len(widths))]
             for i in range(len(rows))]
    return Table([list(r) for r in rows], colWidths=list(widths), cellStyles=cells, hAlign="LEFT", **table_args)


def data_table(header: Sequence[str], rows: Sequence[Sequence[Flowable | str]], widths: Sequence[float],
               styles: style.Styles, extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    """A table whose header row repeats on every page it spans.

    Strings stay plain table strings (drawn literally, so nothing to escape), broken into lines where
    they are wider than their column; a flowable cell (a paragraph with formatting) is kept as it is.
    """
    head: list[Flowable | str] = [h if fits(h, w, fonts.BOLD, 8) else wrapped(h, w, fonts.BOLD, 8)
                                  for h, w in zip(header, widths, strict=True)]
    body = [[c if not isinstance(c, str) or fits(c, w) else wrapped(c, w)
             for c, w in zip(row, widths, strict=True)] for row in rows]
    table = styled_table([head, *body], widths, repeatRows=1)
    table_style = style.table_style()
    for command in extra:
        table_style.add(*command)
    table.setStyle(table_style)
    return table
