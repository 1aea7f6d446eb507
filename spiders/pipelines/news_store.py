"""Store news: feed health at once, each article in its own transaction, one report line per source at the end."""

from __future__ import annotations

import json
from dataclasses import asdict

from pricewatch.settings import NOBODY, AlertRecipients
from spiders.items import ArticleItem, FeedItem
from spiders.pipelines.store import StoringPipeline
from storage.crawls import CrawlReport, record_fetch_health
from storage.news import record_article


class NewsStorePipeline(StoringPipeline):
    """Each feed's health and each article's claims; one report line per news source when the spider closes."""

    def __init__(
        self, database_url: str | None = None, report_file: str | None = None, recipients: AlertRecipients = NOBODY
    ) -> None:
        super().__init__(database_url, report_file, recipients)
        self.tallies: dict[str, CrawlReport] = {}  # quotes counts claims here

    def process_item(self, item: object) -> object:
        assert self.session is not None
        if isinstance(item, FeedItem):
            tally = self.tallies.setdefault(item.source.id, CrawlReport(item.source.id, ok=True))
            tally.events += record_fetch_health(
                session=self.session,
                source_id=item.source.id,
                url=item.source.url,
                error=item.error,
                recipients=self.recipients,
            )
            tally.ok, tally.error, tally.unchanged = item.error is None, item.error, item.links == 0 and not item.error
        elif isinstance(item, ArticleItem) and not item.error and item.article is not None:
            report = record_article(
                session=self.session,
                source_id=item.source.id,
                url=item.url,
                article=item.article,
                claims=item.claims,
                recipients=self.recipients,
                link=item.link,
            )
            tally = self.tallies.setdefault(item.source.id, CrawlReport(item.source.id, ok=True))
            tally.quotes += report.claims
            tally.events += report.events
        return item

    def close_spider(self) -> None:
        if self.session is not None:
            self.session.close()
        if self.report_file:
            with self.report_file.open("a", encoding="utf-8") as out:
                for tally in self.tallies.values():
                    out.write(json.dumps(asdict(tally)) + "\n")
