"""The pricing spider: fetches each catalogue source once, cheaply when nothing changed. It reads nothing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.settings import Settings
from twisted.python.failure import Failure

from pricewatch.catalogue import Source
from spiders.items import PageItem
from spiders.known import catalogue_sources, validators_for
from spiders.middlewares import size_kind, size_meta
from spiders.signals import page_unchanged

FOLLOW_UP_MIDDLEWARES = (
    "scrapy.spidermiddlewares.referer.RefererMiddleware",
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware",
    "scrapy.spidermiddlewares.depth.DepthMiddleware",
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware",
)
# Every status but a redirect comes back to the spider: 304 (unchanged) and the errors it reports.
HANDLED_STATUSES = [304, *range(400, 600)]


class PricingSpider(scrapy.Spider):
    name = "pricing"
    custom_settings = {
        "ITEM_PIPELINES": {"spiders.pipelines.read.ReadPipeline": 100, "spiders.pipelines.store.StorePipeline": 200},
        # It follows no links: the spider middlewares that act on the requests a callback yields (referer, URL length,
        # depth, copied meta) would only pass each page's item through four more generators (~3% of a crawl's CPU).
        "SPIDER_MIDDLEWARES": dict.fromkeys(FOLLOW_UP_MIDDLEWARES),
    }

    @classmethod
    def update_settings(cls, settings: Settings) -> None:
        """With PRICEWATCH_PROCESS_WORKERS, one pipeline reads and stores in worker processes instead of the two."""
        super().update_settings(settings)
        if settings.getint("PRICEWATCH_PROCESS_WORKERS"):
            settings.set("ITEM_PIPELINES", {"spiders.pipelines.offload.OffloadPipeline": 150}, priority="spider")

    def __init__(
        self,
        sources: list[Source] | str | None = None,
        validators: dict[str, dict[str, str]] | None = None,
        job: str | None = None,
        ids: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if job:  # scheduled on Scrapyd: everything comes as one JSON string argument
            data = json.loads(job)
            sources = [Source.from_json(s) for s in data["sources"] if s["kind"] == "pricing"]
            validators = data.get("validators")
        elif sources is None or isinstance(sources, str):
            # `scrapy crawl pricing [-a sources=FILE] [-a ids=a,b]`: the catalogue, as `pricewatch crawl` reads it.
            sources = catalogue_sources("pricing", path=sources, ids=ids)
            validators = validators_for(None, sources)
        self.sources = sources or []
        # Per source id: the etag, last_modified and content_hash of the last good fetch.
        self.validators = validators or {}

    async def start(self) -> AsyncIterator[Any]:
        for source in self.sources:
            yield self.request_for(source)

    def request_for(self, source: Source) -> scrapy.Request:
        known = self.validators.get(source.id, {})
        headers = {}
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        meta: dict[str, Any] = {
            "source": source,
            # Redirects are followed (the URL policy checks each hop); every other status comes back to us.
            "handle_httpstatus_list": HANDLED_STATUSES,
            "dont_obey_robotstxt": not source.obey_robots,
            **size_meta(size_kind(source)),
        }
        if source.render == "browser":
            meta["playwright"] = True
            headers = {}  # a rendered page is compared by its content hash
        return scrapy.Request(
            source.url, headers=headers, meta=meta, callback=self.parse, errback=self.failed, dont_filter=True
        )

    def parse(self, response: Response) -> PageItem | None:
        source: Source = response.meta["source"]
        item = PageItem(source=source, status=response.status, moved_to=moved_permanently_to(response))
        if response.status == 304:
            return self.unchanged(item)
        if response.status >= 400:
            item.error = f"HTTP {response.status} from {response.url}"
            return item
        body = response.body
        item.content_hash = hashlib.sha256(body).hexdigest()
        item.etag = _header(response, "ETag")
        item.last_modified = _header(response, "Last-Modified")
        if item.content_hash == self.validators.get(source.id, {}).get("content_hash"):
            return self.unchanged(item)
        item.text = getattr(response, "text", None) if hasattr(response, "text") else body.decode("utf-8", "replace")
        return item

    def unchanged(self, item: PageItem) -> None:
        """An unchanged page goes to the storing pipeline by signal, not down the item chain (spiders/signals.py)."""
        item.unchanged = True
        self.crawler.signals.send_catch_log(signal=page_unchanged, item=item)

    def failed(self, failure: Failure) -> PageItem:
        source: Source = failure.request.meta["source"]
        return PageItem(source=source, error=describe_failure(failure))


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def moved_permanently_to(response: Response) -> str | None:
    """The final URL when the way there had a permanent redirect (301/308): the catalogue entry is stale."""
    reasons = response.meta.get("redirect_reasons") or []
    return response.url if any(reason in (301, 308) for reason in reasons) else None


def describe_failure(failure: Failure) -> str:
    """One line a user can act on, from a Twisted failure."""
    error = failure.value
    name = type(error).__name__
    if "max size" in str(error) or "DOWNLOAD_MAXSIZE" in str(error):
        return f"too large: {str(error).split(' in request')[0]}"
    if name == "IgnoreRequest" and "URL policy" in str(error):
        return str(error)
    if name == "IgnoreRequest" and "max redirections" in str(error).lower():
        return "too many redirects (more than 5, or a loop)"
    if name == "IgnoreRequest" and "robots" in str(error).lower():
        return "forbidden by robots.txt (set obey_robots = false for this source to override)"
    if name in ("DNSLookupError",):
        return f"DNS lookup failed: {error}"
    if name in ("TimeoutError", "TCPTimedOutError"):
        return f"timed out: {error}"
    if name == "ConnectionRefusedError":
        return "connection refused"
    return f"{name}: {error}".strip()
