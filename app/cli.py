"""The `pricewatch` command: crawl, parse, events, history, sources, demo."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from app.output import Column, emit
from app.problems import is_storage_error, storage_problem
from pricewatch.errors import CatalogueError
from pricewatch.events import EventKind

if TYPE_CHECKING:
    from pricewatch.catalogue import Source

# Each command imports what it uses (rich, pydantic, SQLAlchemy, Scrapy…) when it runs: `--help` stays fast.
EVENT_KIND_CHOICES = [str(kind) for kind in EventKind]


def console() -> Any:  # noqa: ANN401 — rich.console.Console, imported on first use
    from rich.console import Console

    global _console
    if _console is None:
        _console = Console()
    return _console


_console = None


def Table(*args: Any, **kwargs: Any) -> Any:  # noqa: N802, ANN401 — rich.table.Table, imported on first use
    from rich.table import Table as RichTable

    return RichTable(*args, **kwargs)


def get_settings() -> Any:  # noqa: ANN401
    from pricewatch.settings import get_settings as settings

    return settings()


def load_catalogue(path: str | None) -> list[Source]:
    from pricewatch.catalogue import load_catalogue as load

    return load(path)


def select_sources(sources: list[Source], ids: list[str]) -> list[Source]:
    from pricewatch.catalogue import select_sources as select

    return select(sources, ids)


class UsageError(Exception):
    """Bad input from the user: one line on stderr, exit 2."""


def setup_logging(verbosity: int) -> None:
    """Quiet by default (warnings), -v for the service's events, -vv for everything."""
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s level=%(levelname)s logger=%(name)s %(message)s")
    if verbosity == 1:
        for noisy in ("httpx", "telegram", "apscheduler", "scrapy"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.verbose)
    try:
        return int(args.handler(args) or 0)
    except (CatalogueError, UsageError) as exc:
        print(f"pricewatch: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `pricewatch events | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a full disk or an unreachable database: one line, never a traceback
        if not is_storage_error(exc):
            raise
        print(f"pricewatch: {storage_problem(exc)}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pricewatch", description="Watch LLM API prices.")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-v, -vv)")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="the long-running service: scheduled crawls, alerts, the bot")
    run.add_argument("--sources", help="catalogue TOML file")
    run.add_argument("--alert-log", default="data/alerts.log", help="console mode: file the alerts are appended to")
    run.set_defaults(handler=cmd_run)

    crawl = sub.add_parser("crawl", help="crawl sources now (all when no id is given)")
    crawl.add_argument("source_ids", nargs="*", metavar="SOURCE_ID")
    crawl.add_argument("--sources", help="catalogue TOML file (default: $PRICEWATCH_SOURCES or the shipped one)")
    crawl.add_argument("--json", action="store_true")
    crawl.set_defaults(handler=cmd_crawl)

    parse = sub.add_parser("parse", help="show what the reader sees in one page; stores nothing")
    parse.add_argument("target", metavar="FILE_OR_URL")
    parse.add_argument("--vendor")
    parse.add_argument("--lang", choices=["zh", "ja", "en"])
    parse.add_argument("--currency", choices=["USD", "CNY", "JPY", "EUR"])
    parse.add_argument(
        "--format", dest="fmt", help="html, markdown, litellm-json, openrouter-json (default: from the name)"
    )
    parse.add_argument("--json", action="store_true")
    parse.set_defaults(handler=cmd_parse)

    extract = sub.add_parser("extract", help="the price claims of one article (HTML or plain text); stores nothing")
    extract.add_argument("target", metavar="FILE_OR_URL")
    extract.add_argument("--lang", choices=["auto", "zh", "ja", "en"], default="auto")
    extract.add_argument("--json", action="store_true")
    extract.set_defaults(handler=cmd_extract)

    events = sub.add_parser("events", help="list price events")
    events.add_argument("--since", help="7d, 12h or an ISO date")
    events.add_argument("--vendor")
    events.add_argument("--model")
    events.add_argument("--kind", choices=EVENT_KIND_CHOICES)
    events.add_argument("--limit", type=positive_int, default=50, help="at most N events (default 50)")
    events.add_argument("--json", action="store_true")
    events.set_defaults(handler=cmd_events)

    history = sub.add_parser("history", help="every observed price of a model over time")
    history.add_argument("model", metavar="MODEL")
    history.add_argument("--vendor")
    history.add_argument("--limit", type=positive_int, help="only the N most recent observations")
    history.add_argument("--json", action="store_true")
    history.set_defaults(handler=cmd_history)

    sources = sub.add_parser("sources", help="the catalogue with each source's health")
    sources.add_argument("--sources", help="catalogue TOML file")
    sources.add_argument("--json", action="store_true")
    sources.set_defaults(handler=cmd_sources)

    serve = sub.add_parser("serve", help="the read-only web: pages, Atom/JSON feeds, the JSON API (docs at /docs)")
    serve.add_argument("--host", help="address to listen on (default: $PRICEWATCH_WEB_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=port_number, default=8080, help="default 8080")
    serve.add_argument("--sources", help="catalogue TOML file that /api/sources lists")
    serve.set_defaults(handler=cmd_serve)

    db = sub.add_parser("db", help="database schema (Alembic migrations)")
    db.add_argument("action", choices=["upgrade", "current"])
    db.add_argument("revision", nargs="?", default="head")
    db.set_defaults(handler=cmd_db)

    deploy = sub.add_parser("scrapyd-deploy", help="upload the project egg to the SCRAPYD_URLS servers")
    deploy.add_argument("--egg", help="only write the egg to this file")
    deploy.set_defaults(handler=cmd_scrapyd_deploy)

    demo = sub.add_parser("demo", help="replay the May 2024 price war offline, then serve its pages and feeds")
    demo.add_argument("--no-serve", action="store_true", help="exit after the replay instead of serving the web")
    demo.set_defaults(handler=cmd_demo)
    return parser


# --- crawl -------------------------------------------------------------------------------


def cmd_crawl(args: argparse.Namespace) -> int:
    from app.crawl import run_crawl

    sources = select_sources(load_catalogue(args.sources), args.source_ids)
    if not sources:
        raise UsageError("no sources selected")
    if args.json:
        results = run_crawl(sources, timeout_s=get_settings().crawl_timeout_s)
    else:
        with console().status(f"crawling {len(sources)} source(s)…") as status:
            done: list[str] = []

            def progress(result) -> None:  # noqa: ANN001
                done.append(result.source_id)
                status.update(f"crawled {len(done)}/{len(sources)}: {result.source_id}")

            results = run_crawl(sources, timeout_s=get_settings().crawl_timeout_s, on_result=progress)
    if args.json:
        print(json.dumps([r.__dict__ for r in results], ensure_ascii=False))
    else:
        _print_crawl_summary(results)
    # A source skipped because another crawl of it is running is not a failure.
    failed = [r for r in results if not r.ok and not _skipped(r)]
    return 1 if failed and len(failed) == len(results) else 0


def _skipped(result) -> bool:  # noqa: ANN001
    return bool(result.error and result.error.startswith("skipped"))


def _print_crawl_summary(results) -> None:  # noqa: ANN001
    table = Table(title="crawl")
    for column in ("source", "status", "quotes", "events", "error"):
        table.add_column(column)
    for r in results:
        status = "[green]ok[/]" if r.ok else "[yellow]skipped[/]" if _skipped(r) else "[red]failed[/]"
        if r.ok and r.unchanged:
            status = "[green]unchanged[/]"
        table.add_row(r.source_id, status, str(r.quotes), ", ".join(r.events) or "-", r.error or "")
    console().print(table)


# --- parse -------------------------------------------------------------------------------

_FORMAT_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def fetch_text(target: str) -> tuple[str, str]:
    """(text, name) of a local file or an http(s) URL, decoded from whatever encoding it is in."""
    from urllib.request import Request, urlopen

    from pricewatch.news.article import decode

    if urlparse(target).scheme in ("http", "https"):
        request = Request(target, headers={"User-Agent": get_settings().user_agent})
        try:
            with urlopen(request, timeout=30) as response:  # noqa: S310 — the user asked for this URL
                body, content_type = response.read(), response.headers.get("Content-Type")
        except OSError as exc:
            raise UsageError(f"could not fetch {target}: {exc}") from None
        return decode(body, content_type), urlparse(target).path
    path = Path(target)
    if not path.is_file():
        raise UsageError(f"{target}: no such file")
    return decode(path.read_bytes()), path.name


def guess_format(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in _FORMAT_BY_SUFFIX:
        return _FORMAT_BY_SUFFIX[suffix]
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "openrouter-json" if '"data"' in stripped[:200] else "litellm-json"
    return "html" if stripped.startswith("<") else "markdown"


UNKNOWN_VENDOR = "unknown"


def cmd_parse(args: argparse.Namespace) -> int:
    text, name = fetch_text(args.target)
    fmt = args.fmt or guess_format(name, text)
    try:
        from pricewatch.readers.base import ReadContext, SourceFormat

        reader = SourceFormat.for_name(fmt, "pricing")
        # A saved page has no host to name its vendor: models no vendor table knows are read as "unknown"'s.
        unknown = None if args.vendor or "://" in args.target else UNKNOWN_VENDOR
        context = ReadContext(
            vendor=args.vendor, lang=args.lang, currency=args.currency, url=args.target, default_vendor=unknown
        )
        quotes = reader.read(text, context=context)
    except ValueError as exc:
        raise UsageError(f"{args.target}: {exc}") from None
    unnamed = sum(q.vendor == UNKNOWN_VENDOR for q in quotes)
    if unnamed:
        print(
            f"pricewatch: {unnamed} quote(s) of models no vendor is known for: name it with --vendor", file=sys.stderr
        )
    if not quotes:
        from pricewatch.readers.diagnose import page_problem

        print(f"pricewatch: no quote read from {args.target}: {page_problem(text, lang=args.lang)}", file=sys.stderr)
    if args.json:
        # --json is for programs: the empty list is the answer (exit 0); the reason still goes to stderr.
        print(json.dumps([q.to_json() for q in quotes], ensure_ascii=False))
        return 0
    if not quotes:
        return 1
    table = Table(title=f"{len(quotes)} quote(s) in {args.target}")
    for column in ("vendor", "model", "price_type", "tier", "per 1M tokens", "currency", "raw"):
        table.add_column(column)
    for q in quotes:
        table.add_row(
            q.vendor, q.model, q.price_type, q.tier or "", str(q.price_per_mtok), q.currency or "", q.raw[:40]
        )
    console().print(table)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from pricewatch.news.article import read_article
    from pricewatch.news.extract import extract_claims

    text, _ = fetch_text(args.target)
    lang = None if args.lang == "auto" else args.lang
    article = read_article(text, url=args.target if "://" in args.target else None, lang=lang)
    claims = extract_claims(article.full_text, lang=article.lang)
    if args.json:
        print(json.dumps([c.to_json() for c in claims], ensure_ascii=False))
        return 0
    table = Table(title=f"{len(claims)} claim(s) in {args.target} ({article.lang})")
    for column in ("vendor", "model", "kind", "type", "old → new per 1M", "currency", "condition"):
        table.add_column(column)
    for c in claims:
        prices = (
            f"{_fmt(_number(c.old_price))} → {_fmt(_number(c.new_price))}"
            if c.old_price is not None
            else _fmt(_number(c.new_price))
        )
        table.add_row(c.vendor or "", c.model, c.kind, c.price_type or "", prices, c.currency or "", c.condition or "")
    console().print(table)
    return 0


# --- events / history / sources ----------------------------------------------------------


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1, ASCII digits only."""
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def parse_since(text: str | None) -> datetime | None:
    from app.records import parse_since as parse

    try:
        return parse(text)
    except ValueError as error:
        raise UsageError(f"--since {error}") from None


def _number(value) -> float | None:  # noqa: ANN001
    return None if value is None else float(value)


def cmd_events(args: argparse.Namespace) -> int:
    from app.records import dump, event_records
    from storage.engine import new_session

    with new_session() as session:
        rows = dump(
            event_records(
                session=session,
                since=parse_since(args.since),
                vendor=args.vendor,
                model=args.model,
                kind=args.kind,
                limit=args.limit,
            )
        )
    emit(
        rows,
        as_json=args.json,
        title=f"{len(rows)} event(s), newest first",
        columns=[
            Column("when", lambda r: _minute(r["observed_at"])),
            Column("kind", lambda r: r["kind"]),
            Column("model", lambda r: " ".join(filter(None, [r["vendor"], r["model"]]))),
            Column("type", _price_type_and_tier),
            Column("old → new", lambda r: f"{_fmt(r['old_price'])} → {_fmt(r['new_price'])} {r['currency'] or ''}"),
            Column("change", lambda r: f"{r['change_pct']:+.1f}%" if r["change_pct"] is not None else ""),
            Column("source", lambda r: r["source"]),
        ],
    )
    return 0


def _minute(iso: str) -> str:
    """'2026-11-29T22:01:44.123+00:00' → '2026-11-29 22:01'."""
    return iso[:16].replace("T", " ")


def _price_type_and_tier(row: dict[str, object]) -> str:
    return " ".join(filter(None, [str(row["price_type"] or ""), row["tier"] and f"[{row['tier']}]"]))


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def cmd_history(args: argparse.Namespace) -> int:
    from app.records import dump, history_records
    from storage.engine import new_session

    with new_session() as session:
        data = dump(history_records(session=session, model=args.model, vendor=args.vendor))
    if args.limit:
        data = data[-args.limit :]  # the most recent N, still oldest first
    emit(
        data,
        as_json=args.json,
        title=f"history of {args.model}: {len(data)} observation(s)",
        columns=[
            Column("observed", lambda d: _minute(d["observed_at"])),
            Column("vendor", lambda d: d["vendor"]),
            Column("type", _price_type_and_tier),
            Column("per 1M tokens", lambda d: f"{d['price_per_mtok']:g} {d['currency']}"),
            Column("source", lambda d: d["source"]),
        ],
    )
    return 0


def source_rows(sources: list[Source]) -> list[dict[str, object]]:
    from app.records import dump, source_records

    return dump(source_records(sources))


def cmd_sources(args: argparse.Namespace) -> int:
    rows = source_rows(load_catalogue(args.sources))
    emit(
        rows,
        as_json=args.json,
        title=f"{len(rows)} source(s)",
        columns=[
            Column("id", lambda r: r["id"]),
            Column("kind", lambda r: r["kind"]),
            Column("vendor", lambda r: r["vendor"] or "*"),
            Column("last ok", lambda r: _minute(r["last_ok"]) if r["last_ok"] else "never"),
            Column("failures", lambda r: r["consecutive_failures"]),
            Column("next run", lambda r: _minute(str(r["next_run"]))),
            Column(
                "state",
                lambda r: (
                    r["last_error"]
                    or (f"moved permanently to {r['moved_to']}: update the entry" if r["moved_to"] else "ok")
                ),
            ),
        ],
    )
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    import asyncio

    from app.service import Service

    if args.verbose == 0:
        for name in ("app.service", "app.notifiers"):
            logging.getLogger(name).setLevel(logging.INFO)
        logging.getLogger().handlers[0].setLevel(logging.INFO)
    path = Path(args.sources) if args.sources else None
    service = Service(sources_path=path, notifier_options={"alert_log": args.alert_log})
    return asyncio.run(service.run())


def cmd_db(args: argparse.Namespace) -> int:
    from sqlalchemy import create_engine

    from storage.engine import database_url
    from storage.migrate import current_revision, upgrade

    engine = create_engine(database_url())
    if args.action == "upgrade":
        upgrade(engine, args.revision)
    print(current_revision(engine) or "empty")
    return 0


def cmd_scrapyd_deploy(args: argparse.Namespace) -> int:
    from app.scrapyd import ScrapydError, build_egg, deploy, parse_servers

    if args.egg:
        egg, version = build_egg()
        Path(args.egg).write_bytes(egg)
        print(f"{args.egg}: {PROJECT_NAME} {version}")
        return 0
    servers = parse_servers(get_settings().scrapyd_urls)
    if not servers:
        raise UsageError("SCRAPYD_URLS is not set")
    try:
        version = deploy(servers)
    except ScrapydError as error:
        raise UsageError(str(error)) from None
    print(f"deployed {PROJECT_NAME} {version} to {', '.join(servers)}")
    return 0


PROJECT_NAME = "pricewatch"


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import run_demo

    return run_demo(console(), serve=not args.no_serve)


def port_number(text: str) -> int:
    """argparse type: 0 (any free port) to 65535."""
    if not (text.isascii() and text.isdigit()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535)")
    return int(text)


def cmd_serve(args: argparse.Namespace) -> int:
    import asyncio

    from app.web.server import create_app
    from app.web.serving import WebServer

    sources = load_catalogue(args.sources)  # a bad catalogue is told now, not on the first /api/sources
    host = args.host or get_settings().pricewatch_web_host
    try:
        server = WebServer(create_app(catalogue=lambda: sources), host=host, port=args.port)
    except OSError as error:
        raise UsageError(f"cannot listen on {host}:{args.port}: {error.strerror or error}") from None
    print(f"pricewatch: serving {server.url}/ (feeds {server.url}/feed.atom, API docs {server.url}/docs)", flush=True)
    asyncio.run(server.serve_until_signalled())
    return 0


if __name__ == "__main__":
    sys.exit(main())
