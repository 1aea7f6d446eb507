"""Tables → rectangular grids of cell texts: HTML tables (rowspan and colspan expanded) and pipe tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import html as lxml_html

from pricewatch import fastre

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

from pricewatch.readers.conventions import SAME_AS_ABOVE

_BLOCK_BREAKS = {"br", "p", "div", "li", "hr", "dt", "dd"}


@dataclass(slots=True)
class Cell:
    text: str  # whole text, lines joined by " "
    first_line: str  # text before the first <br> / block: the model name in "MiniMax-M2<br>更高并发"
    is_header: bool


def cell_text_lines(element: lxml_html.HtmlElement) -> list[str]:
    """The lines of a cell, broken where it has <br> or block children."""
    if len(element) == 0:  # most cells are plain text: no walk
        line = " ".join((element.text or "").split())
        return [line] if line else []
    parts: list[str] = []

    def walk(node: lxml_html.HtmlElement) -> None:
        if node.tag in _BLOCK_BREAKS:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
        if node.tag in _BLOCK_BREAKS:
            parts.append("\n")

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def table_grid(table: lxml_html.HtmlElement, *, spans: bool = False) -> tuple[list[list[Cell]], int]:
    """The table as rows of cells (spans copied into every slot) and the number of header rows.

    Most tables span nothing: their cells go straight into rows, with no slots kept for the rows below. A table is
    read that way first, and again with SPANS at its first cell that spans (a look at every cell beforehand cost a
    walk of the table)."""
    rows = [tr for tr in table.iter("tr") if _owning_table(tr) is table]
    grid: list[list[Cell | None]] = []
    pending: dict[tuple[int, int], Cell] = {}
    header_rows = 0
    for r, tr in enumerate(rows):
        row: list[Cell | None] = []
        cells = [(td, tag) for td in tr if (tag := td.tag) == "td" or tag == "th"]
        parent = tr.getparent()
        in_thead = parent is not None and parent.tag == "thead"
        if in_thead or (cells and all(tag == "th" for _, tag in cells)):
            header_rows = r + 1 if header_rows == r else header_rows
        for td, tag in cells:
            if pending:
                while (r, len(row)) in pending:
                    row.append(pending.pop((r, len(row))))
            if len(td) == 0:  # most cells are plain text, one line: read here, without a call
                text = first_line = " ".join((td.text or "").split())
            else:
                lines = cell_text_lines(td)
                text, first_line = " ".join(lines), lines[0] if lines else ""
            # Tested here first: a call per cell cost more than the test.
            above = _same_as_above(grid[-1] if grid else None, len(row), text) if text in SAME_AS_ABOVE else None
            cell = above or Cell(text, first_line, tag == "th" or in_thead)
            if not spans:
                # Most cells have no attribute at all: one call for their names, not one a span (6 µs a table, not 30).
                if (names := td.keys()) and ("rowspan" in names or "colspan" in names):
                    return table_grid(table, spans=True)
                row.append(cell)
                continue
            c, rowspan, colspan = len(row), _span(td, "rowspan"), _span(td, "colspan")
            for dc in range(colspan):
                row.append(cell)
                for dr in range(1, rowspan):
                    pending[(r + dr, c + dc)] = cell
        while (r, len(row)) in pending:
            row.append(pending.pop((r, len(row))))
        grid.append(row)
    if not spans and len({len(row) for row in grid}) <= 1:
        return grid, header_rows  # type: ignore[return-value]  # no slot left empty, no row short: a rectangle
    return _rectangular(grid), header_rows


def _same_as_above(above: list[Cell | None] | None, column: int, text: str) -> Cell | None:
    """The cell above, when TEXT is a 'same as above' mark ('〃', '同上', '^^')."""
    if text not in SAME_AS_ABOVE or above is None or column >= len(above):
        return None
    return above[column]


def _rectangular(grid: list[list[Cell | None]]) -> list[list[Cell]]:
    width = max((len(row) for row in grid), default=0)
    blank = Cell("", "", False)
    return [[cell or blank for cell in row] + [blank] * (width - len(row)) for row in grid]


# --- pipe tables: markdown-it's tokens read straight into a grid, with no HTML between -----------------

_LINE_BREAK = fastre.compile(r"<br\s*/?>", re.IGNORECASE)


@lru_cache(maxsize=1)
def _pipe_parser() -> MarkdownIt:
    """Tables and the inline markup a cell can hold; markdown-it comes with rich, imported only here."""
    from markdown_it import MarkdownIt

    inline = ["emphasis", "strikethrough", "backticks", "link", "html_inline", "entity", "escape"]
    return MarkdownIt("zero", {"html": True}).enable(["table", *inline])


@lru_cache(maxsize=1)
def _pipe_block_parser() -> MarkdownIt:
    """The tables' rows and cells alone: a cell's inline markup is parsed only in the cells that have some."""
    from markdown_it import MarkdownIt

    return MarkdownIt("zero", {"html": True}).enable("table").disable("inline")


# What can start inline markup in a cell (emphasis, code, a link, HTML, an entity, an escape): a cell with
# none of these is its own text, and most cells ('GPT-4o', '$2.50') are.
_MARKUP = fastre.compile(r"[*_`\[\]<>&\\~!]")


def pipe_markdown_to_html(markdown: str) -> str:
    """MARKDOWN rendered by the pipe-table parser: for lines of pipes that make no table (no '|---|' row)."""
    return _pipe_parser().render(markdown)


def pipe_table_grids(markdown: str) -> list[tuple[list[list[Cell]], int]]:
    """Every pipe table in MARKDOWN ('| Model | Input |' over a '|---|---|' row) as a grid and its header rows."""
    simple = _simple_pipe_rows(markdown)
    if simple is not None:
        return [(_rectangular(_grid_of(simple)), 1)]
    grids = []
    rows: list[tuple[list[str], bool]] = []
    in_head = False
    for token in _pipe_block_parser().parse(markdown):
        if token.type == "tr_open":
            rows.append(([], in_head))
        elif token.type in ("thead_open", "thead_close"):
            in_head = token.type == "thead_open"
        elif token.type == "inline" and rows:  # a cell: tables hold no other inline tokens
            rows[-1][0].append(token.content)
        elif token.type == "table_close":
            grids.append((_rectangular(_grid_of(rows)), 1))  # a pipe table has one header row, over its '|---|' row
            rows = []
    return grids


def _grid_of(rows: list[tuple[list[str], bool]]) -> list[list[Cell | None]]:
    """Cells of each row's cell sources ('**GPT-4o**', '$2.50'), and whether the row is the header."""
    grid: list[list[Cell | None]] = []
    for contents, in_head in rows:
        grid.append([])
        for content in contents:
            lines = _cell_lines(content)
            text = " ".join(lines)
            above = grid[-2] if len(grid) > 1 else None
            grid[-1].append(
                _same_as_above(above, len(grid[-1]), text) or Cell(text, lines[0] if lines else "", in_head)
            )
    return grid


# A block that is one plain pipe table: every line a row between pipes, the second its '|---|' row, and no
# escape or code that could hold a pipe of its own. Such a block is split as markdown-it splits it, without it.
_PLAIN_ROW = fastre.compile(r"^[ ]{0,3}[^\\`\n]*\|[^\\`\n]*$")
_SEPARATOR_CELL = fastre.compile(r"^\s*:?-+:?\s*$")


def _row_cells(line: str) -> list[str]:
    """A row's cells between its pipes; the pipes at its two ends are optional."""
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") else row
    return row.split("|")


def _simple_pipe_rows(markdown: str) -> list[tuple[list[str], bool]] | None:
    lines = markdown.strip("\n").split("\n")
    if len(lines) < 2 or not all(_PLAIN_ROW.match(line) for line in lines):
        return None
    split = [_row_cells(line) for line in lines]
    columns = len(split[0])
    if columns < 2 or any(len(cells) < 2 for cells in split):  # a one-column table is markdown-it's to judge
        return None
    if len(split[1]) != columns or not all(_SEPARATOR_CELL.match(cell) for cell in split[1]):
        return None
    rows = [([cell.strip() for cell in split[0]], True)]
    for cells in split[2:]:
        cells = [cell.strip() for cell in cells[:columns]]
        rows.append((cells + [""] * (columns - len(cells)), False))
    return rows


def _cell_lines(content: str) -> list[str]:
    """A cell's lines: its own text, or what markdown-it's inline pass makes of its markup."""
    if not _MARKUP.search(content):
        text = " ".join(content.split())
        return [text] if text else []
    return _inline_lines(_pipe_parser().parseInline(content)[0])


def _inline_lines(token: Token) -> list[str]:
    """A cell's words without their markup, broken into lines where it has a <br>."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "html_inline" and _LINE_BREAK.fullmatch(child.content.strip()):
            parts.append("\n")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _span(td: lxml_html.HtmlElement, attr: str) -> int:
    try:
        return max(1, min(int(td.get(attr, "1")), 50))
    except ValueError:
        return 1


def _owning_table(tr: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    node = tr.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node
