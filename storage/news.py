"""Recording a news article: the article, its claims, and the reported events they tell — one transaction.

The same change told by several articles is one reported event; a pricing-page event for the
same vendor, model and price within a few days is linked to it both ways, so an alert can say
"confirmed on the official pricing page" instead of announcing the change twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from pricewatch.events import REPORTED_KIND
from pricewatch.settings import NOBODY, AlertRecipients
from storage.models import Article, Claim, Event, utcnow
from storage.outbox import enqueue_alerts, enqueue_follow_ups

if TYPE_CHECKING:  # only types: storing an article needs no HTML extractor loaded
    from pricewatch.news.article import ArticleText
    from pricewatch.news.extract import PriceClaim

LINK_WINDOW = timedelta(days=3)
SAME_STORY_WINDOW = timedelta(days=7)
OBSERVED_FOR = {
    "reported_price_cut": ("price_cut", "now_free"),
    "reported_free": ("now_free",),
    "reported_price_increase": ("price_increase", "no_longer_free"),
    "reported_price": ("price_cut", "price_increase", "now_free", "new_model"),
}


@dataclass
class ArticleReport:
    url: str
    stored: bool
    duplicate_of: str | None = None
    claims: int = 0
    events: list[str] = field(default_factory=list)


def known_article(*, session: Session, url: str, content_hash: str | None = None) -> Article | None:
    query = select(Article).where((Article.url == url) | (Article.link == url))
    found = session.exec(query).first()
    if found is None and content_hash:
        found = session.exec(select(Article).where(Article.content_hash == content_hash)).first()
    return found


def record_article(
    *,
    session: Session,
    source_id: str,
    url: str,
    article: ArticleText,
    claims: list[PriceClaim],
    link: str | None = None,
    recipients: AlertRecipients = NOBODY,
    now: datetime | None = None,
) -> ArticleReport:
    """Store one article once; its claims join or open reported events."""
    now = now or utcnow()
    duplicate = known_article(session=session, url=url, content_hash=article.content_hash)
    if duplicate is not None:
        return ArticleReport(url, stored=False, duplicate_of=duplicate.url)
    row = Article(
        source_id=source_id,
        url=url,
        link=link if link != url else None,
        title=article.title[:500],
        lang=article.lang,
        published_at=article.published,
        fetched_at=now,
        content_hash=article.content_hash,
        claim_count=len(claims),
    )
    session.add(row)
    session.flush()
    report = ArticleReport(url, stored=True, claims=len(claims))
    new_events = []
    for claim in claims:
        event, created = _reported_event(session, claim, source_id=source_id, url=url, now=now)
        if created:
            report.events.append(event.kind)
            new_events.append(event)
        session.add(
            Claim(
                article_id=row.id,
                event_id=event.id,
                vendor=claim.vendor,
                model=claim.model,
                kind=claim.kind,
                price_type=claim.price_type,
                new_price=claim.new_price,
                old_price=claim.old_price,
                currency=claim.currency,
                condition=claim.condition,
                evidence=claim.evidence[:1000],
            )
        )
    # Told once: a report of a change the pricing page already showed (and subscribers already heard of) is
    # linked to that event and kept, not announced a second time: the alert they had gets a short reply.
    untold = [e for e in new_events if e.linked_event_id is None]
    told = [e for e in new_events if e.linked_event_id is not None]
    enqueue_alerts(session=session, events=untold, group_key=f"article:{row.id}", recipients=recipients, now=now)
    enqueue_follow_ups(session=session, told=told, group_key=f"article:{row.id}", now=now)
    session.commit()
    return report


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= Decimal("0.01") * max(abs(a), abs(b))


def _reported_event(
    session: Session, claim: PriceClaim, *, source_id: str, url: str, now: datetime
) -> tuple[Event, bool]:
    kind = REPORTED_KIND[claim.kind]
    candidates = session.exec(
        select(Event).where(
            Event.kind == kind,
            Event.model == claim.model,
            Event.observed_at >= now - SAME_STORY_WINDOW,
        )
    ).all()
    for event in candidates:
        if (event.price_type, event.currency, event.condition) == (
            claim.price_type,
            claim.currency,
            claim.condition,
        ) and _close(event.new_price, claim.new_price):
            return event, False
    event = Event(
        kind=kind,
        source_id=source_id,
        vendor=claim.vendor,
        model=claim.model,
        price_type=claim.price_type,
        old_price=claim.old_price,
        new_price=claim.new_price,
        currency=claim.currency,
        change_pct=claim.change_pct,
        url=url,
        condition=claim.condition,
        detail=claim.evidence[:500],
        observed_at=now,
    )
    session.add(event)
    session.flush()
    observed = _matching_event(session, event, kinds=OBSERVED_FOR[kind])
    if observed is not None:
        event.linked_event_id, observed.linked_event_id = observed.id, event.id
        session.add(observed)
    return event, True


def _matching_event(session: Session, event: Event, *, kinds: tuple[str, ...]) -> Event | None:
    """The event of the other side (observed ↔ reported) telling the same price within the link window."""
    query = select(Event).where(
        col(Event.kind).in_(kinds),
        Event.model == event.model,
        col(Event.linked_event_id).is_(None),
        Event.observed_at >= event.observed_at - LINK_WINDOW,
        Event.observed_at <= event.observed_at + LINK_WINDOW,
    )
    for other in session.exec(query.order_by(col(Event.observed_at))).all():
        if _same_change(event, other):
            return other
    return None


# Reported events of these models within the window: prepared once, run for every changed batch. Whether one is
# linked already is asked of the few found, not in SQL: given `linked_event_id IS NULL`, SQLite (no statistics)
# walked the index of unlinked events, every pricing event ever stored (2.4 ms a batch at 10,000 events, and
# growing), instead of the index of kinds, where reported events are few.
_REPORTED_NEARBY = (
    col(Event.kind).in_(list(OBSERVED_FOR)),
    col(Event.model).in_(bindparam("models", expanding=True)),
    Event.observed_at >= bindparam("earliest"),
)
_ANY_REPORTED = select(Event.id).where(*_REPORTED_NEARBY).limit(1)
_REPORTED = select(Event).where(*_REPORTED_NEARBY).order_by(col(Event.observed_at))


def link_observed_events(*, session: Session, events: list[Event]) -> None:
    """For new pricing-page events: link each to the reported event it confirms, if any (both ways)."""
    priced = [e for e in events if e.kind in {k for kinds in OBSERVED_FOR.values() for k in kinds}]
    if not priced:
        return
    window = {"models": sorted({e.model for e in priced}), "earliest": min(e.observed_at for e in priced) - LINK_WINDOW}
    # Reported events are rare: a prepared existence test through the connection answers most pages, and
    # only a page with candidates loads them.
    if session.connection().execute(_ANY_REPORTED, window).first() is None:
        return
    candidates = session.exec(_REPORTED, params=window).all()
    for event in priced:
        for reported in candidates:
            if (
                reported.linked_event_id is None
                and _same_change(reported, event)
                and event.kind in OBSERVED_FOR[reported.kind]
            ):
                reported.linked_event_id = event.id
                event.linked_event_id = reported.id
                session.add(reported)
                session.execute(update(Event).where(Event.id == event.id).values(linked_event_id=reported.id))
                break


def _same_change(reported: Event, observed: Event) -> bool:
    if abs(reported.observed_at - observed.observed_at) > LINK_WINDOW or reported.model != observed.model:
        return False
    same_type = reported.price_type is None or observed.price_type is None or observed.price_type == reported.price_type
    same_vendor = reported.vendor is None or observed.vendor == reported.vendor
    same_price = _close(observed.new_price, reported.new_price) or (
        reported.kind.endswith("free") and observed.new_price == 0
    )
    return same_type and same_vendor and same_price


def event_articles(*, session: Session, event_id: int) -> list[dict[str, str]]:
    """The articles (url, title) that told a reported event, in the order they were stored."""
    rows = session.exec(
        select(Article.url, Article.title)
        .join(Claim, Claim.article_id == Article.id)
        .where(Claim.event_id == event_id)
        .order_by(col(Article.id))
    ).all()
    return [{"url": url, "title": title} for url, title in dict.fromkeys(rows)]


def articles_by_event(*, session: Session, event_ids: list[int]) -> dict[int, list[dict[str, str]]]:
    """event_articles for many events in one query: {event id: [{url, title}, …]} (events with none left out)."""
    if not event_ids:
        return {}
    rows = session.exec(
        select(Claim.event_id, Article.url, Article.title)
        .join(Article, Claim.article_id == Article.id)
        .where(col(Claim.event_id).in_(event_ids))
        .order_by(col(Article.id))
    ).all()
    found: dict[int, dict[tuple[str, str], None]] = {}
    for event_id, url, title in rows:
        found.setdefault(event_id, {})[(url, title)] = None
    return {event_id: [{"url": u, "title": t} for u, t in pairs] for event_id, pairs in found.items()}


def event_sources(*, session: Session, event_id: int) -> list[str]:
    """The URLs of every article that told a reported event."""
    rows = session.exec(
        select(Article.url).join(Claim, Claim.article_id == Article.id).where(Claim.event_id == event_id)
    ).all()
    return list(dict.fromkeys(rows))
