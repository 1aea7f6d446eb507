"""What the spiders yield: a fetched pricing page, a fetched feed, a fetched article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pricewatch.catalogue import Source
from pricewatch.quotes import Quote


@dataclass
class PageItem:
    source: Source
    status: int | None = None
    text: str | None = None
    error: str | None = None
    unchanged: bool = False
    content_hash: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # the final URL after a permanent redirect
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class FeedItem:
    """A news source's feed or listing page: how many new article links it gave, or why it failed."""

    source: Source
    links: int = 0
    error: str | None = None


@dataclass
class ArticleItem:
    source: Source
    url: str  # canonical once read
    link: str | None = None  # the URL the feed gave
    body: bytes = b""
    content_type: str | None = None
    error: str | None = None
    published: datetime | None = None  # the feed's date for the article: wins over dates in the page's text
    # Filled by the news read pipeline.
    article: object = None
    claims: list = field(default_factory=list)
    skipped: str | None = None
