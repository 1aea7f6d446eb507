"""SQLModel tables: source health, snapshots, the append-only price history, events."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Column, Index, Numeric, String, Text, TypeDecorator, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored time as an aware UTC datetime: SQLite hands back naive ones, PostgreSQL aware ones."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Money(TypeDecorator):
    """Decimal stored exactly: NUMERIC where the database has it, text on SQLite (which would round to float)."""

    impl = String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect):  # noqa: ANN001, ANN201
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(30, 12))
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value, dialect):  # noqa: ANN001, ANN201
        if value is None:
            return None
        return Decimal(value) if dialect.name == "postgresql" else format(Decimal(value), "f")

    def process_result_value(self, value, dialect):  # noqa: ANN001, ANN201
        if value is None:
            return None
        value = Decimal(value)
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


class SourceHealth(SQLModel, table=True):
    """One row per catalogue source: how its crawls have gone, and what makes the next one cheap."""

    source_id: str = Field(primary_key=True)
    last_ok: datetime | None = None
    last_attempt: datetime | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    broken: bool = False
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    last_good_snapshot_id: int | None = None
    moved_to: str | None = None  # the final URL of a permanent redirect: the catalogue entry wants updating


class Snapshot(SQLModel, table=True):
    """One good reading of a source whose prices differed from the reading before."""

    id: int | None = Field(default=None, primary_key=True)
    source_id: str = Field(index=True)
    taken_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    content_hash: str
    quotes_hash: str
    quote_count: int


class SnapshotPrices(SQLModel, table=True):
    """A snapshot's price list: the sorted rows its quotes_hash is the digest of, as JSON (storage.crawls.PriceList).

    A table of its own, so that a snapshot's row stays small: every unchanged page rewrites it ('last seen'), and with
    four kilobytes of prices in it SQLite rewrote those too (~9 µs a page against ~2). Snapshots stored before revision
    0008 have none.
    """

    snapshot_id: int = Field(foreign_key="snapshot.id", primary_key=True)
    prices: str = Field(sa_column=Column(Text, nullable=False))


class Observation(SQLModel, table=True):
    """The price history: one row per price a source showed, from the snapshot that first showed it until the
    one that changed or dropped it (`ended_at`; None while the page still shows it).

    A changed page writes rows only for the prices that moved or appeared and ends the rows of those that moved
    or went: a page of sixty prices where one model moved writes three rows, not sixty. The source's current
    prices are its rows not yet ended.
    """

    __table_args__ = (
        UniqueConstraint("snapshot_id", "vendor", "model", "price_type", "tier_key"),
        Index("ix_observation_model_time", "model", "observed_at"),  # /history and /price
        # A source's current prices, read for every changed page; partial (WHERE ended_at IS NULL), so ended rows
        # leave it. The predicate is migration 0007's, not declared here: sqlite_where/postgresql_where load
        # both SQLAlchemy dialects when this module is imported (a third of its import time), Alembic does not
        # compare index predicates, and tests/test_migrations.py checks the migrated index is partial.
        Index("ix_observation_current", "source_id"),
    )

    # Indexed only where a query looks: by model and time, by snapshot (the unique key's first column), by
    # vendor, a source's current rows. Each index is written with every row.
    id: int | None = Field(default=None, primary_key=True)
    snapshot_id: int = Field(foreign_key="snapshot.id")
    source_id: str
    observed_at: datetime
    ended_at: datetime | None = None
    vendor: str = Field(index=True)
    model: str
    price_type: str
    tier: str | None = None
    tier_key: str = ""  # tier or "", so the unique key works where NULLs are distinct
    price_per_mtok: Decimal = Field(sa_column=Column(Money(), nullable=False))
    currency: str
    raw: str = ""
    display: str = ""  # the model's name as the page printed it ('Qwen-Long'); `model` is the key


class Event(SQLModel, table=True):
    """A change seen on a pricing page (price_cut, now_free, …) or a source's health (source_broken, …)."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)
    source_id: str = Field(index=True)
    snapshot_id: int | None = Field(default=None, foreign_key="snapshot.id")
    vendor: str | None = Field(default=None, index=True)
    model: str | None = Field(default=None, index=True)
    display: str | None = None  # the model's name as its page prints it, when known
    price_type: str | None = None
    tier: str | None = None
    old_price: Decimal | None = Field(default=None, sa_column=Column(Money(), nullable=True))
    new_price: Decimal | None = Field(default=None, sa_column=Column(Money(), nullable=True))
    currency: str | None = None
    change_pct: float | None = None
    url: str | None = None
    detail: str | None = None
    condition: str | None = None  # reported events: "off-peak 00:30-08:30"
    # A reported event and the pricing-page event that confirms it point at each other.
    linked_event_id: int | None = Field(default=None, index=True)
    observed_at: datetime = Field(default_factory=utcnow, index=True)


class Article(SQLModel, table=True):
    """A news article read once: deduplicated by canonical URL and by content hash."""

    id: int | None = Field(default=None, primary_key=True)
    source_id: str = Field(index=True)
    url: str = Field(unique=True)  # canonical
    link: str | None = Field(default=None, index=True)  # as the feed linked it, when it differs
    title: str = ""
    lang: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime = Field(default_factory=utcnow)
    content_hash: str = Field(unique=True)
    claim_count: int = 0


class Claim(SQLModel, table=True):
    """One price claim of one article, and the reported event it counts towards."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True)
    vendor: str | None = None
    model: str = Field(index=True)
    kind: str
    price_type: str | None = None
    new_price: Decimal | None = Field(default=None, sa_column=Column(Money(), nullable=True))
    old_price: Decimal | None = Field(default=None, sa_column=Column(Money(), nullable=True))
    currency: str | None = None
    condition: str | None = None
    evidence: str = ""


class Subscription(SQLModel, table=True):
    """One of a chat's subscriptions, with filters that combine: vendors AND models AND kinds AND a minimum cut.

    A chat may have several; an event reaches it once if any of them lets it through.
    """

    id: int | None = Field(default=None, primary_key=True)
    chat_id: str = Field(index=True)
    active: bool = True
    vendors: str = ""  # comma-separated vendor ids; empty = any
    models: str = ""  # comma-separated model ids; empty = any
    kinds: str = ""  # comma-separated event kinds; empty = any price event
    min_cut: int | None = None  # only cuts of at least this %, and anything made free
    created_at: datetime = Field(default_factory=utcnow)


class ChatSettings(SQLModel, table=True):
    """A chat's language for replies and alerts (from Telegram's language_code, or /lang)."""

    chat_id: str = Field(primary_key=True)
    lang: str = "en"


class OutboxMessage(SQLModel, table=True):
    """One alert for one chat: the events of one crawl of one source (or one article), sent once."""

    __table_args__ = (UniqueConstraint("group_key", "chat_id"),)

    id: int | None = Field(default=None, primary_key=True)
    group_key: str = Field(index=True)  # "crawl:<source>:<snapshot>", "article:<id>", "health:<event>"
    chat_id: str = Field(index=True)
    lang: str = "en"
    event_ids: str  # comma-separated, in order
    status: str = Field(default="pending", index=True)  # pending | sent | failed | blocked
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, index=True)
    parts_sent: int = 0  # a long alert goes out in parts under Telegram's 4096 characters
    message_ids: str = ""  # comma-separated Telegram message_id of each part sent
    last_error: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None


class ServiceState(SQLModel, table=True):
    """Small named values the service keeps across restarts (the console notifier's last printed event)."""

    key: str = Field(primary_key=True)
    value: str
