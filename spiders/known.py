"""What the database already knows before a crawl: validators for cheap re-fetches, articles already read."""

from __future__ import annotations

from pricewatch.catalogue import Source, load_catalogue, select_sources
from storage.engine import new_session
from storage.queries import crawl_validators, recent_article_urls


def validators_for(database_url: str | None, sources: list[Source]) -> dict[str, dict[str, str]]:
    """Per source: the ETag, Last-Modified and content hash of its last good fetch."""
    with new_session(database_url) as session:
        known = crawl_validators(session=session)
    return {s.id: known[s.id] for s in sources if s.id in known}


def seen_article_urls(database_url: str | None, sources: list[Source]) -> set[str]:
    with new_session(database_url) as session:
        return recent_article_urls(session=session, source_ids=[s.id for s in sources])


def catalogue_sources(kind: str, *, path: str | None, ids: str | None) -> list[Source]:
    """`scrapy crawl KIND [-a sources=FILE] [-a ids=a,b]`: the catalogue's sources of that kind."""
    chosen = select_sources(load_catalogue(path), [i.strip() for i in ids.split(",") if i.strip()] if ids else [])
    return [s for s in chosen if s.kind == kind]
