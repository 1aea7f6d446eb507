"""Each spider declares its own pipelines: pricing pages and news articles never pass through each other's."""

from __future__ import annotations

import fcntl
import json
import logging
from datetime import timedelta
from pathlib import Path

import pytest
from scrapy.settings import Settings
from sqlmodel import select

from pricewatch.catalogue import Source
from pricewatch.settings import NOBODY
from spiders.items import PageItem
from spiders.pipelines.offload import OffloadPipeline, WorkerLost, _store
from spiders.pipelines.read import ReadPipeline
from spiders.pipelines.store import StorePipeline
from spiders.spiders.news import NewsSpider
from spiders.spiders.pricing import FOLLOW_UP_MIDDLEWARES, PricingSpider
from storage.crawls import KnownSources
from storage.engine import new_session
from storage.models import Snapshot
from tests.conftest import fail_storing


def pipelines_of(spider: type, **settings: object) -> set[str]:
    crawl_settings = Settings()
    crawl_settings.setmodule("spiders.settings", priority="project")
    for key, value in settings.items():
        crawl_settings.set(key, value, priority="cmdline")
    spider.update_settings(crawl_settings)
    return set(crawl_settings.getdict("ITEM_PIPELINES"))


@pytest.mark.parametrize(
    ("spider", "settings", "expected"),
    [
        (PricingSpider, {}, {"spiders.pipelines.read.ReadPipeline", "spiders.pipelines.store.StorePipeline"}),
        (PricingSpider, {"PRICEWATCH_PROCESS_WORKERS": 2}, {"spiders.pipelines.offload.OffloadPipeline"}),
        (
            NewsSpider,
            {"PRICEWATCH_PROCESS_WORKERS": 2},
            {"spiders.pipelines.news_read.NewsReadPipeline", "spiders.pipelines.news_store.NewsStorePipeline"},
        ),
    ],
    ids=["pricing", "pricing-with-worker-processes", "news"],
)
def test_each_spider_declares_its_pipelines(spider, settings, expected):
    assert pipelines_of(spider, **settings) == expected


def test_the_pricing_spider_keeps_only_the_spider_middlewares_it_uses():
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    PricingSpider.update_settings(settings)
    enabled = {name for name, order in settings.getwithbase("SPIDER_MIDDLEWARES").items() if order is not None}
    assert "scrapy.spidermiddlewares.httperror.HttpErrorMiddleware" in enabled  # it reads 304s and error statuses
    assert not enabled & set(FOLLOW_UP_MIDDLEWARES)  # it yields no requests from a page


PAGE = (
    "<html><body><p>Prices per 1M tokens.</p><table><tr><th>Model</th><th>Input</th><th>Output</th></tr>"
    "<tr><td>gpt-4o</td><td>${}</td><td>$10.00</td></tr></table></body></html>"
)


def page_item(source_id: str, *, price: str | None = None, unchanged: bool = False) -> PageItem:
    source = Source(
        source_id, "pricing", f"http://127.0.0.1:1/{source_id}", "html", timedelta(hours=1), vendor="openai"
    )
    text = PAGE.format(price) if price else None
    return PageItem(source=source, status=304 if unchanged else 200, text=text, unchanged=unchanged, content_hash=price)


def run_pipeline(make_pipeline, url: str, report: Path, items: list[PageItem]) -> list[dict]:  # noqa: ANN001
    pipeline = make_pipeline(url, str(report))
    pipeline.open_spider()
    for item in items:
        if isinstance(pipeline, StorePipeline):  # in-process, the read pipeline runs first
            item = ReadPipeline().process_item(item)
        pipeline.process_item(item)
    pipeline.close_spider()
    return [json.loads(line) for line in report.read_text().splitlines()]


@pytest.mark.parametrize(
    "make_pipeline",
    [
        lambda url, report: StorePipeline(url, report),
        # the URL given, not the environment: a forkserver started by an earlier test keeps that test's
        lambda url, report: OffloadPipeline(url, report, workers=1),
    ],
    ids=["in-process", "worker-process"],
)
def test_unchanged_pages_are_batched_and_every_source_reported(database_url, tmp_path, make_pipeline):
    """Changed pages are stored one by one; unchanged ones wait for one transaction; each source gets its line."""
    first = run_pipeline(
        make_pipeline,
        database_url,
        tmp_path / "first.jsonl",
        [page_item("a", price="2.50"), page_item("b", price="2.50")],
    )
    assert sorted((r["source_id"], r["ok"], r["quotes"]) for r in first) == [("a", True, 2), ("b", True, 2)]
    items = [page_item("a", price="1.25"), page_item("b", unchanged=True)]
    second = {r["source_id"]: r for r in run_pipeline(make_pipeline, database_url, tmp_path / "second.jsonl", items)}
    assert second["a"]["events"] == ["price_cut"] and not second["a"]["unchanged"]
    assert second["b"]["unchanged"] and second["b"]["ok"] and second["b"]["quotes"] == 2
    with new_session() as session:
        snapshots = session.exec(select(Snapshot)).all()
    assert sorted(s.source_id for s in snapshots) == ["a", "a", "b"]
    [b] = [s for s in snapshots if s.source_id == "b"]
    assert b.last_seen_at > b.taken_at  # the batch moved 'last seen' of the unchanged page


def test_a_crawl_where_nothing_changed_starts_no_worker(database_url, tmp_path):
    """Unchanged pages are recorded in the crawl process: no forkserver, no worker for them."""
    run_pipeline(
        lambda url, report: OffloadPipeline(url, report),
        database_url,
        tmp_path / "a.jsonl",
        [page_item("a", price="2.50")],
    )
    pipeline = OffloadPipeline(database_url, str(tmp_path / "b.jsonl"))
    pipeline.open_spider()
    pipeline.process_item(page_item("a", unchanged=True))
    pipeline.close_spider()
    assert pipeline.processes == []
    [line] = [json.loads(line) for line in (tmp_path / "b.jsonl").read_text().splitlines()]
    assert line["source_id"] == "a" and line["unchanged"]


@pytest.mark.sqlite_enough  # the database only keeps the outcome
@pytest.mark.skipif(not hasattr(fcntl, "F_GETPIPE_SZ"), reason="pipe sizes are Linux's")
def test_the_pipe_to_a_worker_is_widened_and_a_refusal_is_harmless(database_url, tmp_path, caplog):
    """A wide pipe, so the crawler's reactor does not block while the worker stores a group; a channel the system
    will not resize is used as it is."""
    from multiprocessing import Pipe

    from spiders.pipelines.offload import PIPE_BYTES, _widen

    pipeline = OffloadPipeline(database_url, str(tmp_path / "r.jsonl"))
    pipeline.open_spider()
    pipeline.process_item(page_item("a", price="2.50"))
    [channel] = pipeline.channels
    assert fcntl.fcntl(channel.fileno(), fcntl.F_GETPIPE_SZ) == PIPE_BYTES
    pipeline.close_spider()
    socket_backed, other_end = Pipe(duplex=True)  # a socket pair: the kernel refuses to size it as a pipe
    with caplog.at_level(logging.DEBUG, logger="spiders.pipelines.offload"):
        _widen(socket_backed)
    assert "pipe kept its size" in caplog.text
    socket_backed.send("still usable")
    assert other_end.recv() == "still usable"


def test_a_dead_worker_stops_the_crawl_with_a_clear_error(database_url, tmp_path):
    """Pages sent to a worker that died have no report line: the crawl says so instead of going on."""
    pipeline = OffloadPipeline(database_url, str(tmp_path / "r.jsonl"))
    pipeline.open_spider()
    pipeline.process_item(page_item("a", price="2.50"))
    [worker] = pipeline.processes
    worker.kill()
    worker.join()
    with pytest.raises(WorkerLost, match="gone|exit code"):
        for name in "bcdefgh":  # the first sends may still land in the pipe's buffer
            pipeline.process_item(page_item(name, price="2.50"))
        pipeline.close_spider()


def test_a_page_that_cannot_be_stored_fails_alone(database_url, monkeypatch):
    """A batch that fails is stored again page by page: the good pages keep their crawl and report."""
    fail_storing(monkeypatch, "bad")
    items = [ReadPipeline().process_item(page_item(name, price="2.50")) for name in ("a", "bad", "c")]
    with new_session() as session:
        reports = _store(session, items, NOBODY, KnownSources())
        stored = sorted(s.source_id for s in session.exec(select(Snapshot)).all())
    assert [r.source_id for r in reports] == ["a", "c"] and all(r.ok for r in reports)
    assert stored == ["a", "c"]


class _NoReading:
    def process_item(self, item):  # noqa: ANN001, ANN201
        return item


def test_the_worker_stores_pages_that_come_close_together_in_one_group():
    """A page waits up to LINGER_S for others to share its commit; the crawler's None ends the last group."""
    from multiprocessing import Pipe

    from spiders.pipelines.offload import BATCH, _next_group

    ours, crawler = Pipe(duplex=False)
    items = [page_item(f"s{i}", price="1") for i in range(BATCH + 3)]
    for item in items:
        crawler.send(item)
    crawler.send(None)
    first, done = _next_group(ours, _NoReading())
    assert [i.source.id for i in first] == [i.source.id for i in items[:BATCH]] and not done
    rest, done = _next_group(ours, _NoReading())
    assert len(rest) == 3 and done


def test_a_page_alone_is_stored_when_no_other_comes_in_time():
    """Nothing else in the pipe: the group is the one page, after LINGER_S, and the crawl goes on."""
    from multiprocessing import Pipe

    from spiders.pipelines.offload import _next_group

    ours, crawler = Pipe(duplex=False)
    crawler.send(page_item("a", price="1"))
    group, done = _next_group(ours, _NoReading())
    assert [i.source.id for i in group] == ["a"] and not done


def test_a_source_with_no_vendor_reads_its_new_models_as_the_hosts():
    """A catalogue source may leave out `vendor`: a new vendor's models are its host's, not an unreadable page."""
    page = (Path(__file__).parent / "fixtures" / "pages" / "new_vendor_en.html").read_text(encoding="utf-8")
    source = Source("vela", "pricing", "https://docs.velalabs.ai/pricing", "html", timedelta(hours=6), lang="en")
    item = ReadPipeline().process_item(PageItem(source=source, status=200, text=page, content_hash="h"))
    assert item.error is None
    assert {(q.vendor, q.model) for q in item.quotes} >= {("velalabs", "vela-3-large"), ("velalabs", "vela-3-small")}


@pytest.mark.parametrize("level", ["ERROR", "INFO", "DEBUG"])
def test_scrapy_builds_no_log_record_below_the_crawls_level(level):
    from spiders.run import quiet_below_log_level

    scrapy, root = logging.getLogger("scrapy"), logging.getLogger()
    before = scrapy.level, root.level
    try:
        # As Scrapy's configure_logging leaves them: its loggers at DEBUG, the root at NOTSET, the level on the handler.
        scrapy.setLevel(logging.DEBUG)
        root.setLevel(logging.NOTSET)
        quiet_below_log_level(Settings({"LOG_LEVEL": level}))
        engine = logging.getLogger("scrapy.core.engine")
        assert engine.isEnabledFor(logging.DEBUG) is (level == "DEBUG")  # 'Crawled (200)', 'Scraped from'
        assert engine.isEnabledFor(logging.INFO) is (level != "ERROR")
        assert engine.isEnabledFor(logging.ERROR)
    finally:
        scrapy.setLevel(before[0])
        root.setLevel(before[1])
