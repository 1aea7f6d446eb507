"""The news spider: reads each news source's feed (RSS / Atom) or listing page, fetches each new article once."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from pricewatch.catalogue import Source
from pricewatch.news.article import canonical_url
from pricewatch.readers.base import SourceFormat
from spiders.items import ArticleItem, FeedItem
from spiders.known import catalogue_sources, seen_article_urls
from spiders.middlewares import size_kind, size_meta
from spiders.spiders.pricing import HANDLED_STATUSES, describe_failure

MAX_ARTICLES_PER_SOURCE = 50


class NewsSpider(scrapy.Spider):
    name = "news"
    custom_settings = {
        "ITEM_PIPELINES": {
            "spiders.pipelines.news_read.NewsReadPipeline": 110,
            "spiders.pipelines.news_store.NewsStorePipeline": 210,
        }
    }

    def __init__(
        self,
        sources: list[Source] | str | None = None,
        seen_urls: set[str] | None = None,
        job: str | None = None,
        ids: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if job:  # scheduled on Scrapyd: everything comes as one JSON string argument
            data = json.loads(job)
            sources = [Source.from_json(s) for s in data["sources"] if s["kind"] == "news"]
            seen_urls = set(data.get("seen_urls", []))
        elif sources is None or isinstance(sources, str):
            # `scrapy crawl news [-a sources=FILE] [-a ids=a,b]`: the catalogue's news sources.
            sources = catalogue_sources("news", path=sources, ids=ids)
            seen_urls = seen_article_urls(None, sources)
        self.sources = sources or []
        self.seen_urls = set(seen_urls or ())  # canonical URLs already stored: never fetched twice

    async def start(self) -> AsyncIterator[Any]:
        for source in self.sources:
            yield scrapy.Request(
                source.url,
                callback=self.parse_listing,
                errback=self.listing_failed,
                dont_filter=True,
                meta={
                    "source": source,
                    "handle_httpstatus_list": HANDLED_STATUSES,
                    "dont_obey_robotstxt": not source.obey_robots,
                    **size_meta(size_kind(source)),
                },
            )

    def parse_listing(self, response: Response) -> Iterator[Any]:
        source: Source = response.meta["source"]
        if response.status >= 400:
            yield FeedItem(source, error=f"HTTP {response.status} from {response.url}")
            return
        reader = SourceFormat.for_name(source.format, "news")
        entries = reader.entries(response.body, links_selector=source.links)
        if entries is None:
            yield FeedItem(source, error="not an RSS or Atom feed")
            return
        fresh: dict[str, object] = {}  # canonical URL → the feed's date for it
        for entry in entries:
            url = canonical_url(response.urljoin(entry.link))
            if url not in self.seen_urls and url not in fresh:
                fresh[url] = entry.published
        fresh = dict(list(fresh.items())[:MAX_ARTICLES_PER_SOURCE])
        yield FeedItem(source, links=len(fresh))
        for url, published in fresh.items():
            self.seen_urls.add(url)
            yield scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.article_failed,
                meta={
                    "source": source,
                    "published": published,
                    "handle_httpstatus_list": HANDLED_STATUSES,
                    "dont_obey_robotstxt": not source.obey_robots,
                    **size_meta(size_kind(source, article=True)),
                },
            )

    def parse_article(self, response: Response) -> ArticleItem:
        source: Source = response.meta["source"]
        if response.status >= 400:
            return ArticleItem(source, response.url, error=f"HTTP {response.status}")
        content_type = response.headers.get("Content-Type")
        return ArticleItem(
            source,
            canonical_url(response.url),
            link=canonical_url(response.url),
            body=response.body,
            content_type=content_type.decode("latin-1") if content_type else None,
            published=response.meta.get("published"),
        )

    def listing_failed(self, failure: Failure) -> FeedItem:
        return FeedItem(failure.request.meta["source"], error=describe_failure(failure))

    def article_failed(self, failure: Failure) -> ArticleItem:
        return ArticleItem(failure.request.meta["source"], failure.request.url, error=describe_failure(failure))
