"""Tables built of divs, rewritten as <table> elements so the table reader reads them like any other.

Pages built with component libraries lay a price table out as blocks: rows of cells marked with ARIA roles
(`role="table"`, `role="row"`, `role="cell"`), or rows of equal width with no roles at all (a CSS grid). Both
say in their structure what a <table> says in its tags.
"""

from __future__ import annotations

from copy import deepcopy

from lxml import etree
from lxml import html as lxml_html

from pricewatch import fastre
from pricewatch.readers.labels import label_price_type

_ROLE_TABLE_MARK = fastre.compile(r"""role\s*=\s*["']?(?:table|grid|treegrid)\b""")
_ROLE_TABLES = etree.XPath("//*[@role='table' or @role='grid' or @role='treegrid']")
_CELL_ROLES = {"cell", "gridcell", "columnheader", "rowheader"}
# Elements that start a block of their own: a table cell or a text line holds none of them.
BLOCK_TAGS = ("div", "p", "ul", "ol", "li", "section", "article", "table", "h1", "h2", "h3", "h4", "h5", "h6")
_GRID_WIDTH = range(2, 13)  # cells a row of a CSS grid has: a model and a few prices, not a page's layout
_GRID_ROWS = 3  # a header and two rows at least: two blocks of two are as likely a layout


def may_have_role_tables(source: str) -> bool:
    """Whether a page's source marks a table with ARIA roles: looking for one costs a walk of the whole tree."""
    return "role" in source and _ROLE_TABLE_MARK.search(source) is not None


def rewrite_div_tables(root: lxml_html.HtmlElement, *, role_tables: bool = True) -> None:
    """Replace each div table of the page by the <table> it lays out (role_tables=False: the source marks none)."""
    for grid in _ROLE_TABLES(root) if role_tables else ():
        rows = _aria_rows(grid)
        if rows:
            _replace(grid, rows)
    for block in [el for el in root.iter("div", "section", "ul", "ol") if len(el) >= _GRID_ROWS]:
        rows = _css_grid_rows(block)
        if rows:
            _replace(block, rows)


def _aria_rows(grid: lxml_html.HtmlElement) -> list[list[tuple[lxml_html.HtmlElement, bool]]]:
    """(cell, is header) per row of a role="table": rows and cells are marked, at any depth (rowgroups)."""
    rows = []
    for row in grid.iter():
        if isinstance(row.tag, str) and row.get("role") == "row":
            cells = [cell for cell in row.iter() if isinstance(cell.tag, str) and cell.get("role") in _CELL_ROLES]
            rows.append([(cell, cell.get("role") == "columnheader") for cell in cells])
    return [row for row in rows if row]


def _css_grid_rows(block: lxml_html.HtmlElement) -> list[list[tuple[lxml_html.HtmlElement, bool]]]:
    """A block of three or more rows of one tag and one width whose cells hold only inline text, and whose
    first row names a price type and prints no number: a header over rows of cells."""
    rows = [child for child in block if isinstance(child.tag, str)]
    if len(rows) < _GRID_ROWS or len({row.tag for row in rows}) != 1 or rows[0].tag in ("table", "tr"):
        return []
    cells = [[cell for cell in row if isinstance(cell.tag, str)] for row in rows]
    widths = {len(row_cells) for row_cells in cells}
    if len(widths) != 1 or widths.pop() not in _GRID_WIDTH or any(len(row) != len(cells[0]) for row in cells):
        return []
    if any(next(cell.iterdescendants(*BLOCK_TAGS), None) is not None for row_cells in cells for cell in row_cells):
        return []  # cards and sections hold blocks; a cell holds a line
    header = [" ".join(cell.text_content().split()) for cell in cells[0]]
    if any(ch.isdigit() for text in header for ch in text) or not any(label_price_type(text) for text in header):
        return []
    return [[(cell, index == 0) for cell in row_cells] for index, row_cells in enumerate(cells)]


def _replace(block: lxml_html.HtmlElement, rows: list[list[tuple[lxml_html.HtmlElement, bool]]]) -> None:
    table = lxml_html.Element("table")
    for row in rows:
        tr = etree.SubElement(table, "tr")
        for cell, is_header in row:
            copy = deepcopy(cell)
            copy.tag, copy.tail = ("th" if is_header else "td"), None
            for name in list(copy.attrib):
                if name not in ("rowspan", "colspan"):
                    del copy.attrib[name]
            tr.append(copy)
    table.tail = block.tail
    parent = block.getparent()
    if parent is not None:
        parent.replace(block, table)
