"""Read-side queries: events, a model's price history, current prices, source health."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import Row, or_
from sqlmodel import Session, col, select

from pricewatch.events import EventKind
from storage.models import Article, Event, Observation, SourceHealth, utcnow

FREE_KINDS = [str(EventKind.NOW_FREE), str(EventKind.REPORTED_FREE)]


def list_events(
    *,
    session: Session,
    since: datetime | None = None,
    vendor: str | None = None,
    model: str | None = None,
    kind: str | None = None,
    kinds: Iterable[str] | None = None,
    min_cut: float | None = None,
    limit: int | None = None,
) -> list[Event]:
    """Events newest first, filtered (KINDS: any of them; MIN_CUT: cuts of at least that %, or made free)."""
    query = select(Event)
    if since is not None:
        query = query.where(Event.observed_at >= since)
    if vendor:
        query = query.where(Event.vendor == vendor.lower())
    if model:
        query = query.where(Event.model == model.lower())
    if kind:
        query = query.where(Event.kind == kind)
    if kinds is not None:
        query = query.where(col(Event.kind).in_(list(kinds)))
    if min_cut is not None:
        query = query.where(or_(col(Event.change_pct) <= -min_cut, col(Event.kind).in_(FREE_KINDS)))
    query = query.order_by(col(Event.observed_at).desc(), col(Event.id).desc())
    if limit:
        query = query.limit(limit)
    return list(session.exec(query).all())


# What /history, /chart, the web model page and `history --json` read of each row (not id, snapshot or raw text).
HISTORY_COLUMNS = (
    "source_id",
    "observed_at",
    "vendor",
    "model",
    "price_type",
    "tier",
    "tier_key",
    "price_per_mtok",
    "currency",
    "display",
)


def price_history(*, session: Session, model: str, vendor: str | None = None) -> list[Row]:
    """Every observed price of a model, oldest first: rows with the Observation columns a history shows.
    Plain rows of the columns its readers use, not ORM objects: a model priced for years has thousands, and
    building an object (and fetching the raw text) for each was most of the time /history took (bench/history.py)."""
    table = Observation.__table__
    query = select(*(table.c[name] for name in HISTORY_COLUMNS)).where(table.c.model == model.lower())
    if vendor:
        query = query.where(table.c.vendor == vendor.lower())
    query = query.order_by(table.c.observed_at, table.c.source_id, table.c.price_type, table.c.id)
    return list(session.exec(query).all())


def current_prices(*, session: Session, model: str) -> list[Observation]:
    """The model's prices as each source's last good snapshot shows them: its rows not yet ended."""
    query = select(Observation).where(Observation.model == model.lower(), col(Observation.ended_at).is_(None))
    return list(session.exec(query.order_by(col(Observation.source_id), col(Observation.price_type))).all())


def latest_prices(*, session: Session, vendor: str | None = None) -> list[Observation]:
    """Every model's prices as each source's last good snapshot shows them, by vendor and model."""
    query = select(Observation).where(col(Observation.ended_at).is_(None))
    if vendor:
        query = query.where(Observation.vendor == vendor.lower())
    order = (Observation.vendor, Observation.model, Observation.tier_key, Observation.price_type, Observation.source_id)
    return list(session.exec(query.order_by(*(col(c) for c in order))).all())


def known_models(*, session: Session, vendor: str | None = None) -> list[str]:
    """Every model id ever observed or reported (for lookups and suggestions)."""
    observed = select(Observation.model).distinct()
    reported = select(Event.model).where(col(Event.model).is_not(None)).distinct()
    if vendor:
        observed = observed.where(Observation.vendor == vendor)
        reported = reported.where(Event.vendor == vendor)
    models = set(session.exec(observed).all()) | set(session.exec(reported).all())
    return sorted(m for m in models if m)


def crawl_validators(*, session: Session) -> dict[str, dict[str, str]]:
    """Per source with a good snapshot: the ETag, Last-Modified and content hash a crawl sends and compares.
    Plain rows, not ORM objects: a crawl of thousands of sources reads them all before its first request."""
    statement = select(
        SourceHealth.source_id, SourceHealth.etag, SourceHealth.last_modified, SourceHealth.content_hash
    ).where(col(SourceHealth.last_good_snapshot_id).is_not(None))
    return {
        source_id: {"etag": etag or "", "last_modified": last_modified or "", "content_hash": content_hash or ""}
        for source_id, etag, last_modified, content_hash in session.exec(statement)
    }


def source_health(*, session: Session) -> dict[str, SourceHealth]:
    return {h.source_id: h for h in session.exec(select(SourceHealth)).all()}


def recent_article_urls(*, session: Session, source_ids: list[str], days: int = 60) -> set[str]:
    """Canonical URLs of the articles these sources gave lately: the news spider fetches none of them again."""
    since = utcnow() - timedelta(days=days)
    query = select(Article.url, Article.link).where(col(Article.source_id).in_(source_ids), Article.fetched_at >= since)
    return {url for row in session.exec(query).all() for url in row if url}
