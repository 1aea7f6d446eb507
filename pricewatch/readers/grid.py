"""HTML tables → rectangular grids of cell texts, with rowspan and colspan expanded."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import html as lxml_html

from pricewatch.readers.conventions import SAME_AS_ABOVE

_BLOCK_BREAKS = {"br", "p", "div", "li", "hr"}


@dataclass
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


def table_grid(table: lxml_html.HtmlElement) -> tuple[list[list[Cell]], int]:
    """The table as rows of cells (spans copied into every slot) and the number of header rows."""
    rows = [tr for tr in table.iter("tr") if _owning_table(tr) is table]
    spans = any(td.get("rowspan") or td.get("colspan") for tr in rows for td in tr)
    grid: list[list[Cell | None]] = []
    pending: dict[tuple[int, int], Cell] = {}
    header_rows = 0
    for r, tr in enumerate(rows):
        row: list[Cell | None] = []
        c = 0
        cells = [td for td in tr if td.tag in ("td", "th")]
        in_thead = tr.getparent() is not None and tr.getparent().tag == "thead"
        if in_thead or (cells and all(td.tag == "th" for td in cells)):
            header_rows = r + 1 if header_rows == r else header_rows
        for td in cells:
            while (r, c) in pending:
                row.append(pending.pop((r, c)))
                c += 1
            lines = cell_text_lines(td)
            text = " ".join(lines)
            if text in SAME_AS_ABOVE and r > 0 and c < len(grid[r - 1]) and grid[r - 1][c] is not None:
                cell = grid[r - 1][c]
            else:
                cell = Cell(text=text, first_line=lines[0] if lines else "", is_header=td.tag == "th" or in_thead)
            rowspan, colspan = (_span(td, "rowspan"), _span(td, "colspan")) if spans else (1, 1)
            for dc in range(colspan):
                row.append(cell)
                for dr in range(1, rowspan):
                    pending[(r + dr, c + dc)] = cell
            c += colspan
        while (r, c) in pending:
            row.append(pending.pop((r, c)))
            c += 1
        grid.append(row)
    width = max((len(row) for row in grid), default=0)
    blank = Cell("", "", False)
    return [[cell or blank for cell in row] + [blank] * (width - len(row)) for row in grid], header_rows


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
