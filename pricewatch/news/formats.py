"""News source formats: where a feed or listing page keeps its article links."""

from __future__ import annotations

from calendar import timegm
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
from parsel import Selector

from pricewatch.readers.base import SourceFormat


@dataclass(frozen=True)
class FeedEntry:
    link: str  # possibly relative
    published: datetime | None = None  # the feed's own date (pubDate / updated), UTC


class NewsFormat(SourceFormat):
    kind = "news"

    def entries(self, body: bytes, *, links_selector: str | None = None) -> list[FeedEntry] | None:
        """The articles the page lists, newest first; None if the body is not this format."""
        raise NotImplementedError


class RssFeed(NewsFormat):
    """RSS 2.0 / Atom feeds, parsed by feedparser."""

    name = "rss"

    def entries(self, body: bytes, *, links_selector: str | None = None) -> list[FeedEntry] | None:
        feed = feedparser.parse(body)
        if not feed.entries and not feed.get("version"):
            return None
        return [FeedEntry(e.get("link"), _entry_time(e)) for e in feed.entries if e.get("link")]


class HtmlListing(NewsFormat):
    """Listing pages without a feed: the catalogue's `links` CSS selector picks the article links."""

    name = "html"

    def entries(self, body: bytes, *, links_selector: str | None = None) -> list[FeedEntry] | None:
        selector = Selector(body=body, type="html")
        return [FeedEntry(link) for link in selector.css(f"{links_selector or 'article a'}::attr(href)").getall()]


def _entry_time(entry: feedparser.FeedParserDict) -> datetime | None:
    """An entry's pubDate (RSS) or published / updated (Atom), as feedparser normalised it to UTC."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(timegm(parsed), tz=UTC) if parsed else None
