"""What pricewatch tells programs: one typed record per event, observation, price and source.

The CLI's `--json` and the web API both print these, so a program gets the same fields from either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    from sqlmodel import Session

    from pricewatch.catalogue import Source
    from storage.models import Event, Observation, SourceHealth


class ArticleLink(BaseModel):
    url: str
    title: str


class EventRecord(BaseModel):
    """A price event (observed on a pricing page, or reported by the news) or a source's health event."""

    id: int
    vendor: str | None
    model: str | None
    kind: str
    price_type: str | None
    tier: str | None
    old_price: float | None
    new_price: float | None
    currency: str | None
    change_pct: float | None
    source: str
    url: str | None
    observed_at: str
    linked_event_id: int | None
    condition: str | None
    sources: list[ArticleLink] = []  # the articles that told a reported event


class ObservationRecord(BaseModel):
    """One observed price of a model: a row of its history."""

    observed_at: str
    vendor: str
    model: str
    price_type: str
    tier: str | None
    price_per_mtok: float
    currency: str
    source: str


class SourceRecord(BaseModel):
    """A catalogue entry and how its crawls have gone."""

    id: str
    kind: str
    vendor: str | None
    url: str
    last_ok: str | None
    last_error: str | None
    consecutive_failures: int
    moved_to: str | None
    next_run: str


def parse_since(text: str | None) -> datetime | None:
    """'7d', '12h', '30m', '2w' or an ISO date/time (UTC unless it says otherwise); ValueError otherwise."""
    if not text:
        return None
    match = re.fullmatch(r"(\d+)\s*([mhdw])", text.strip())
    if match:
        unit = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[match.group(2)]
        return datetime.now(UTC) - timedelta(**{unit: int(match.group(1))})
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r}: expected 7d, 12h or an ISO date like 2024-05-21") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def number(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def event_record(event: Event, articles: Iterable[dict[str, str]] = ()) -> EventRecord:
    return EventRecord(
        id=event.id or 0,
        vendor=event.vendor,
        model=event.model,
        kind=event.kind,
        price_type=event.price_type,
        tier=event.tier,
        old_price=number(event.old_price),
        new_price=number(event.new_price),
        currency=event.currency,
        change_pct=event.change_pct,
        source=event.source_id,
        url=event.url,
        observed_at=event.observed_at.isoformat(),
        linked_event_id=event.linked_event_id,
        condition=event.condition,
        sources=[ArticleLink(**a) for a in articles],
    )


def observation_record(observation: Observation) -> ObservationRecord:
    return ObservationRecord(
        observed_at=observation.observed_at.isoformat(),
        vendor=observation.vendor,
        model=observation.model,
        price_type=observation.price_type,
        tier=observation.tier,
        price_per_mtok=float(observation.price_per_mtok),
        currency=observation.currency,
        source=observation.source_id,
    )


def source_record(source: Source, health: SourceHealth | None, next_run: datetime) -> SourceRecord:
    return SourceRecord(
        id=source.id,
        kind=source.kind,
        vendor=source.vendor,
        url=source.url,
        last_ok=iso(health.last_ok if health else None),
        last_error=health.last_error if health else None,
        consecutive_failures=health.consecutive_failures if health else 0,
        moved_to=health.moved_to if health else None,
        next_run=next_run.isoformat(),
    )


def dump(records: Iterable[BaseModel]) -> list[dict[str, object]]:
    """Records as the plain dicts the CLI prints."""
    return [record.model_dump(mode="json") for record in records]


# --- queries that answer in records ------------------------------------------------------------------------------


def event_records(
    *,
    session: Session,
    since: datetime | None = None,
    vendor: str | None = None,
    model: str | None = None,
    kind: str | None = None,
    kinds: Iterable[str] | None = None,
    limit: int | None = None,
) -> list[EventRecord]:
    """Events newest first, each with the articles that told it."""
    from storage.news import articles_by_event
    from storage.queries import list_events

    events = list_events(session=session, since=since, vendor=vendor, model=model, kind=kind, kinds=kinds, limit=limit)
    articles = articles_by_event(session=session, event_ids=[e.id for e in events if e.id is not None])
    return [event_record(e, articles.get(e.id or 0, ())) for e in events]


def one_event_record(*, session: Session, event_id: int) -> EventRecord | None:
    from storage.models import Event
    from storage.news import event_articles

    event = session.get(Event, event_id)
    return None if event is None else event_record(event, event_articles(session=session, event_id=event_id))


def history_records(*, session: Session, model: str, vendor: str | None = None) -> list[ObservationRecord]:
    """Every observed price of MODEL (any way of writing its name), oldest first."""
    from pricewatch.vendors import model_key
    from storage.queries import price_history

    return [observation_record(o) for o in price_history(session=session, model=model_key(model), vendor=vendor)]


def price_records(*, session: Session, vendor: str | None = None) -> list[ObservationRecord]:
    """The latest price of every model and price type: each source's last good reading."""
    from storage.queries import latest_prices

    return [observation_record(o) for o in latest_prices(session=session, vendor=vendor)]


def source_records(sources: list[Source]) -> list[SourceRecord]:
    """The catalogue with each source's health and next scheduled run."""
    from app.service import next_runs
    from storage.engine import new_session
    from storage.queries import source_health

    with new_session() as session:
        health = source_health(session=session)
    runs = next_runs(sources)
    return [source_record(s, health.get(s.id), runs[s.id]) for s in sources]
