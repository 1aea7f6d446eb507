"""Read and store pricing pages in a worker process, so downloading and reading use two cores.

Scrapy's reactor is one thread: reading a table and writing its snapshot in it would stall the
downloads. This pipeline sends each fetched page down a pipe to a worker process (forked by a forkserver,
so it shares no connections with the crawler) that runs the same ReadPipeline and storage functions as
the in-process pipelines and appends each source's report line itself. Nothing comes back up the pipe, and
the crawler runs no helper threads: a process pool's manager and feeder threads took the GIL from the
reactor on every page. A full pipe blocks the send, which paces the downloads to what the worker can
store. Unchanged pages need no reading: the crawl process records them itself, in batches (store.py).
"""

from __future__ import annotations

import fcntl
import gc
import logging
import multiprocessing
import time
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from sqlmodel import Session

from pricewatch.settings import NOBODY, AlertRecipients, get_settings
from spiders.items import PageItem
from spiders.pipelines.read import ReadPipeline
from spiders.pipelines.store import ReportLines, StoringPipeline, fetched_of, is_unchanged
from storage.crawls import CrawlReport, KnownSources, record_crawl, record_crawls
from storage.engine import new_session

log = logging.getLogger(__name__)
BATCH = 20  # pages a worker stores per transaction at most
LINGER_S = 0.05  # how long the first page of a group waits for others to share its commit
PIPE_BYTES = 1 << 20  # Linux's default pipe-max-size: ~200 pages in flight between the crawler and a worker


class WorkerLost(RuntimeError):
    """A worker process died: the pages sent to it have no report line, and the crawl stops."""


def _forkserver() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["spiders.pipelines.offload"])
    return context


def work(pages: Connection, database_url: str | None, report_file: str | None, recipients: AlertRecipients) -> None:
    """In the worker: pages from PAGES → quotes → stored crawls and their report lines, until None.

    Pages are stored in groups, one transaction each: a page, and those that come within LINGER_S of it
    (up to BATCH). A commit costs about what storing a page does; a page waits at most LINGER_S for it.
    """
    # What the worker inherited from the forkserver (modules, compiled patterns) lives as long as it does: frozen, the
    # collector's full passes, which the pages' many short-lived objects set off, no longer walk it.
    gc.freeze()
    session, known, reader = new_session(database_url), KnownSources(), ReadPipeline()
    with ReportLines(Path(report_file) if report_file else None) as reports:
        done = False
        while not done:
            batch, done = _next_group(pages, reader)
            for report in _store(session, batch, recipients, known):
                reports.write(report)
    session.close()


def _next_group(pages: Connection, reader: ReadPipeline) -> tuple[list[PageItem], bool]:
    """The next pages to store together, read; and whether the crawler is done sending."""
    batch: list[PageItem] = []
    deadline = None
    while len(batch) < BATCH:
        if deadline is not None and not pages.poll(max(0.0, deadline - time.monotonic())):
            return batch, False
        try:
            item = pages.recv()
        except EOFError:  # the crawler is gone: nothing more will come
            item = None
        if item is None:
            return batch, True
        batch.append(reader.process_item(item))
        deadline = deadline or time.monotonic() + LINGER_S
    return batch, False


def _store(
    session: Session, items: list[PageItem], recipients: AlertRecipients, known: KnownSources
) -> list[CrawlReport]:
    """The pages' crawls in one transaction; if that fails, page by page, so only the page at fault is lost."""
    if not items:
        return []
    fetched = [fetched_of(item) for item in items]
    try:
        return record_crawls(session=session, fetched=fetched, recipients=recipients, known=known)
    except Exception:  # noqa: BLE001 — which page failed is found below, one transaction each
        log.warning("storing %d pages together failed; storing them one by one", len(items))
    reports = []
    for page in fetched:
        try:
            reports.append(record_crawl(session=session, fetched=page, recipients=recipients, known=known))
        except Exception:  # one page's failure is that source's (it gets no report line), not the crawl's
            log.exception("could not store the page of %s", page.source_id)
    return reports


def _widen(channel: Connection) -> None:
    """A pipe of PIPE_BYTES instead of Linux's 64 KB (a dozen pages): while the worker stores a group, the crawler
    goes on sending instead of blocking its reactor, and the worker finds pages waiting when it is done. Where the
    system refuses (another OS, a lower pipe-max-size), the pipe keeps its size: slower, not wrong."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_size is None:
        return
    try:
        fcntl.fcntl(channel.fileno(), set_size, PIPE_BYTES)
    except OSError as error:
        log.debug("pipe kept its size: %s", error)


def _stop_forkserver() -> None:
    """Stop the forkserver and wait for it, as multiprocessing's own tests do: no server outlives the crawl,
    and its CPU time and its workers' (which it reaped) count in this process's children, where whoever
    started the crawl can measure them. A private method: without it the server exits with this process."""
    stop = getattr(forkserver._forkserver, "_stop", None)
    if callable(stop):
        stop()


class OffloadPipeline(StoringPipeline):
    def __init__(
        self,
        database_url: str | None,
        report_file: str | None,
        workers: int = 1,
        recipients: AlertRecipients = NOBODY,
    ) -> None:
        super().__init__(database_url, report_file, recipients)
        self.workers = max(1, workers)
        self.channels: list[Connection] = []
        self.processes: list[BaseProcess] = []
        self.sent = 0

    @classmethod
    def from_crawler(cls, crawler) -> OffloadPipeline:  # noqa: ANN001
        settings = crawler.settings
        pipeline = cls(
            settings.get("PRICEWATCH_DATABASE_URL"),
            settings.get("PRICEWATCH_REPORT_FILE"),
            settings.getint("PRICEWATCH_PROCESS_WORKERS", 1),
            get_settings().alert_recipients(),
        )
        pipeline.listen(crawler)
        return pipeline

    def open_spider(self) -> None:
        super().open_spider()  # the crawl process's own session, for the unchanged pages

    def process_item(self, item: PageItem) -> PageItem:
        if is_unchanged(item):
            self.hold_unchanged(item)
            return item
        if not self.channels:
            self._start_workers()  # on the first page to read: a crawl where nothing changed starts none
        index = self.sent % len(self.channels)
        self.sent += 1
        try:
            self.channels[index].send(item)
        except OSError as error:  # BrokenPipeError: the worker died
            raise WorkerLost(f"worker process {self.processes[index].pid} is gone ({error})") from error
        return item

    def _start_workers(self) -> None:
        context = _forkserver()
        report_file = str(self.report_file) if self.report_file else None
        for _ in range(self.workers):
            receiver, sender = context.Pipe(duplex=False)
            _widen(sender)
            process = context.Process(
                target=work, args=(receiver, self.database_url, report_file, self.recipients), daemon=True
            )
            process.start()
            receiver.close()  # the worker holds the receiving end; ours closed, its recv sees EOF if we die
            self.channels.append(sender)
            self.processes.append(process)

    def close_spider(self) -> None:
        for channel in self.channels:
            try:
                channel.send(None)
            except OSError:
                pass  # already gone: join tells how it ended
            channel.close()
        for process in self.processes:
            process.join()
        if self.processes:
            _stop_forkserver()
        super().close_spider()
        lost = [p for p in self.processes if p.exitcode]
        if lost:
            raise WorkerLost(f"worker process {lost[0].pid} ended with exit code {lost[0].exitcode}")
