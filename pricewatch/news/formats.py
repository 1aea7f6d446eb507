"""News source formats: where a feed or listing page keeps its article links."""

from __future__ import annotations

import feedparser
from parsel import Selector

from pricewatch.readers.base import SourceFormat


class NewsFormat(SourceFormat):
    kind = "news"

    def article_links(self, body: bytes, *, links_selector: str | None = None) -> list[str] | None:
        """The article URLs (possibly relative), newest first as the page lists them; None if the body is not this format."""
        raise NotImplementedError


class RssFeed(NewsFormat):
    """RSS 2.0 / Atom feeds, parsed by feedparser."""

    name = "rss"

    def article_links(self, body: bytes, *, links_selector: str | None = None) -> list[str] | None:
        feed = feedparser.parse(body)
        if not feed.entries and not feed.get("version"):
            return None
        return [entry.get("link") for entry in feed.entries if entry.get("link")]


class HtmlListing(NewsFormat):
    """Listing pages without a feed: the catalogue's `links` CSS selector picks the article links."""

    name = "html"

    def article_links(self, body: bytes, *, links_selector: str | None = None) -> list[str] | None:
        selector = Selector(body=body, type="html")
        return selector.css(f"{links_selector or 'article a'}::attr(href)").getall()
