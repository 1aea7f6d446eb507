"""Downloader middlewares: the outbound URL policy on every request, size caps per kind, Retry-After."""

from __future__ import annotations

import asyncio
import socket
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from pricewatch.catalogue import Source
from pricewatch.urlpolicy import refusal

# Bytes a body may have, by what it is: a pricing page or a feed is a few MB at most; LiteLLM's price
# file is ~1.5 MB today and the OpenRouter list bigger. Decompressed sizes count (gzip bombs).
MAX_BYTES = {"page": 8 << 20, "price-file": 32 << 20, "feed": 8 << 20, "article": 4 << 20}
RETRY_AFTER_CAP_S = 60  # a longer Retry-After is not waited for inside one crawl: the next run tries again


def size_kind(source: Source, *, article: bool = False) -> str:
    if article:
        return "article"
    if source.kind == "news":
        return "feed"
    return "price-file" if source.format.endswith("-json") else "page"


def size_meta(kind: str) -> dict[str, int]:
    """Request meta that caps one download (and its decompressed body) for its kind."""
    return _SIZE_META[kind]


_SIZE_META = {kind: {"download_maxsize": cap, "download_warnsize": cap // 2} for kind, cap in MAX_BYTES.items()}


def system_resolver(host: str) -> list[str]:
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})


class OutboundPolicyMiddleware:
    """Refuse any request the URL policy refuses: feed links, listing links and redirect hops included.

    It sits before the robots.txt middleware, so a refused host is not even asked for its robots.txt.
    """

    def __init__(self, *, allow_file_urls: bool = False) -> None:
        self.allow_file_urls = allow_file_urls

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OutboundPolicyMiddleware:
        return cls(allow_file_urls=crawler.settings.getbool("PRICEWATCH_ALLOW_FILE_URLS"))

    def process_request(self, request: Request) -> None:
        source: Source | None = request.meta.get("source")
        if self.allow_file_urls and request.url.startswith("file://"):
            return
        reason = refusal(
            request.url,
            source_url=source.url if source else request.url,
            allow_private=bool(source and source.allow_private_hosts),
            resolve=system_resolver,
        )
        if reason:
            raise IgnoreRequest(f"refused by the URL policy: {reason}")


class RetryAfterMiddleware:
    """429 and 503 with a short Retry-After: wait as asked, then ask again (twice at most)."""

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in (429, 503) or request.meta.get("retry_after_tries", 0) >= 2:
            return response
        delay = retry_after_seconds(response.headers.get("Retry-After"))
        if delay is None or delay > RETRY_AFTER_CAP_S:
            return response
        await asyncio.sleep(delay)
        retry = request.replace(dont_filter=True)
        retry.meta["retry_after_tries"] = request.meta.get("retry_after_tries", 0) + 1
        return retry


def retry_after_seconds(value: bytes | None) -> float | None:
    """'120' or an HTTP date → seconds from now; None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isascii() and text.isdigit():
        return float(int(text))
    try:
        from datetime import UTC, datetime

        return max(0.0, (parsedate_to_datetime(text) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


__all__ = ["IgnoreRequest", "OutboundPolicyMiddleware", "RetryAfterMiddleware", "size_meta"]
