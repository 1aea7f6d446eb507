"""Read each fetched page into quotes with its source's format."""

from __future__ import annotations

import logging

from pricewatch.readers.base import ReadContext, SourceFormat
from pricewatch.readers.diagnose import page_problem
from spiders.items import PageItem

log = logging.getLogger(__name__)


class ReadPipeline:
    def process_item(self, item: PageItem) -> PageItem:
        if item.error or item.unchanged or item.text is None:
            return item
        source = item.source
        reader = SourceFormat.for_name(source.format, source.kind)
        context = ReadContext(vendor=source.vendor, lang=source.lang, currency=source.currency, url=source.url)
        try:
            item.quotes = reader.read(item.text, context=context)
        except ValueError as exc:
            item.error = f"could not read the {source.format} page: {exc}"
            return item
        except Exception as exc:  # noqa: BLE001 — a reader bug must fail one source, not the crawl
            log.exception("reader crashed on %s", source.id)
            item.error = f"reader error: {type(exc).__name__}: {exc}"
            return item
        if not item.quotes:
            # Never a silent empty baseline: a page that reads no quote is a health failure, and says why.
            reason = (
                page_problem(item.text, lang=source.lang)
                if source.format in ("html", "markdown")
                else "no prices in the file"
            )
            item.error = f"unreadable: {reason}"
        return item
