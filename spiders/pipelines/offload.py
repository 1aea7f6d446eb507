"""Read and store pricing pages in a worker process, so downloading and reading use two cores.

Scrapy's reactor is one thread: reading a table and writing its snapshot in it would stall the
downloads. This pipeline hands each fetched page to a worker process (forked by a forkserver, so it shares no
connections with the crawler) that runs the same ReadPipeline and store_page as the in-process
pipelines, and appends each source's report line as its page is done. Unchanged pages need no reading:
the crawl process records them itself, in batches (see store.py).
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from collections import deque
from dataclasses import asdict

from pricewatch.settings import NOBODY, AlertRecipients, get_settings
from spiders.items import PageItem
from spiders.pipelines.read import ReadPipeline
from spiders.pipelines.store import StoringPipeline, append_report, is_unchanged, store_page
from storage.crawls import CrawlReport, KnownSources
from storage.engine import new_session

MAX_IN_FLIGHT = 64  # pages waiting for the worker before the crawler pauses to let it catch up
_session = None
_recipients = NOBODY
_known = KnownSources()


def _worker_init(database_url: str | None, recipients: AlertRecipients) -> None:
    global _session, _recipients
    _session, _recipients = new_session(database_url), recipients


def _forkserver() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["spiders.pipelines.offload"])
    return context


def read_and_store(item: PageItem) -> dict[str, object]:
    """In the worker: the page → quotes → one stored crawl; returns the report."""
    assert _session is not None
    return asdict(store_page(_session, ReadPipeline().process_item(item), _recipients, _known))


class OffloadPipeline(StoringPipeline):
    def __init__(self, database_url: str | None, report_file: str | None, workers: int = 1) -> None:
        super().__init__(database_url, report_file, get_settings().alert_recipients())
        self.workers = workers
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None
        self.pending: deque[concurrent.futures.Future[dict[str, object]]] = deque()

    @classmethod
    def from_crawler(cls, crawler) -> OffloadPipeline:  # noqa: ANN001
        settings = crawler.settings
        return cls(
            settings.get("PRICEWATCH_DATABASE_URL"),
            settings.get("PRICEWATCH_REPORT_FILE"),
            settings.getint("PRICEWATCH_PROCESS_WORKERS", 1),
        )

    def open_spider(self) -> None:
        super().open_spider()  # the crawl process's own session, for the unchanged pages
        self.pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=self.workers,
            # forkserver: a clean server process forks the worker (no copy of the reactor's threads, and
            # cheaper than spawn, which starts a fresh interpreter per worker).
            mp_context=_forkserver(),
            initializer=_worker_init,
            initargs=(self.database_url, self.recipients),
        )

    def process_item(self, item: PageItem) -> PageItem:
        assert self.pool is not None
        if is_unchanged(item):
            self.hold_unchanged(item)
            return item
        while len(self.pending) >= MAX_IN_FLIGHT:
            self._collect(self.pending.popleft())
        future = self.pool.submit(read_and_store, item)
        self.pending.append(future)
        while self.pending and self.pending[0].done():
            self._collect(self.pending.popleft())
        return item

    def close_spider(self) -> None:
        while self.pending:
            self._collect(self.pending.popleft())
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        super().close_spider()

    def _collect(self, future: concurrent.futures.Future[dict[str, object]]) -> None:
        append_report(self.report_file, CrawlReport(**future.result()))
