"""What the spiders yield: one fetched page of one source."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    quotes: list[Quote] = field(default_factory=list)
