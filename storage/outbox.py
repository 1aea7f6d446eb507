"""The outbox: who gets which events, written in the same transaction as the events themselves.

Rows name events, not text: the sender renders each alert in the chat's language when it sends
it, so storage knows nothing of Telegram and a restart renders the same text again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, update
from sqlmodel import Session, col, select

from pricewatch.events import HEALTH_EVENT_KINDS
from pricewatch.settings import get_settings
from storage.models import ChatSettings, Event, OutboxMessage, Subscription, utcnow

FREE_KINDS = ("now_free", "reported_free")
CUT_KINDS = ("price_cut", "reported_price_cut")


@dataclass(frozen=True)
class Recipient:
    chat_id: str
    lang: str
    subscription: Subscription | None = None  # None: the channel or an admin, who get everything


def matches(subscription: Subscription, event: Event) -> bool:
    """Whether a subscriber's filters let this event through."""
    if event.kind in HEALTH_EVENT_KINDS:
        return False
    vendors = [v for v in subscription.vendors.split(",") if v]
    models = [m for m in subscription.models.split(",") if m]
    if vendors and event.vendor not in vendors:
        return False
    if models and event.model not in models:
        return False
    if subscription.min_cut is not None:
        if event.kind in FREE_KINDS:
            return True
        return event.kind in CUT_KINDS and event.change_pct is not None and -event.change_pct >= subscription.min_cut
    return True


def _lang(session: Session, chat_id: str, default: str = "en") -> str:
    chat = session.get(ChatSettings, chat_id)
    return chat.lang if chat else default


def enqueue_alerts(*, session: Session, events: list[Event], group_key: str, now: datetime | None = None) -> int:
    """Outbox rows for these events (one crawl or one article): one row per chat that should hear of them."""
    if not events:
        return 0
    settings = get_settings()
    health = [e for e in events if e.kind in HEALTH_EVENT_KINDS]
    prices = [e for e in events if e.kind not in HEALTH_EVENT_KINDS]
    rows = 0
    if settings.telegram_configured:
        for admin in settings.admin_ids:
            rows += _add(session, f"{group_key}:health", str(admin), _lang(session, str(admin)), health, now)
        if settings.telegram_channel_id:
            rows += _add(session, group_key, settings.telegram_channel_id, settings.telegram_channel_lang, prices, now)
    for sub in session.exec(select(Subscription).where(Subscription.active == True)).all():  # noqa: E712
        if sub.chat_id == settings.telegram_channel_id:
            continue
        wanted = [e for e in prices if matches(sub, e)]
        rows += _add(session, group_key, sub.chat_id, _lang(session, sub.chat_id), wanted, now)
    return rows


def _add(session: Session, group_key: str, chat_id: str, lang: str, events: list[Event], now: datetime | None) -> int:
    if not events:
        return 0
    session.execute(
        insert(OutboxMessage).values(
            group_key=group_key,
            chat_id=chat_id,
            lang=lang,
            event_ids=",".join(str(e.id) for e in events),
            status="pending",
            attempts=0,
            parts_sent=0,
            message_ids="",
            next_attempt_at=now or utcnow(),
            created_at=utcnow(),
        )
    )
    return 1


def due_messages(*, session: Session, now: datetime | None = None, limit: int = 100) -> list[OutboxMessage]:
    """Pending rows whose time has come, oldest first."""
    query = select(OutboxMessage).where(
        OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= (now or utcnow())
    )
    return list(session.exec(query.order_by(col(OutboxMessage.id)).limit(limit)).all())


def events_of(*, session: Session, message: OutboxMessage) -> list[Event]:
    ids = [int(i) for i in message.event_ids.split(",") if i]
    found = {e.id: e for e in session.exec(select(Event).where(col(Event.id).in_(ids))).all()}
    return [found[i] for i in ids if i in found]


def move_chat(*, session: Session, old_chat_id: str, new_chat_id: str) -> None:
    """A group that became a supergroup has a new id: its subscription, settings and pending alerts follow it."""
    for table in (Subscription, ChatSettings):
        if session.get(table, new_chat_id) is None:
            session.execute(update(table).where(col(table.chat_id) == old_chat_id).values(chat_id=new_chat_id))
    session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.chat_id) == old_chat_id, col(OutboxMessage.status) == "pending")
        .values(chat_id=new_chat_id)
    )
    session.commit()
