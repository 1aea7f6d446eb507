"""The outbox: who gets which events, written in the same transaction as the events themselves.

Rows name events, not text: the sender renders each alert in the chat's language when it sends
it, so storage knows nothing of Telegram and a restart renders the same text again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import insert, update
from sqlmodel import Session, col, select

from pricewatch.events import HEALTH_EVENT_KINDS
from pricewatch.settings import AlertRecipients
from storage.models import ChatSettings, Event, OutboxMessage, Subscription, utcnow

FREE_KINDS = ("now_free", "reported_free")
CUT_KINDS = ("price_cut", "reported_price_cut")


@dataclass(frozen=True)
class Recipient:
    chat_id: str
    lang: str
    subscription: Subscription | None = None  # None: the channel or an admin, who get everything


class Filters(Protocol):
    """What matches() reads of a subscription: a Subscription, or a plain row of its table."""

    vendors: str
    models: str
    kinds: str
    min_cut: int | None


def matches(subscription: Filters, event: Event) -> bool:
    """Whether a subscriber's filters let this event through."""
    if event.kind in HEALTH_EVENT_KINDS:
        return False
    vendors = [v for v in subscription.vendors.split(",") if v]
    models = [m for m in subscription.models.split(",") if m]
    kinds = [k for k in subscription.kinds.split(",") if k]
    if vendors and event.vendor not in vendors:
        return False
    if models and event.model not in models:
        return False
    if kinds and event.kind not in kinds:
        return False
    if subscription.min_cut is not None:
        if event.kind in FREE_KINDS:
            return True
        return event.kind in CUT_KINDS and event.change_pct is not None and -event.change_pct >= subscription.min_cut
    return True


_ACTIVE_SUBSCRIPTIONS = select(*Subscription.__table__.columns).where(Subscription.active == True)  # noqa: E712


def enqueue_alerts(
    *,
    session: Session,
    events: list[Event],
    group_key: str,
    recipients: AlertRecipients,
    now: datetime | None = None,
) -> int:
    """Outbox rows for these events (one crawl or one article): one row per chat that should hear of them.

    RECIPIENTS (admins, the channel) are the caller's to give: storage knows nothing of Telegram's settings.
    """
    return enqueue_alert_groups(session=session, groups=[(group_key, events)], recipients=recipients, now=now)


def enqueue_alert_groups(
    *,
    session: Session,
    groups: list[tuple[str, list[Event]]],
    recipients: AlertRecipients,
    now: datetime | None = None,
) -> int:
    """enqueue_alerts for several groups of events (the pages of one stored batch), the chats and their
    subscriptions read once for all of them."""
    groups = [(group_key, events) for group_key, events in groups if events]
    if not groups:
        return 0
    admin_langs = _langs(session, list(recipients.admin_ids))
    by_chat: dict[str, list[Filters]] = {}
    # Plain rows through the connection (the filters are read, never written): this runs for every changed page.
    for sub in session.connection().execute(_ACTIVE_SUBSCRIPTIONS).all():
        if sub.chat_id != recipients.channel_id:
            by_chat.setdefault(sub.chat_id, []).append(sub)
    languages = _langs(session, list(by_chat))
    rows = 0
    for group_key, events in groups:
        health = [e for e in events if e.kind in HEALTH_EVENT_KINDS]
        prices = [e for e in events if e.kind not in HEALTH_EVENT_KINDS]
        for admin in recipients.admin_ids:
            rows += _add(session, f"{group_key}:health", admin, admin_langs.get(admin, "en"), health, now)
        if recipients.channel_id:
            rows += _add(session, group_key, recipients.channel_id, recipients.channel_lang, prices, now)
        for chat_id, subs in by_chat.items():
            # Any of the chat's subscriptions lets an event through; the chat hears of it once.
            wanted = [e for e in prices if any(matches(sub, e) for sub in subs)]
            rows += _add(session, group_key, chat_id, languages.get(chat_id, "en"), wanted, now)
    return rows


FOLLOW_UP_WINDOW = timedelta(days=14)


def follow_up_key(group_key: str, original: OutboxMessage) -> str:
    return f"{group_key}:also:{original.id}"


def original_of(*, session: Session, message: OutboxMessage) -> OutboxMessage | None:
    """The alert a follow-up row answers (None for an ordinary alert)."""
    head, marker, original_id = message.group_key.rpartition(":also:")
    if not marker or not original_id.isdigit():
        return None
    return session.get(OutboxMessage, int(original_id))


def enqueue_follow_ups(*, session: Session, told: list[Event], group_key: str, now: datetime | None = None) -> int:
    """News of changes the pricing page already showed: each chat that had that alert gets a short reply to it."""
    by_observed = {e.linked_event_id: e for e in told if e.linked_event_id is not None}
    if not by_observed:
        return 0
    since = (now or utcnow()) - FOLLOW_UP_WINDOW
    query = select(OutboxMessage).where(
        OutboxMessage.created_at >= since, col(OutboxMessage.group_key).startswith("crawl:")
    )
    rows, answered = 0, set()
    for original in session.exec(query.order_by(col(OutboxMessage.id))).all():
        ids = {int(i) for i in original.event_ids.split(",") if i}
        reports = [by_observed[i] for i in sorted(ids) if i in by_observed]
        if reports and original.chat_id not in answered and not original.group_key.endswith(":health"):
            answered.add(original.chat_id)
            rows += _add(session, follow_up_key(group_key, original), original.chat_id, original.lang, reports, now)
    return rows


def _langs(session: Session, chat_ids: list[str]) -> dict[str, str]:
    """Every chat's language in one query."""
    if not chat_ids:
        return {}
    rows = session.exec(select(ChatSettings).where(col(ChatSettings.chat_id).in_(chat_ids))).all()
    return {row.chat_id: row.lang for row in rows}


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
    session.execute(update(Subscription).where(col(Subscription.chat_id) == old_chat_id).values(chat_id=new_chat_id))
    if session.get(ChatSettings, new_chat_id) is None:
        session.execute(
            update(ChatSettings).where(col(ChatSettings.chat_id) == old_chat_id).values(chat_id=new_chat_id)
        )
    session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.chat_id) == old_chat_id, col(OutboxMessage.status) == "pending")
        .values(chat_id=new_chat_id)
    )
    session.commit()


# --- a chat's subscriptions, numbered as the chat sees them ----------------------------------------------


def chat_subscriptions(*, session: Session, chat_id: str) -> list[Subscription]:
    """The chat's active subscriptions, oldest first: /mysubs numbers them 1, 2, 3…"""
    query = select(Subscription).where(Subscription.chat_id == chat_id, Subscription.active == True)  # noqa: E712
    return list(session.exec(query.order_by(col(Subscription.id))).all())


def add_subscription(
    *, session: Session, chat_id: str, vendors: list[str], models: list[str], min_cut: int | None
) -> tuple[int, bool]:
    """(its number, whether it is new): the same filters twice are one subscription."""
    current = chat_subscriptions(session=session, chat_id=chat_id)
    wanted = (",".join(vendors), ",".join(models), min_cut)
    for number, sub in enumerate(current, start=1):
        if (sub.vendors, sub.models, sub.min_cut) == wanted:
            return number, False
    session.add(Subscription(chat_id=chat_id, vendors=wanted[0], models=wanted[1], min_cut=min_cut))
    session.commit()
    return len(current) + 1, True


def remove_subscriptions(*, session: Session, chat_id: str, number: int | None = None) -> int:
    """Remove subscription NUMBER (as /mysubs shows it), or every one: how many were removed."""
    current = chat_subscriptions(session=session, chat_id=chat_id)
    chosen = current if number is None else current[number - 1 : number] if 1 <= number <= len(current) else []
    for sub in chosen:
        sub.active = False
        session.add(sub)
    session.commit()
    return len(chosen)
