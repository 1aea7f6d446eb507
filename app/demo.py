"""`pricewatch demo`: replay the May 2024 Chinese price war offline, with the real spiders."""

from __future__ import annotations

import os
import tempfile
from importlib import resources
from pathlib import Path

from rich.console import Console

from app.crawl import run_crawl
from app.pageserver import PageServer
from bot.alerts import is_big, render_event
from pricewatch.catalogue import load_catalogue
from storage.engine import new_session
from storage.queries import list_events

DEMO_SOURCES = [
    ("alibaba-bailian", "alibaba", "alibaba.html", "zh"),
    ("baidu-qianfan", "baidu", "baidu.html", "zh"),
    ("zhipu-bigmodel", "zhipu", "zhipu.html", "zh"),
    ("deepseek-zh", "deepseek", "deepseek.html", "zh"),
    ("volcengine-ark", "bytedance", "bytedance.html", "zh"),
    ("openai", "openai", "openai.html", "en"),
]


def write_catalogue(path: Path, base_url: str) -> None:
    entries = [
        f'[[source]]\nid = "{sid}"\nkind = "pricing"\nvendor = "{vendor}"\nurl = "{base_url}/{page}"\nlang = "{lang}"\n'
        for sid, vendor, page, lang in DEMO_SOURCES
    ]
    path.write_text("\n".join(entries), encoding="utf-8")


def run_demo(console: Console) -> int:
    pages = Path(str(resources.files("pricewatch").joinpath("demo_pages")))
    with tempfile.TemporaryDirectory(prefix="pricewatch-demo-") as tmp:
        database_url = f"sqlite:///{tmp}/demo.db"
        os.environ["DATABASE_URL"] = database_url
        with PageServer(pages / "before") as server:
            catalogue = Path(tmp) / "sources.toml"
            write_catalogue(catalogue, server.base_url)
            sources = load_catalogue(catalogue)
            console.print(f"[bold]pricewatch demo[/] — serving the vendors' pages on {server.base_url}")
            console.print("1. [bold]Early May 2024[/]: the first crawl records a baseline (no alerts).")
            _report(console, run_crawl(sources, database_url=database_url))
            server.root = pages / "after"
            console.print("2. [bold]Late May 2024[/]: the pages change; the same spiders crawl again.")
            _report(console, run_crawl(sources, database_url=database_url))
        with new_session(database_url) as session:
            events = list(reversed(list_events(session=session)))
    console.print(f"\n[bold]What a subscriber is told[/] ({len(events)} alerts):")
    for source_id in dict.fromkeys(e.source_id for e in events):
        console.print(f"\n[bold cyan]{source_id}[/]")
        for event in (e for e in events if e.source_id == source_id):
            line = render_event(event, "en")
            console.print(f"  [bold red]{line}[/]" if is_big(event) else f"  {line}", markup=True, highlight=False)
    return 0 if events else 1


def _report(console: Console, results) -> None:  # noqa: ANN001
    for r in results:
        status = "ok" if r.ok else f"FAILED: {r.error}"
        console.print(f"   {r.source_id:<18} {r.quotes:>3} prices  {len(r.events):>2} events  {status}")
