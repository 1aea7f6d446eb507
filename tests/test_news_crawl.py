"""News end to end: the real Yahoo feed through the loopback server, articles in several encodings, storage."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from app.crawl import run_crawl
from pricewatch.catalogue import load_catalogue
from pricewatch.news.article import canonical_url, read_article
from pricewatch.news.extract import extract_claims
from pricewatch.quotes import Quote
from storage.crawls import Fetched, record_crawl
from storage.engine import new_session
from storage.models import Article, Event, utcnow
from storage.news import event_sources, record_article
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow  # real crawls, processes or servers: `pytest -m 'not slow'` skips them

ARTICLES = FIXTURES / "articles"
# Fifty articles from one loopback host: no need to be polite to ourselves.
FAST = {"AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 16}


def _serve_feed(corpus, server) -> list[str]:
    """The real feed with its article links pointed at the loopback server; returns the article paths."""
    feed = (corpus / "feeds" / "yahoo_news_it_ja.xml").read_text(encoding="utf-8")
    feed = feed.replace("https://news.yahoo.co.jp/articles/", server.url("articles/"))
    (server.root / "feed.xml").write_text(feed, encoding="utf-8")
    (server.root / "articles").mkdir()
    return re.findall(r"/articles/([0-9a-f]{40})\?source=rss", feed)


def _catalogue(tmp_path, server):
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[source]]\nid = "yahoo-it"\nkind = "news"\nformat = "rss"\nlang = "ja"\nurl = "{server.url("feed.xml")}"\n'
    )
    return load_catalogue(path)


def test_feed_articles_claims_and_no_refetch(tmp_path, page_server, database_url, corpus):
    ids = _serve_feed(corpus, page_server)
    assert len(ids) == 50
    shutil.copy(ARTICLES / "ja_o3_shift_jis.html", page_server.root / "articles" / ids[0])
    shutil.copy(ARTICLES / "zh_qwen_gbk.html", page_server.root / "articles" / ids[1])
    (page_server.root / "articles" / ids[2]).write_text(
        "<html><body><article><h1>新型スマホ発表</h1><p>新しいスマートフォンが発表された。</p></article></body></html>"
    )
    sources = _catalogue(tmp_path, page_server)
    [result] = run_crawl(sources, scrapy_settings=FAST)
    assert result.ok and result.quotes == 4
    assert sorted(result.events) == ["reported_price_cut"] * 4
    with new_session() as session:
        articles = session.exec(select(Article)).all()
        events = session.exec(select(Event).where(Event.model == "o3")).all()
        assert {a.claim_count for a in articles} == {0, 2}
        assert {(e.price_type, e.new_price, e.old_price) for e in events} == {("input", 2, 10), ("output", 8, 40)}
        assert event_sources(session=session, event_id=events[0].id) == [
            canonical_url(page_server.url(f"articles/{ids[0]}"))
        ]
    served = {f"/articles/{i}" for i in ids[:3]}
    fetched_before = sum(1 for path, _ in page_server.requests if path in served)
    [again] = run_crawl(sources, scrapy_settings=FAST)
    assert again.ok and again.events == []
    assert sum(1 for path, _ in page_server.requests if path in served) == fetched_before == 3


def test_broken_feed_is_a_source_failure(tmp_path, page_server, database_url):
    (page_server.root / "feed.xml").write_text("<html><body>Service unavailable</body></html>")
    [result] = run_crawl(_catalogue(tmp_path, page_server))
    assert not result.ok and "not an RSS" in result.error


def _article(path):
    from pricewatch.news.article import decode

    return read_article(decode(path.read_bytes()))


def test_same_story_twice_is_one_reported_event_with_both_sources(database_url):
    first = _article(ARTICLES / "zh_qwen_utf-8.html")
    retold = read_article(
        "阿里云Qwen-Long大降价\n\n阿里云今日宣布，Qwen-Long的API输入价格从0.02元/千tokens降至0.0005元/千tokens。"
    )
    with new_session() as session:
        a = record_article(
            session=session,
            source_id="it-home",
            url="https://a.test/1",
            article=first,
            claims=extract_claims(first.full_text),
        )
        copy = record_article(
            session=session,
            source_id="36kr",
            url="https://b.test/copy",
            article=first,
            claims=extract_claims(first.full_text),
        )
        b = record_article(
            session=session,
            source_id="36kr",
            url="https://b.test/2",
            article=retold,
            claims=extract_claims(retold.full_text),
        )
        assert sorted(a.events) == ["reported_price_cut", "reported_price_cut"]
        assert not copy.stored and copy.duplicate_of == "https://a.test/1"
        assert b.stored and b.events == []
        event = session.exec(select(Event).where(Event.price_type == "input")).one()
        assert event_sources(session=session, event_id=event.id) == ["https://a.test/1", "https://b.test/2"]


# An article and a pricing page telling the same cut: Qwen-Long's input from 20 to 0.5 元 per 1M tokens.
QWEN_LONG_CUT = "Qwen-Long降价\n\n阿里云宣布Qwen-Long的API输入价格从0.02元/千tokens降至0.0005元/千tokens。"


def _report_the_cut(session, **when):  # noqa: ANN001, ANN003, ANN202
    news = read_article(QWEN_LONG_CUT)
    claims = extract_claims(news.full_text)
    return record_article(
        session=session, source_id="news", url="https://n.test/1", article=news, claims=claims, **when
    )


def _page_shows_the_cut(session, source: str = "bailian") -> None:  # noqa: ANN001
    for price, content_hash in (("20", "1"), ("0.5", "2")):
        quote = Quote("alibaba", "qwen-long", "input", None, Decimal(price), "CNY", price)
        record_crawl(
            session=session, fetched=Fetched(source, f"https://{source}.test", [quote], content_hash=content_hash)
        )


def test_reported_event_is_linked_to_the_pricing_page_event(database_url):
    with new_session() as session:
        _report_the_cut(session, now=utcnow() - timedelta(days=1))
        _page_shows_the_cut(session)
        reported = session.exec(select(Event).where(Event.kind == "reported_price_cut")).one()
        observed = session.exec(select(Event).where(Event.kind == "price_cut")).one()
        assert reported.linked_event_id == observed.id and observed.linked_event_id == reported.id


def test_a_reported_event_is_linked_to_the_first_page_that_shows_it_only(database_url):
    """A second page showing the same cut later (a reseller's, another region's) finds the report linked already."""
    with new_session() as session:
        _report_the_cut(session, now=utcnow() - timedelta(days=1))
        _page_shows_the_cut(session, "bailian")
        _page_shows_the_cut(session, "bailian-intl")
        reported = session.exec(select(Event).where(Event.kind == "reported_price_cut")).one()
        first, second = session.exec(select(Event).where(Event.kind == "price_cut").order_by(Event.id)).all()
        assert (reported.linked_event_id, first.linked_event_id, second.linked_event_id) == (
            first.id,
            reported.id,
            None,
        )


def test_a_change_seen_on_the_page_first_is_not_announced_again_by_the_news(database_url):
    """Told once: the page's cut is alerted; the article telling the same cut later links to it, no second alert."""
    from storage.models import OutboxMessage, Subscription

    with new_session() as session:
        session.add(Subscription(chat_id="1001"))
        session.commit()
        _page_shows_the_cut(session)
        alerted = len(session.exec(select(OutboxMessage)).all())
        report = _report_the_cut(session)
        assert report.events == ["reported_price_cut"]  # stored and linked…
        reported = session.exec(select(Event).where(Event.kind == "reported_price_cut")).one()
        assert reported.linked_event_id is not None
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert alerted == 1 and len(rows) == 2  # …not announced twice: the alert gets a reply instead
        assert rows[1].group_key.endswith(f":also:{rows[0].id}") and rows[1].event_ids == str(reported.id)
