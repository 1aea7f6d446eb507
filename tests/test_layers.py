"""The layers point one way: core ← storage ← spiders, bot ← app. Every import in the tree is checked.

core (the `pricewatch` package): quotes, the price grammar, vendors, readers, news extraction, event kinds,
settings types — no database, Scrapy, Telegram or network libraries. storage imports core only; spiders and
bot import core and storage (never each other); app wires them all together. Imports inside functions and
under TYPE_CHECKING count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("pricewatch", "storage", "spiders", "bot", "app")
# The web stack is the application's alone: the pages and feeds are a way out, like the CLI.
WEB = {"fastapi", "starlette", "uvicorn", "jinja2"}
# What each layer may not import (top-level package names).
FORBIDDEN = {
    "pricewatch": {
        "storage",
        "spiders",
        "bot",
        "app",
        "scrapy",
        "twisted",
        "telegram",
        "sqlalchemy",
        "sqlmodel",
        "alembic",
        "apscheduler",
        "psycopg",
        "httpx",
        "matplotlib",
        *WEB,
    },
    "storage": {"spiders", "bot", "app", "scrapy", "twisted", "telegram", "apscheduler", *WEB},
    "spiders": {"bot", "app", "telegram", "apscheduler", *WEB},
    "bot": {"spiders", "app", "scrapy", "twisted", *WEB},
    "app": set(),
}


def imported_packages(source: str) -> list[tuple[int, str]]:
    """(line, top-level package) of every import in SOURCE, relative imports excluded."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def violations(layer: str, path: str, source: str) -> list[str]:
    return [
        f"{path}:{line} ({layer}) imports {package}"
        for line, package in imported_packages(source)
        if package in FORBIDDEN[layer]
    ]


def test_every_layer_imports_only_downward():
    problems = []
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            if "migrations" in path.parts and layer == "storage":
                continue  # Alembic's scripts are storage's own
            problems += violations(layer, str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
    assert problems == []


@pytest.mark.parametrize(
    ("layer", "source"),
    [
        ("pricewatch", "from storage.models import Event\n"),
        ("pricewatch", "def f():\n    import sqlalchemy\n"),
        ("storage", "from bot.render import alert_parts\n"),
        ("spiders", "import telegram\n"),
        ("bot", "from spiders.items import PageItem\n"),
        ("bot", "from app.crawl import run_crawl\n"),
    ],
    ids=["core-storage", "core-lazy-sqlalchemy", "storage-bot", "spiders-telegram", "bot-spiders", "bot-app"],
)
def test_a_forbidden_import_is_caught(layer, source):
    assert violations(layer, "added.py", source)


def test_no_import_cycle_between_layers():
    # Each layer's allowed set excludes every layer above it, so no two layers can import each other.
    for lower, upper in zip(LAYERS, LAYERS[1:], strict=False):
        assert upper in FORBIDDEN[lower] or (lower, upper) == ("spiders", "bot")
    assert "bot" in FORBIDDEN["spiders"] and "spiders" in FORBIDDEN["bot"]
