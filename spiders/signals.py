"""The crawl's own Scrapy signals."""

from __future__ import annotations

# A pricing page that answered 304 or came back with the bytes it had (keyword: item, a PageItem). It needs
# no reading: the spider tells the storing pipeline directly instead of yielding an item, which would cost
# Scrapy's spider-middleware and item-pipeline chain (more than recording the page does) on every page.
page_unchanged = object()
