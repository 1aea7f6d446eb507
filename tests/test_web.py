"""The read-only web: feeds that validate, conditional requests, an API equal to the CLI's --json, 4xx on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from xml.etree import ElementTree as ET

import feedparser
import pytest
from fastapi.testclient import TestClient

from app.web.server import create_app
from pricewatch.catalogue import load_catalogue
from pricewatch.quotes import Quote
from storage.crawls import Fetched, record_crawl
from storage.engine import new_session

ATOM = "{http://www.w3.org/2005/Atom}"
T0 = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
T1 = datetime(2024, 5, 21, 8, 0, tzinfo=UTC)
EVIL = "evil<script>alert(1)</script>"


def page(source: str, vendor: str, currency: str, content: str, prices: dict[str, tuple[str, str]]) -> Fetched:
    quotes = [
        Quote(vendor, model, price_type, None, Decimal(amount), currency, amount)
        for model, pair in prices.items()
        for price_type, amount in zip(("input", "output"), pair, strict=True)
    ]
    return Fetched(source_id=source, url=f"https://example.com/{source}", quotes=quotes, content_hash=content)


def crawl_price_war() -> None:
    """Two readings of two vendors: cuts, a model made free, a new model, and a name that is an HTML attack."""
    with new_session() as session:
        for fetched, when in [
            (page("ds", "deepseek", "CNY", "a", {"deepseek-chat": ("2", "8"), "deepseek-coder": ("2", "8")}), T0),
            (page("oa", "openai", "USD", "a", {"gpt-4o": ("5", "15"), EVIL: ("1", "2")}), T0),
            (page("ds", "deepseek", "CNY", "b", {"deepseek-chat": ("1", "2"), "deepseek-coder": ("0", "0")}), T1),
            (
                page(
                    "oa",
                    "openai",
                    "USD",
                    "b",
                    {"gpt-4o": ("2.5", "10"), EVIL: ("1", "3"), "gpt-4o-mini": ("0.15", "0.6")},
                ),
                T1 + timedelta(hours=1),
            ),
        ]:
            record_crawl(session=session, fetched=fetched, now=when)


@pytest.fixture
def client(database_url, tmp_path, monkeypatch):
    crawl_price_war()
    catalogue = tmp_path / "sources.toml"
    catalogue.write_text(
        '[[source]]\nid = "ds"\nkind = "pricing"\nvendor = "deepseek"\nurl = "https://example.com/ds"\n\n'
        '[[source]]\nid = "oa"\nkind = "pricing"\nvendor = "openai"\nurl = "https://example.com/oa"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("PRICEWATCH_SOURCES", str(catalogue))
    with TestClient(create_app(catalogue=lambda: load_catalogue(catalogue))) as test_client:
        yield test_client


def test_atom_feed_parses_validates_and_keeps_its_ids(client):
    first, second = client.get("/feed.atom"), client.get("/feed.atom")
    assert first.status_code == 200 and first.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(first.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(first.content)
    for required in ("id", "title", "updated", "author"):  # RFC 4287 §4.1.1 (author: no entry lacks one either)
        assert root.find(f"{ATOM}{required}") is not None, required
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(parsed.entries) == 9
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.find(f"{ATOM}{required}").text or "").strip(), required
    assert [e.id for e in parsed.entries] == [e.id for e in feedparser.parse(second.content).entries]
    assert len({e.id for e in parsed.entries}) == 9
    newest = parsed.entries[0]
    assert newest.updated_parsed[:4] == (2024, 5, 21, 9)  # newest first
    titles = [e.title for e in parsed.entries]
    assert "deepseek-chat · input CNY 2 → CNY 1 per 1M tokens (−50%)" in titles
    chat = parsed.entries[titles.index("deepseek-chat · input CNY 2 → CNY 1 per 1M tokens (−50%)")]
    assert chat.link.endswith("/models/deepseek-chat")
    assert any(link.href == "https://example.com/ds" for link in chat.links)


def test_json_feed_has_every_required_field_and_the_facts(client):
    response = client.get("/feed.json")
    assert response.headers["content-type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and isinstance(feed["items"], list) and len(feed["items"]) == 9
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert item.get("content_text") or item.get("content_html")
        assert datetime.fromisoformat(item["date_published"]).tzinfo is not None
    free = [i for i in feed["items"] if i["_pricewatch"]["kind"] == "now_free"]
    assert {i["_pricewatch"]["model"] for i in free} == {"deepseek-coder"}
    assert free[0]["title"].startswith("deepseek-coder · NOW FREE: ")
    assert free[0]["_pricewatch"]["old_price"] in (2.0, 8.0) and free[0]["_pricewatch"]["currency"] == "CNY"
    assert [i["id"] for i in feed["items"]] == [i["id"] for i in client.get("/feed.json").json()["items"]]


@pytest.mark.parametrize(
    ("query", "expected_models"),
    [
        ("vendor=deepseek", {"deepseek-chat", "deepseek-coder"}),
        ("vendor=深度求索", {"deepseek-chat", "deepseek-coder"}),  # any name the vendor goes by
        ("model=GPT-4o", {"gpt-4o"}),
        ("kind=price_cut", {"deepseek-chat", "gpt-4o"}),
        ("kind=new_model", {"gpt-4o-mini"}),
        ("kind=price_cut&min_cut=60", {"deepseek-chat"}),  # output 8 → 2 is −75%
        ("min_cut=60", {"deepseek-chat", "deepseek-coder"}),  # made free counts as a cut of any size
    ],
    ids=["vendor", "vendor-name", "model", "kind", "new-model", "kind-and-min-cut", "min-cut-with-free"],
)
def test_feed_filters(client, query, expected_models):
    items = client.get(f"/feed.json?{query}").json()["items"]
    assert {i["_pricewatch"]["model"] for i in items} == expected_models


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", ["输入", "元", "每百万tokens"]), ("ja", ["入力", "元", "100万トークンあたり"]), ("en", ["input", "CNY"])],
    ids=["zh", "ja", "en"],
)
def test_feed_titles_in_the_asked_language(client, lang, words):
    titles = [i["title"] for i in client.get(f"/feed.json?vendor=deepseek&lang={lang}").json()["items"]]
    assert all(any(w in t for t in titles) for w in words), titles


def test_conditional_requests_get_304_until_something_changes(client):
    first = client.get("/feed.atom")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert modified == "Tue, 21 May 2024 09:00:00 GMT"
    assert client.get("/feed.atom", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/feed.atom", headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/feed.json", headers={"If-None-Match": etag}).status_code == 200  # another document
    with new_session() as session:
        record_crawl(
            session=session,
            fetched=page("ds", "deepseek", "CNY", "c", {"deepseek-chat": ("0.5", "2"), "deepseek-coder": ("0", "0")}),
            now=T1 + timedelta(days=3),
        )
    changed = client.get("/feed.atom", headers={"If-None-Match": etag, "If-Modified-Since": modified})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def cli_json(*args: str) -> object:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", *args, "--json"], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(result.stdout)


def test_api_answers_what_the_cli_prints(client, monkeypatch):
    assert client.get("/api/events").json() == cli_json("events")
    assert client.get("/api/events?vendor=openai&limit=2").json() == cli_json(
        "events", "--vendor", "openai", "--limit", "2"
    )
    assert client.get("/api/history/deepseek-chat").json() == cli_json("history", "deepseek-chat")

    def without_next_run(rows: list[dict[str, object]]) -> list[dict[str, object]]:
        # next_run of an overdue source is "now" at the moment of asking: present in both, equal but for that.
        assert all(datetime.fromisoformat(str(r.pop("next_run"))) for r in rows)
        return rows

    assert without_next_run(client.get("/api/sources").json()) == without_next_run(cli_json("sources"))
    prices = client.get("/api/prices?vendor=deepseek").json()
    assert {(p["model"], p["price_type"], p["price_per_mtok"]) for p in prices} == {
        ("deepseek-chat", "input", 1.0),
        ("deepseek-chat", "output", 2.0),
        ("deepseek-coder", "input", 0.0),
        ("deepseek-coder", "output", 0.0),
    }
    one = client.get("/api/events").json()[0]
    assert client.get(f"/api/events/{one['id']}").json() == one
    assert "/api/events" in client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/events?limit=501", 400, "limit"),
        ("/api/events?limit=0", 400, "limit"),
        ("/api/events?limit=ten", 400, "limit"),
        ("/api/events?since=yesterday", 400, "since"),
        ("/api/events?kind=cheaper", 400, "kind"),
        ("/api/events/999999", 404, "no event"),
        ("/api/history/no-such-model", 404, "no-such-model"),
        ("/feed.atom?lang=fr", 400, "lang"),
        ("/feed.json?kind=source_broken", 400, "kind"),
        ("/feed.json?min_cut=0", 400, "min_cut"),
        ("/models/no-such-model", 404, "no-such-model"),
        ("/vendors/nobody", 404, "nobody"),
        ("/nowhere", 404, "/nowhere"),
    ],
    ids=lambda v: str(v),
)
def test_bad_input_is_a_4xx_with_a_one_line_json_error(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    error = response.json()["error"]
    assert words in error and "\n" not in error


def test_pages_escape_what_the_database_holds(client):
    html_headers = {"Accept": "text/html"}
    for url in ("/", "/vendors/openai", f"/models/{EVIL}"):
        page_html = client.get(url, headers=html_headers).text
        assert "<script>alert(1)" not in page_html
        assert "&lt;script&gt;" in page_html or "%3Cscript%3E" in page_html, url
    missing = client.get("/models/gpt-4", headers=html_headers)
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "gpt-4o" in missing.text  # a suggestion


def test_pages_follow_the_visitors_language(client):
    assert "当前价格" in client.get("/models/deepseek-chat", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).text
    assert "現在の料金" in client.get("/models/deepseek-chat", headers={"Accept-Language": "fr,ja;q=0.5"}).text
    assert "Current prices" in client.get("/models/deepseek-chat?lang=en", headers={"Accept-Language": "ja"}).text
    svg = client.get("/models/deepseek-chat").text
    assert svg.count('class="series"') == 2  # input and output, in the one currency


def test_litellm_map_has_usd_prices_and_converts_only_with_a_rate(client, monkeypatch):
    prices = client.get("/api/prices.litellm.json").json()
    assert prices["openai/gpt-4o"] == prices["gpt-4o"]
    assert prices["gpt-4o"]["input_cost_per_token"] == pytest.approx(2.5e-6)
    assert prices["gpt-4o"]["output_cost_per_token"] == pytest.approx(1e-5)
    assert prices["gpt-4o"]["litellm_provider"] == "openai"
    assert "deepseek-chat" not in prices  # CNY, and no rate given
    monkeypatch.setenv("PRICEWATCH_FX", "CNY=0.14@2024-05-20")
    converted = client.get("/api/prices.litellm.json").json()["deepseek/deepseek-chat"]
    assert converted["input_cost_per_token"] == pytest.approx(0.14e-6)
    assert (converted["pricewatch_fx_rate"], converted["pricewatch_fx_date"]) == (0.14, "2024-05-20")
    monkeypatch.setenv("PRICEWATCH_FX", "CNY=cheap")
    assert client.get("/api/prices.litellm.json").status_code == 503


def test_alerts_link_model_pages_when_the_web_is_public():
    from bot.render import alert_parts
    from bot.sender import OutboxSender
    from storage.models import Event

    event = Event(
        kind="price_cut", source_id="ds", vendor="deepseek", model="deepseek-chat", price_type="input",
        old_price=Decimal(2), new_price=Decimal(1), currency="CNY", change_pct=-50.0, observed_at=T1,
    )  # fmt: skip
    sender = OutboxSender(bot=None, public_url="https://prices.example.org/")  # type: ignore[arg-type]
    [text] = alert_parts([event], "en", model_link=sender.model_link)
    assert '<a href="https://prices.example.org/models/deepseek-chat"><b>deepseek-chat</b></a>' in text
    assert "href" not in alert_parts([event], "en")[0].split("\n")[1]  # no public web: no link
