"""The one way the CLI prints results: a JSON list for programs, a table for people.

A table on a terminal wraps long cells instead of cutting them; piped into another program (not a
terminal) it is plain text in aligned columns that `grep`, `cut` and `column` read as they are.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Row], object]


def emit(rows: Sequence[Row], *, as_json: bool, title: str, columns: Sequence[Column]) -> None:
    """ROWS as one JSON list (and nothing else on stdout), or as a table titled TITLE."""
    if as_json:
        print(json.dumps(list(rows), ensure_ascii=False, default=str))
        return
    cells = [[_text(column.value(row)) for column in columns] for row in rows]
    if sys.stdout.isatty():
        _rich_table(title, columns, cells)
    else:
        _plain_table(title, columns, cells)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _rich_table(title: str, columns: Sequence[Column], cells: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, expand=False)
    for column in columns:
        table.add_column(column.header, overflow="fold")  # wrap, never cut with "…"
    for row in cells:
        table.add_row(*row)
    Console(width=max(80, shutil.get_terminal_size().columns)).print(table)


def _plain_table(title: str, columns: Sequence[Column], cells: list[list[str]]) -> None:
    widths = [max([len(c.header), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    print(f"# {title}")
    print("  ".join(c.header.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
