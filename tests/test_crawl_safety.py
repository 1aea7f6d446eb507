"""The crawler against hostile and broken servers on loopback: URL policy, redirects, size caps, zero pages."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import select

from app.crawl import run_crawl
from pricewatch.catalogue import load_catalogue
from pricewatch.urlpolicy import private_kind, refusal
from storage.engine import new_session
from storage.models import Article, Event
from tests.mockserver import MockServer, Reply, gzip_bomb

pytestmark = pytest.mark.slow  # real crawls, processes or servers: `pytest -m 'not slow'` skips them

PAGE = (
    "<html><body><h2>Pricing</h2><table><tr><th>Model</th><th>Input ($/1M tokens)</th>"
    "<th>Output ($/1M tokens)</th></tr>{rows}</table></body></html>"
)
MODELS = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3"]


def pricing_page(prices: list[str]) -> bytes:
    rows = "".join(f"<tr><td>{m}</td><td>{p}</td><td>{p}</td></tr>" for m, p in zip(MODELS, prices, strict=True))
    return PAGE.format(rows=rows).encode()


GOOD = pricing_page(["$2.50", "$0.15", "$2.00", "$2.00"])


def write_catalogue(tmp_path: Path, entries: dict[str, str], kind: str = "pricing") -> Path:
    body = "".join(
        f'[[source]]\nid = "{source_id}"\nkind = "{kind}"\nvendor = "openai"\nurl = "{url}"\nobey_robots = false\n\n'
        for source_id, url in entries.items()
    )
    path = tmp_path / "sources.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def server():
    with MockServer() as mock:
        yield mock


@pytest.fixture
def canary():
    """Another loopback port: a host the catalogue never named. Nothing may reach it."""
    with MockServer() as mock:
        yield mock


# --- the policy itself, no traffic -----------------------------------------------------------

POLICY = [
    ("file:///proc/self/environ", "scheme 'file'"),
    ("gopher://127.0.0.1:70/", "scheme 'gopher'"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://127.0.0.1:9/admin", "loopback"),
    ("http://[::1]:8080/", "loopback"),
    ("http://10.0.0.8/intranet", "private"),
    ("http://224.0.0.1/", "multicast"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://metadata.internal/", "link-local"),  # a name that resolves to a link-local address
]


@pytest.mark.parametrize(("url", "reason"), POLICY, ids=[u for u, _ in POLICY])
def test_policy_refuses_links_to_private_places(url, reason):
    def resolve(host: str) -> list[str]:
        return {"metadata.internal": ["169.254.169.254"]}.get(host, ["93.184.215.14"])

    refused = refusal(url, source_url="https://news.example/feed.xml", allow_private=False, resolve=resolve)
    assert refused and reason in refused


def test_policy_allows_the_sources_own_origin_and_public_hosts():
    def resolve(host: str) -> list[str]:
        return ["93.184.215.14"]

    own = "http://127.0.0.1:8000/feed.xml"
    assert refusal("http://127.0.0.1:8000/a/1.html", source_url=own, allow_private=False, resolve=resolve) is None
    assert refusal("http://127.0.0.1:8001/a/1.html", source_url=own, allow_private=False, resolve=resolve)
    assert refusal("http://127.0.0.1:8001/a/1.html", source_url=own, allow_private=True, resolve=resolve) is None
    assert refusal("https://news.example/a.html", source_url=own, allow_private=False, resolve=resolve) is None
    assert private_kind("::ffff:127.0.0.1") == "loopback"


# --- real crawls against the misbehaving server ----------------------------------------------


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_hostile_pricing_servers(tmp_path, server, canary, database_url):
    """One crawl, one misbehaviour per source: each gives a clear failure or a good read, never a hang."""
    server.route("page.html", Reply(body=GOOD, headers={"Content-Type": "text/html"}))
    server.redirect("moved", server.url("hop"), 301)
    server.redirect("hop", server.url("page.html"), 302)
    server.redirect("loop", server.url("loop"), 302)
    server.redirect("elsewhere", canary.url("page.html"), 302)
    canary.route("page.html", Reply(body=GOOD))
    server.route("huge.html", Reply(stream_bytes=50 << 20, headers={"Content-Type": "text/html"}))
    server.route(
        "bomb.html", Reply(body=gzip_bomb(), headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    )
    busy = iter([Reply(503, b"busy", {"Retry-After": "1"})])
    server.route("busy.html", lambda: next(busy, Reply(body=GOOD, headers={"Content-Type": "text/html"})))
    path = write_catalogue(
        tmp_path,
        {
            "moved": server.url("moved"),
            "loop": server.url("loop"),
            "elsewhere": server.url("elsewhere"),
            "huge": server.url("huge.html"),
            "bomb": server.url("bomb.html"),
            "busy": server.url("busy.html"),
        },
    )
    started = time.monotonic()
    results = {r.source_id: r for r in run_crawl(load_catalogue(path), timeout_s=120)}
    assert time.monotonic() - started < 90
    assert results["moved"].ok and results["moved"].quotes == 8
    assert not results["loop"].ok and "too many redirects" in results["loop"].error
    assert not results["elsewhere"].ok and "refused by the URL policy" in results["elsewhere"].error
    assert canary.requests == []
    assert not results["huge"].ok and results["huge"].error.startswith("too large")
    assert not results["bomb"].ok and results["bomb"].error.startswith("too large")
    assert results["busy"].ok and server.requests.count("/busy.html") == 2
    with new_session() as session:
        assert session.exec(select(Event)).all() == []  # no price event from any of them
    listed = subprocess.run(
        [sys.executable, "-m", "app.cli", "sources", "--sources", str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    moved = next(row for row in json.loads(listed.stdout) if row["id"] == "moved")
    assert moved["moved_to"] == server.url("page.html")


def test_a_page_whose_prices_all_read_zero_is_a_health_failure(tmp_path, server, database_url):
    server.route("page.html", Reply(body=GOOD, headers={"Content-Type": "text/html"}))
    path = write_catalogue(tmp_path, {"placeholder": server.url("page.html")})
    [first] = run_crawl(load_catalogue(path))
    assert first.ok
    server.route("page.html", Reply(body=pricing_page(["$0.00", "Free", "$0", "Free"])))
    [second] = run_crawl(load_catalogue(path))
    assert not second.ok and "every price went to zero" in second.error
    server.route("page.html", Reply(body=GOOD))
    [third] = run_crawl(load_catalogue(path))
    assert third.ok and third.events == []  # back to the same prices: nothing to tell
    with new_session() as session:
        assert {e.kind for e in session.exec(select(Event)).all()} <= {"source_broken", "source_recovered"}


def test_one_model_made_free_still_alerts(tmp_path, server, database_url):
    server.route("page.html", Reply(body=GOOD, headers={"Content-Type": "text/html"}))
    path = write_catalogue(tmp_path, {"one-free": server.url("page.html")})
    assert run_crawl(load_catalogue(path))[0].ok
    server.route("page.html", Reply(body=pricing_page(["$2.50", "Free", "$2.00", "$2.00"])))
    [second] = run_crawl(load_catalogue(path))
    assert second.ok and second.events.count("now_free") == 2


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_feed_links_to_files_and_other_ports_are_never_fetched(tmp_path, server, canary, database_url):
    article = (
        "<html><head><title>DeepSeek cuts prices</title></head><body><article><p>"
        + ("DeepSeek-V3 input now costs 1 yuan per million tokens. " * 5)
        + "</p></article></body></html>"
    )
    server.route("a/1.html", Reply(body=article.encode(), headers={"Content-Type": "text/html"}))
    canary.route("secret", Reply(body=b"<html><title>secret</title></html>"))
    items = [server.url("a/1.html"), "file:///proc/self/environ", canary.url("secret"), "http://[::1]:1/x"]
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        + "".join(f"<item><title>n{i}</title><link>{link}</link></item>" for i, link in enumerate(items))
        + "</channel></rss>"
    )
    server.route("feed.xml", Reply(body=feed.encode(), headers={"Content-Type": "application/rss+xml"}))
    path = write_catalogue(tmp_path, {"feed": server.url("feed.xml")}, kind="news")
    run_crawl(load_catalogue(path))
    assert canary.requests == []
    assert server.requests.count("/a/1.html") == 1
    with new_session() as session:
        titles = [a.title for a in session.exec(select(Article)).all()]
    assert titles == ["DeepSeek cuts prices"]
    assert not any("TELEGRAM" in t or "DATABASE_URL" in t for t in titles)


def test_an_unwritable_database_is_pricewatchs_error_not_the_sources(tmp_path, server, database_url):
    server.route("page.html", Reply(body=GOOD, headers={"Content-Type": "text/html"}))
    path = write_catalogue(tmp_path, {"fine": server.url("page.html")})
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    [result] = run_crawl(load_catalogue(path), database_url=f"sqlite:///{blocker}/pricewatch.db", timeout_s=120)
    assert not result.ok and result.error.startswith("pricewatch error, not counted against the source")


def test_crawl_processes_get_no_bot_token(monkeypatch):
    from app.crawl import crawl_environment

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:SECRET")
    monkeypatch.setenv("TELEGRAM_CHANNEL_ID", "@prices")
    env = crawl_environment("sqlite:///x.db")
    assert env["TELEGRAM_BOT_TOKEN"] == "" and "SECRET" not in "".join(env.values())
    assert env["TELEGRAM_ALERTS"] == "1" and env["TELEGRAM_CHANNEL_ID"] == "@prices"  # alerts are still queued
