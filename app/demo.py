"""`pricewatch demo`: replay the May 2024 Chinese price war offline, with the real spiders."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from datetime import timedelta
from importlib import resources
from pathlib import Path

from rich.console import Console
from sqlmodel import select

from app.crawl import run_crawl
from app.pageserver import PageServer
from bot.alerts import is_big, render_event
from pricewatch.catalogue import Source, load_catalogue
from storage.engine import new_session
from storage.models import Event, Observation, Snapshot, SourceHealth
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


# The story spans weeks; the replay takes seconds. The baseline is dated back so that history tables and
# charts show two readings weeks apart, as a real service would have seen them.
BASELINE_AGE = timedelta(days=20)


def _date_back(database_url: str, age: timedelta) -> None:
    """Move every stored time of the first crawl AGE into the past."""
    with new_session(database_url) as session:
        for model, fields in (
            (Snapshot, ("taken_at", "last_seen_at")),
            (Observation, ("observed_at", "ended_at")),
            (SourceHealth, ("last_ok", "last_attempt")),
            (Event, ("observed_at",)),
        ):
            for row in session.exec(select(model)).all():
                for name in fields:
                    if getattr(row, name) is not None:
                        setattr(row, name, getattr(row, name) - age)
                session.add(row)
        session.commit()


def run_demo(console: Console, *, serve: bool = True) -> int:
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
            _date_back(database_url, BASELINE_AGE)
            server.root = pages / "after"
            console.print("2. [bold]Late May 2024[/]: the pages change; the same spiders crawl again.")
            _report(console, run_crawl(sources, database_url=database_url))
        with new_session(database_url) as session:
            events = list(reversed(list_events(session=session)))
        _tell(console, events)
        if serve:
            _serve_web(console, sources)
    return 0 if events else 1


def _tell(console: Console, events: list[Event]) -> None:
    console.print(f"\n[bold]What a subscriber is told[/] ({len(events)} alerts):")
    for source_id in dict.fromkeys(e.source_id for e in events):
        console.print(f"\n[bold cyan]{source_id}[/]")
        for event in (e for e in events if e.source_id == source_id):
            line = render_event(event, "en")
            console.print(f"  [bold red]{line}[/]" if is_big(event) else f"  {line}", markup=True, highlight=False)


def _serve_web(console: Console, sources: list[Source]) -> None:
    """Serve what the demo found; in a terminal until Ctrl-C, otherwise just long enough to fetch each page once."""
    from app.web.server import create_app
    from app.web.serving import WebServer

    port = int(os.environ.get("PRICEWATCH_WEB_PORT") or 8080)
    try:
        web = WebServer(create_app(catalogue=lambda: sources), port=port)
    except OSError:  # 8080 taken: any free port will do for a demo
        web = WebServer(create_app(catalogue=lambda: sources), port=0)
    web.start_thread()
    try:
        if not web.wait_started():
            console.print("[red]the demo's web server did not start[/]")
            return
        console.print("\n[bold]What pricewatch publishes[/] (read-only web, feeds and JSON API):")
        for path in DEMO_URLS:
            console.print(f"  {_status(web.url + path)}  {web.url}{path}", highlight=False)
        if sys.stdin.isatty() and sys.stdout.isatty():
            console.print("\nServing until Ctrl-C.")
            threading.Event().wait()
    except KeyboardInterrupt:
        console.print("stopped.")
    finally:
        web.stop_thread()


DEMO_URLS = [
    "/",
    "/models/qwen-long",
    "/vendors/baidu",
    "/feed.atom",
    "/feed.json",
    "/api/prices.litellm.json",
    "/docs",
]


def _status(url: str) -> int:
    """The HTTP status of URL, fetched once: the demo shows each address works before printing it."""
    from urllib.error import HTTPError
    from urllib.request import urlopen

    try:
        with urlopen(url, timeout=30) as response:  # noqa: S310 — our own loopback server
            return response.status
    except HTTPError as error:
        return error.code


def _report(console: Console, results) -> None:  # noqa: ANN001
    for r in results:
        status = "ok" if r.ok else f"FAILED: {r.error}"
        console.print(f"   {r.source_id:<18} {r.quotes:>3} prices  {len(r.events):>2} events  {status}")
