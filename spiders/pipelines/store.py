"""Store each read page: health, snapshot, history and events, one transaction per page.

Unchanged pages (304, or the same bytes) come by signal and wait in the pipeline (hold_unchanged). They are
recorded together: one transaction, one UPDATE per table, when UNCHANGED_BATCH of them wait and when the
crawl ends.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from sqlmodel import Session

from pricewatch.settings import NOBODY, AlertRecipients, get_settings
from spiders.items import PageItem
from spiders.signals import page_unchanged
from storage.crawls import CrawlReport, Fetched, KnownSources, record_crawl, record_unchanged
from storage.engine import new_session

UNCHANGED_BATCH = 200  # unchanged pages recorded per transaction; a killed crawl loses at most these 'last seen' times


def fetched_of(item: PageItem) -> Fetched:
    return Fetched(
        source_id=item.source.id,
        url=item.source.url,
        quotes=item.quotes,
        error=item.error,
        unchanged=item.unchanged,
        content_hash=item.content_hash,
        etag=item.etag,
        last_modified=item.last_modified,
        moved_to=item.moved_to,
    )


def store_page(
    session: Session, item: PageItem, recipients: AlertRecipients, known: KnownSources | None = None
) -> CrawlReport:
    return record_crawl(session=session, fetched=fetched_of(item), recipients=recipients, known=known)


def is_unchanged(item: PageItem) -> bool:
    return item.unchanged and not item.error


def append_report(report_file: Path | None, report: CrawlReport) -> None:
    """One report line, the file opened for it: for a few lines (ReportLines keeps it open for a crawl)."""
    with ReportLines(report_file) as reports:
        reports.write(report)


class ReportLines:
    """The crawl's report file, one JSON line per source as it finishes, so a killed crawl still tells
    what it did. Opened once and line-buffered: each line is one write, appended whole."""

    def __init__(self, report_file: Path | None) -> None:
        self.report_file = report_file
        self.out: TextIO | None = None

    def write(self, report: CrawlReport) -> None:
        if self.report_file is None:
            return
        if self.out is None:
            self.out = self.report_file.open("a", encoding="utf-8", buffering=1)
        # vars, not asdict: a report holds no nested dataclass, and asdict's deep copy was 20 µs of the line's 25.
        self.out.write(json.dumps(vars(report)) + "\n")

    def close(self) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None

    def __enter__(self) -> ReportLines:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class StoringPipeline:
    """What both storing pipelines need: a database session for the crawl, where reports go, who is alerted."""

    def __init__(
        self, database_url: str | None = None, report_file: str | None = None, recipients: AlertRecipients = NOBODY
    ) -> None:
        self.database_url = database_url
        self.report_file = Path(report_file) if report_file else None
        self.recipients = recipients
        self.session: Session | None = None

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        pipeline = cls(
            database_url=crawler.settings.get("PRICEWATCH_DATABASE_URL"),
            report_file=crawler.settings.get("PRICEWATCH_REPORT_FILE"),
            recipients=get_settings().alert_recipients(),  # admins and channel, from the crawl's environment
        )
        pipeline.listen(crawler)
        return pipeline

    def listen(self, crawler) -> None:  # noqa: ANN001
        """Unchanged pages come by signal, not as items (spiders/signals.py)."""
        crawler.signals.connect(self.hold_unchanged, signal=page_unchanged)

    def open_spider(self) -> None:
        self.session = new_session(self.database_url)
        self.reports = ReportLines(self.report_file)
        self.known = KnownSources()
        self.unchanged: list[PageItem] = []

    def close_spider(self) -> None:
        if self.session is not None:
            self.record_unchanged()
            self.session.close()
            self.reports.close()

    def hold_unchanged(self, item: PageItem) -> None:
        self.unchanged.append(item)
        if len(self.unchanged) >= UNCHANGED_BATCH:
            self.record_unchanged()

    def record_unchanged(self) -> None:
        """The waiting unchanged pages in one transaction, then their report lines."""
        if not self.unchanged:
            return
        assert self.session is not None
        items, self.unchanged = self.unchanged, []
        fetched = [fetched_of(item) for item in items]
        for report in record_unchanged(
            session=self.session, fetched=fetched, recipients=self.recipients, known=self.known
        ):
            self.reports.write(report)


class StorePipeline(StoringPipeline):
    """Each pricing page: one recorded crawl of its source, and its report line."""

    def process_item(self, item: PageItem) -> PageItem:
        assert self.session is not None
        if is_unchanged(item):
            self.hold_unchanged(item)
        else:
            self.reports.write(store_page(self.session, item, self.recipients, self.known))
        return item
