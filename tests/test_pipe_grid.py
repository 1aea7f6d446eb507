"""Markdown pipe tables read straight into the grid the table reader takes (news articles print them)."""

from __future__ import annotations

import pytest

from pricewatch.readers.grid import pipe_table_grid


def texts(block: str) -> list[list[str]]:
    grid = pipe_table_grid(block)
    assert grid is not None
    rows, header_rows = grid
    assert header_rows == 1
    return [[cell.text for cell in row] for row in rows]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "| 模型 | 输入（元/百万tokens） | 输出 |\n|---|---|---|\n| deepseek-chat | 2 | 8 |",
            [["模型", "输入（元/百万tokens）", "输出"], ["deepseek-chat", "2", "8"]],
        ),
        (
            "モデル | 入力 | 出力\n:--- | ---: | :---:\n**GPT-4o mini** | `$0.15` | $0.60",
            [["モデル", "入力", "出力"], ["GPT-4o mini", "$0.15", "$0.60"]],
        ),
        (
            "| Model | Input | Output |\n| --- | --- | --- |\n| Haiku | $0.80 |\n| Sonnet | $3 | $15 | extra |",
            [["Model", "Input", "Output"], ["Haiku", "$0.80", ""], ["Sonnet", "$3", "$15"]],
        ),
        (
            "| Model | Note |\n|---|---|\n| a \\| b | first<br>second |",
            [["Model", "Note"], ["a | b", "first second"]],
        ),
    ],
    ids=["zh-plain", "ja-no-outer-pipes-marks-stripped", "en-short-and-long-rows", "escaped-pipe-and-break"],
)
def test_pipe_table_grid(block, expected):
    assert texts(block) == expected


def test_a_cell_keeps_its_first_line():
    rows, _ = pipe_table_grid("| Model | Price |\n|---|---|\n| MiniMax-M2<br>更高并发 | 2 元 |")
    assert rows[1][0].first_line == "MiniMax-M2"


def test_same_as_above_repeats_the_cell_above():
    rows, _ = pipe_table_grid("| 模型 | 上下文 |\n|---|---|\n| a-pro | 128k |\n| a-lite | ^^ |")
    assert rows[2][1].text == "128k"


@pytest.mark.parametrize(
    "block",
    ["| a | b |\n| c | d |\n| e | f |", "price | 2 | 3\nno separator | here | at all"],
    ids=["no-separator", "prose-with-pipes"],
)
def test_no_separator_line_is_no_table(block):
    assert pipe_table_grid(block) is None
