"""Read each fetched article: decode, main text, keyword prefilter, claims."""

from __future__ import annotations

from pricewatch.news.article import canonical_url, decode, read_article
from pricewatch.news.extract import extract_claims
from pricewatch.news.prefilter import worth_extracting
from spiders.items import ArticleItem, FeedItem


class NewsReadPipeline:
    def process_item(self, item: ArticleItem | FeedItem) -> ArticleItem | FeedItem:
        if isinstance(item, FeedItem) or item.error:  # a feed's own health goes straight to the store
            return item
        html = decode(item.body, item.content_type)
        item.url = canonical_url(item.url, html)
        article = read_article(html, url=item.url, lang=item.source.lang)
        if item.published is not None:
            article.published = item.published  # the feed's pubDate, not a "© 2025" footer
        item.article = article
        if not article.text:
            item.skipped = "no article text"
        elif not worth_extracting(article.full_text, article.lang):
            item.skipped = "no price words"
        else:
            item.claims = extract_claims(article.full_text, lang=article.lang)
        return item
