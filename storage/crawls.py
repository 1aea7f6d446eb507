"""Recording one crawl of one source: health, snapshot, observations and events in one transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import NamedTuple

from sqlalchemy import Connection, Select, String, Table, bindparam, insert, type_coerce, update
from sqlmodel import Session, select

from pricewatch.quotes import Quote
from pricewatch.settings import NOBODY, AlertRecipients
from storage.diff import PriceChange, Priced, diff_quotes, lost_models, models_turned_free
from storage.models import Event, Observation, Snapshot, SnapshotPrices, SourceHealth, utcnow
from storage.news import link_observed_events
from storage.outbox import enqueue_alert_groups, enqueue_alerts

BROKEN_AFTER = 3  # consecutive failures before a source_broken event


@dataclass
class Fetched:
    """What the spider got: a body already read into quotes, or an error, or 'unchanged'."""

    source_id: str
    url: str
    quotes: list[Quote] = field(default_factory=list)
    error: str | None = None
    unchanged: bool = False  # 304, or the same bytes as last time
    content_hash: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # the page's final URL after a permanent redirect


@dataclass
class CrawlReport:
    source_id: str
    ok: bool
    quotes: int = 0
    events: list[str] = field(default_factory=list)
    error: str | None = None
    unchanged: bool = False


PriceRow = list[str]  # [vendor, model, price_type, tier or "", amount, currency or ""]


class PriceList(NamedTuple):
    """A page's prices as its snapshot keeps them: sorted rows of each price's key, its amount as the reader wrote
    it and its currency; the rows as JSON (its SnapshotPrices row) and that text's SHA-256 (its `quotes_hash`)."""

    rows: list[PriceRow]
    text: str
    digest: str

    @classmethod
    def of(cls, quotes: list[Quote]) -> PriceList:
        rows = sorted(
            [q.vendor, q.model, q.price_type, q.tier or "", str(q.price_per_mtok), q.currency or ""] for q in quotes
        )
        text = json.dumps(rows)
        return cls(rows, text, hashlib.sha256(text.encode()).hexdigest())


_OBSERVATIONS = Observation.__table__
_HELD_COLUMNS = (
    _OBSERVATIONS.c.id,
    _OBSERVATIONS.c.vendor,
    _OBSERVATIONS.c.model,
    _OBSERVATIONS.c.price_type,
    _OBSERVATIONS.c.tier,
    # The amount as the driver gives it (SQLite: the text Money wrote; PostgreSQL: a Decimal), made a Decimal below:
    # Money's tidying of a page's sixty amounts was half the cost of loading them. Only compared and written back as
    # numbers, the amounts need no tidying; every amount shown to a user is read through Money.
    type_coerce(_OBSERVATIONS.c.price_per_mtok, String),
    _OBSERVATIONS.c.currency,
    _OBSERVATIONS.c.display,
)
_CURRENT_OF = (
    select(_OBSERVATIONS.c.source_id, *_HELD_COLUMNS)
    .where(_OBSERVATIONS.c.source_id.in_(bindparam("sources", expanding=True)), _OBSERVATIONS.c.ended_at.is_(None))
    .order_by(_OBSERVATIONS.c.id)
)
# The current rows of some models of some sources: a changed page's prices that moved, a few of its sixty.
_CURRENT_OF_MODELS = _CURRENT_OF.where(_OBSERVATIONS.c.model.in_(bindparam("models", expanding=True)))
_END = update(_OBSERVATIONS).where(_OBSERVATIONS.c.id == bindparam("row_id")).values(ended_at=bindparam("ended"))


class Held(NamedTuple):
    """A price the source's last good snapshot shows, as the observation row that holds it has it: what the diff reads
    of a Quote, without building one (a Quote costs twice as much to build: 0.78 µs against 0.39)."""

    row_id: int | None  # None: read from the snapshot's price list, not from its row
    key: tuple[str, str, str, str]  # as Quote.key: (vendor, model, price_type, tier or "")
    vendor: str
    model: str
    price_type: str
    tier: str | None
    price_per_mtok: Decimal
    currency: str | None
    display: str

    @classmethod
    def listed(cls, row: PriceRow) -> Held:
        """A price as the snapshot's price list has it: enough for the guard against a page gone all zero."""
        vendor, model, price_type, tier, amount, currency = row
        key = (vendor, model, price_type, tier)
        return cls(None, key, vendor, model, price_type, tier or None, Decimal(amount), currency or None, "")


def _held_rows(session: Session, statement: Select, params: dict[str, object]) -> dict[str, list[Held]]:
    """Each source's current rows that STATEMENT selects (_CURRENT_OF, or of some models), as Held prices."""
    held: dict[str, list[Held]] = {source_id: [] for source_id in params["sources"]}  # type: ignore[attr-defined]
    # Plain rows through the connection, not the ORM.
    for source_id, row_id, vendor, model, price_type, tier, amount, currency, display in (
        session.connection().execute(statement, params).all()
    ):
        key = (vendor, model, price_type, tier or "")
        held[source_id].append(Held(row_id, key, vendor, model, price_type, tier, Decimal(amount), currency, display))
    return held


@dataclass(slots=True)
class Previous:
    """What a changed page is compared with: its source's last good snapshot.

    `rows` is the snapshot's price list (None for a snapshot stored before lists were kept). With it, only the
    prices whose row differs from the page's (`moved`: their keys) are loaded from the history into `held` and
    diffed: a price with the same key, amount and currency stays as it is. Without it, `held` is every current row
    and `moved` is None: every price is diffed, as the page's sixty rows were before.
    """

    rows: list[PriceRow] | None
    held: list[Held]
    moved: set[tuple[str, str, str, str]] | None

    def models(self) -> set[tuple[str, str]]:
        if self.rows is None:
            return {(h.vendor, h.model) for h in self.held}
        return {(row[0], row[1]) for row in self.rows}

    def priced(self) -> Sequence[Priced]:
        """Every price of the snapshot (the guard's rare look at a page whose every price is zero)."""
        return self.held if self.rows is None else [Held.listed(row) for row in self.rows]

    def to_diff(self, quotes: list[Quote]) -> list[Quote]:
        """The page's prices the diff needs: those whose key moved (all, without a price list)."""
        return quotes if self.moved is None else [q for q in quotes if q.key in self.moved]


def previous_prices(*, session: Session, known: KnownSources, pages: dict[str, PriceList]) -> dict[str, Previous]:
    """For each page (source → its price list) whose prices differ from its source's last good
    snapshot, what it is compared with; two or three queries for a batch of pages."""
    lasts = {source_id: known.last_snapshot(session, known.health_of(session, source_id)) for source_id in pages}
    differ = {
        source_id: last.id
        for source_id, last in lasts.items()
        if last is not None and last.quotes_hash != pages[source_id].digest
    }
    if not differ:
        return {}
    connection = session.connection()
    lists = dict(connection.execute(_PRICE_LISTS, {"ids": sorted(set(differ.values()))}).all())
    previous: dict[str, Previous] = {}
    unlisted: list[str] = []
    wanted: dict[str, set[tuple[str, ...]]] = {}  # the keys of held prices that moved or went: rows to load
    for source_id, snapshot_id in differ.items():
        if lists.get(snapshot_id) is None:
            unlisted.append(source_id)
            continue
        old_rows: list[PriceRow] = json.loads(lists[snapshot_id])
        old, new = set(map(tuple, old_rows)), set(map(tuple, pages[source_id].rows))
        previous[source_id] = Previous(old_rows, [], {row[:4] for row in old ^ new})  # type: ignore[misc]
        if gone := {row[:4] for row in old - new}:
            wanted[source_id] = gone
    if wanted:
        models = sorted({key[1] for keys in wanted.values() for key in keys})
        params = {"sources": sorted(wanted), "models": models}
        for source_id, rows in _held_rows(session, _CURRENT_OF_MODELS, params).items():
            previous[source_id].held = [h for h in rows if h.key in wanted[source_id]]
    if unlisted:
        for source_id, rows in _held_rows(session, _CURRENT_OF, {"sources": unlisted}).items():
            previous[source_id] = Previous(None, rows, None)
    return previous


def health_of(*, session: Session, source_id: str) -> SourceHealth:
    return session.get(SourceHealth, source_id) or SourceHealth(source_id=source_id)


@dataclass(slots=True)
class HealthState:
    """A source's health row as a crawl's transactions read and write it: plain attributes, in the table's column
    order. An SQLModel instance cost ~35 µs to build and ~2 µs for each attribute set, on every page of a crawl."""

    source_id: str
    last_ok: datetime | None = None
    last_attempt: datetime | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    broken: bool = False
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    last_good_snapshot_id: int | None = None
    moved_to: str | None = None


Health = SourceHealth | HealthState  # the ORM row (a news feed's health) or the crawl's plain copy


@dataclass(frozen=True)
class KnownSnapshot:
    """What recording a crawl needs of a source's last good snapshot."""

    id: int
    quotes_hash: str
    quote_count: int


class KnownSources:
    """Every source's health row and last good snapshot, loaded in one query when a crawl first needs one.

    A crawl records many sources through one session; without this, each page cost two primary-key
    lookups. The crawl is the only writer of its sources' rows (the service never crawls a source twice at
    once), so what was loaded stays true for the crawl. Health rows are plain objects outside the ORM's
    identity map: a commit does not expire them and a query does not flush them. What a transaction changed
    goes out as Core statements before its commit: one INSERT for new sources, one batched UPDATE for the
    others, one for the 'last seen' times of unchanged snapshots.
    """

    def __init__(self, *, load_all: bool = True) -> None:
        self.load_all = load_all  # False: one source at a time, looked up by its key (a single record_crawl)
        self.health: dict[str, HealthState] | None = None
        self.stored: set[str] = set()  # sources whose health row exists in the database
        self.changed: dict[str, HealthState] = {}
        self.snapshots: dict[int, KnownSnapshot] = {}
        self.seen: dict[int, datetime] = {}

    def health_of(self, session: Session, source_id: str) -> HealthState:
        if self.health is None:
            self.health = self._load(session) if self.load_all else {}
        found = self.health.get(source_id)
        if found is None:
            row = None if self.load_all else session.connection().execute(_HEALTH_BY_ID, {"key": source_id}).first()
            if row is not None:
                self.stored.add(source_id)
            found = self.health[source_id] = _health_of_row(row) if row else HealthState(source_id=source_id)
        return found

    def last_snapshot(self, session: Session, health: HealthState) -> KnownSnapshot | None:
        snapshot_id = health.last_good_snapshot_id
        if snapshot_id is None:
            return None
        if snapshot_id not in self.snapshots:
            row = session.connection().execute(_SNAPSHOT_BY_ID, {"snapshot_id": snapshot_id}).first()
            if row is None:
                return None
            self.snapshots[snapshot_id] = KnownSnapshot(*row)
        return self.snapshots[snapshot_id]

    def write(self, session: Session) -> None:
        """The transaction's changed health rows and 'last seen' times, as batched Core statements."""
        connection = session.connection()
        new = [health for source_id, health in self.changed.items() if source_id not in self.stored]
        old = [health for source_id, health in self.changed.items() if source_id in self.stored]
        if new:
            connection.execute(insert(_HEALTH), [_health_values(health) for health in new])
        if old:
            connection.execute(_UPDATE_HEALTH, [{"key": h.source_id, **_health_values(h, key=False)} for h in old])
        if self.seen:
            connection.execute(_SEEN, [{"snapshot_id": sid, "seen": when} for sid, when in self.seen.items()])
        # A caller may hold the ORM's copy of a row written here (session.get in the same session): expire it.
        for instance in list(session.identity_map.values()):
            if isinstance(instance, SourceHealth) and instance.source_id in self.changed:
                session.expire(instance)
        self.stored.update(self.changed)
        self.changed, self.seen = {}, {}

    def forget(self) -> None:
        """After a failed transaction the loaded rows may be stale: load again on next use."""
        self.health, self.stored, self.changed, self.snapshots, self.seen = None, set(), {}, {}, {}

    def _load(self, session: Session) -> dict[str, HealthState]:
        columns = (_SNAPSHOTS.c.id, _SNAPSHOTS.c.quotes_hash, _SNAPSHOTS.c.quote_count)
        statement = select(_HEALTH, *columns).outerjoin(_SNAPSHOTS, _SNAPSHOTS.c.id == _HEALTH.c.last_good_snapshot_id)
        rows = session.connection().execute(statement).all()
        width = len(_HEALTH.columns)
        self.snapshots = {row[width]: KnownSnapshot(*row[width:]) for row in rows if row[width] is not None}
        health = {row.source_id: _health_of_row(row[:width]) for row in rows}
        self.stored = set(health)
        return health


def _health_of_row(values: Sequence[object]) -> HealthState:
    """A health row read with Core, its columns in table order."""
    return HealthState(*values)


def _health_values(health: HealthState, *, key: bool = True) -> dict[str, object]:
    return {name: getattr(health, name) for name in _HEALTH_COLUMNS if key or name != "source_id"}


_SNAPSHOTS = Snapshot.__table__
# Statements built once: building a SQL expression per page cost as much as running it.
_SNAPSHOT_BY_ID = select(_SNAPSHOTS.c.id, _SNAPSHOTS.c.quotes_hash, _SNAPSHOTS.c.quote_count).where(
    _SNAPSHOTS.c.id == bindparam("snapshot_id")
)
_PRICE_LISTS_TABLE = SnapshotPrices.__table__
_PRICE_LISTS = select(_PRICE_LISTS_TABLE.c.snapshot_id, _PRICE_LISTS_TABLE.c.prices).where(
    _PRICE_LISTS_TABLE.c.snapshot_id.in_(bindparam("ids", expanding=True))
)
_SEEN = update(_SNAPSHOTS).where(_SNAPSHOTS.c.id == bindparam("snapshot_id")).values(last_seen_at=bindparam("seen"))
_HEALTH = SourceHealth.__table__
_HEALTH_COLUMNS = tuple(column.name for column in _HEALTH.columns)
if _HEALTH_COLUMNS != tuple(HealthState.__dataclass_fields__):  # a migration added a column: add it to HealthState
    raise RuntimeError(f"HealthState fields differ from the source_health columns {_HEALTH_COLUMNS}")
_HEALTH_BY_ID = select(_HEALTH).where(_HEALTH.c.source_id == bindparam("key"))
# The SET clause comes from each row's keys: every column but the key.
_UPDATE_HEALTH = update(_HEALTH).where(_HEALTH.c.source_id == bindparam("key"))


def record_crawl(
    *,
    session: Session,
    fetched: Fetched,
    recipients: AlertRecipients = NOBODY,
    now: datetime | None = None,
    known: KnownSources | None = None,
) -> CrawlReport:
    """Apply one crawl: a failure counts against the source; a good read is diffed against the last good one.

    One transaction per source. KNOWN, when a crawl passes one, saves looking up health and snapshot rows.
    """
    [report] = record_crawls(session=session, fetched=[fetched], recipients=recipients, now=now, known=known)
    return report


def record_crawls(
    *,
    session: Session,
    fetched: list[Fetched],
    recipients: AlertRecipients = NOBODY,
    now: datetime | None = None,
    known: KnownSources | None = None,
) -> list[CrawlReport]:
    """Several pages of one crawl in one transaction, each recorded as record_crawl would, all at NOW: a
    busy crawl commits once per batch, not once per page. Any failure rolls the whole batch back (nothing of it is
    kept or reported), so a caller can record the pages one by one to find the page at fault."""
    known = known or KnownSources(load_all=False)
    now = now or utcnow()
    with _transaction(session, known):
        reports = []
        for group in _distinct_sources(fetched):
            batch = _Batch(now, recipients)
            pages = {f.source_id: PriceList.of(f.quotes) for f in group if not (f.error or f.unchanged)}
            previous = previous_prices(session=session, known=known, pages=pages)
            reports += [
                _apply(session, f, pages.get(f.source_id), previous.get(f.source_id), batch, known) for f in group
            ]
            batch.write(session, known)
        return reports


def _distinct_sources(fetched: list[Fetched]) -> Iterator[list[Fetched]]:
    """The pages in runs that name each source once: a run is stored in one go (its prices loaded before any of it
    is written), so a source's second page must see what its first wrote."""
    group: list[Fetched] = []
    named: set[str] = set()
    for page in fetched:
        if page.source_id in named:
            yield group
            group, named = [], set()
        group.append(page)
        named.add(page.source_id)
    if group:
        yield group


def record_unchanged(
    *,
    session: Session,
    fetched: list[Fetched],
    recipients: AlertRecipients = NOBODY,
    now: datetime | None = None,
    known: KnownSources | None = None,
) -> list[CrawlReport]:
    """Many unchanged pages (304, or the same bytes) of one crawl in one transaction: their health and
    'last seen' times, written as one batched UPDATE per table."""
    if any(f.error or not f.unchanged for f in fetched):
        raise ValueError("record_unchanged takes unchanged pages only")
    return record_crawls(session=session, fetched=fetched, recipients=recipients, now=now, known=known)


@contextmanager
def _transaction(session: Session, known: KnownSources) -> Iterator[None]:
    """Commit what the block recorded (and the waiting 'last seen' times); on failure roll back and forget."""
    try:
        yield
        known.write(session)
        session.commit()
    except Exception:
        session.rollback()
        known.forget()  # the loaded objects may hold what was rolled back
        raise


def _apply(
    session: Session,
    fetched: Fetched,
    listed: PriceList | None,
    previous: Previous | None,
    batch: _Batch,
    known: KnownSources,
) -> CrawlReport:
    """One page of a batch: LISTED is its price list (None for an error or an unchanged page),
    PREVIOUS what it is compared with (None when it shows what its last good snapshot showed, or has none)."""
    health = known.health_of(session, fetched.source_id)
    health.last_attempt = batch.now
    if not fetched.error:
        health.moved_to = fetched.moved_to
    error = fetched.error or (None if fetched.unchanged else _guard(previous, fetched.quotes))
    if error:
        report = _record_failure(session, health, fetched, error, batch.now, batch.recipients)
    else:
        report = _record_success(session, health, fetched, listed, previous, batch, known)
    known.changed[health.source_id] = health
    return report


def _guard(previous: Previous | None, quotes: list[Quote]) -> str | None:
    """Why a page's reading is not to be kept, if it is not: nothing read, or most models or prices lost against its
    last good snapshot (PREVIOUS: None when it has none, or when the page shows what it showed)."""
    if not quotes:
        return "no prices found on the page"
    if previous is None:
        return None
    lost, known = lost_models(previous.models(), quotes)
    if known and lost * 2 > known:
        return f"the page lost {lost} of its {known} known models; kept the last good prices"
    if any(q.price_per_mtok != 0 for q in quotes):  # the usual page, asked first: it stops at its first price
        return None
    zeroed, priced = models_turned_free(previous.priced(), quotes)
    if zeroed >= 2 and zeroed * 2 > priced:
        # A placeholder page printing "Free" or "$0.00" in every cell, not a price war: no burst of now_free.
        # (ERNIE Speed and Lite made free beside a still-priced ERNIE 4.0 is a real event and alerts.)
        return f"every price went to zero ({zeroed} of {priced} priced models read as free); kept the last good prices"
    return None


def _record_failure(
    session: Session, health: Health, fetched: Fetched, error: str, now: datetime, recipients: AlertRecipients
) -> CrawlReport:
    health.last_error = error
    health.consecutive_failures += 1
    events = []
    if health.consecutive_failures >= BROKEN_AFTER and not health.broken:
        health.broken = True
        broken = Event(kind="source_broken", source_id=health.source_id, url=fetched.url, detail=error, observed_at=now)
        session.add(broken)
        session.flush()
        enqueue_alerts(
            session=session, events=[broken], group_key=f"health:{broken.id}", recipients=recipients, now=now
        )
        events.append("source_broken")
    return CrawlReport(fetched.source_id, ok=False, error=error, events=events)


def record_fetch_health(
    *,
    session: Session,
    source_id: str,
    url: str,
    error: str | None,
    recipients: AlertRecipients = NOBODY,
    now: datetime | None = None,
) -> list[str]:
    """Health of a source whose fetch yields no snapshot (a news feed): failures count, success resets."""
    now = now or utcnow()
    health = health_of(session=session, source_id=source_id)
    health.last_attempt = now
    if error:
        events = _record_failure(session, health, Fetched(source_id=source_id, url=url), error, now, recipients).events
    else:
        events = _mark_ok(session, health, url, now, recipients)
    session.add(health)
    session.commit()
    return events


def _mark_ok(session: Session, health: Health, url: str, now: datetime, recipients: AlertRecipients) -> list[str]:
    events = []
    if health.broken:
        recovered = Event(kind="source_recovered", source_id=health.source_id, url=url, observed_at=now)
        session.add(recovered)
        session.flush()
        group_key = f"health:{recovered.id}"
        enqueue_alerts(session=session, events=[recovered], group_key=group_key, recipients=recipients, now=now)
        events.append("source_recovered")
    health.broken, health.consecutive_failures, health.last_error, health.last_ok = False, 0, None, now
    return events


def _record_success(
    session: Session,
    health: HealthState,
    fetched: Fetched,
    listed: PriceList | None,
    previous: Previous | None,
    batch: _Batch,
    known: KnownSources,
) -> CrawlReport:
    events = _mark_ok(session, health, fetched.url, batch.now, batch.recipients)
    health.etag = fetched.etag or health.etag
    health.last_modified = fetched.last_modified or health.last_modified
    last = known.last_snapshot(session, health)
    if fetched.unchanged or listed is None or (last is not None and last.quotes_hash == listed.digest):
        if last is not None:
            known.seen[last.id] = batch.now
        health.content_hash = fetched.content_hash or health.content_hash
        return CrawlReport(
            fetched.source_id, ok=True, quotes=last.quote_count if last else 0, events=events, unchanged=True
        )
    # A first reading is a baseline (no events); a later one is diffed on the prices that moved.
    quotes = fetched.quotes if previous is None else previous.to_diff(fetched.quotes)
    changes = diff_quotes(previous.held, quotes) if previous is not None else []
    held = previous.held if previous is not None else []
    batch.snapshots.append(_NewSnapshot(health, fetched, held, quotes, listed, changes))
    events += [change.kind for change in changes]
    return CrawlReport(fetched.source_id, ok=True, quotes=len(fetched.quotes), events=events)


@dataclass(slots=True)
class _NewSnapshot:
    """A page whose prices changed, waiting to be written with the others of its group."""

    health: HealthState
    fetched: Fetched
    held: list[Held]  # the stored prices compared: those that moved (all, for a snapshot without a price list)
    quotes: list[Quote]  # the page's prices compared with them
    listed: PriceList  # the page's own
    changes: list[PriceChange]


@dataclass
class _Batch:
    """What a group of pages writes together: a statement for all their snapshots, one for the rows of prices that
    ended, one for the new rows, one for the events, one look for the reported events they confirm and one for the
    chats that want them (a page at a time, these were seven statements a page)."""

    now: datetime
    recipients: AlertRecipients
    snapshots: list[_NewSnapshot] = field(default_factory=list)

    def write(self, session: Session, known: KnownSources) -> None:
        if not self.snapshots:
            return
        connection = session.connection()
        snapshot_ids = inserted_ids(connection, _SNAPSHOTS, [self._snapshot_row(new) for new in self.snapshots])
        lists = [
            {"snapshot_id": i, "prices": new.listed.text} for new, i in zip(self.snapshots, snapshot_ids, strict=True)
        ]
        connection.execute(insert(_PRICE_LISTS_TABLE), lists)
        ended: list[dict[str, object]] = []
        fresh: list[dict[str, object]] = []
        event_rows: list[dict[str, object]] = []
        groups: list[tuple[str, int]] = []
        for new, snapshot_id in zip(self.snapshots, snapshot_ids, strict=True):
            source_id, quotes = new.health.source_id, new.fetched.quotes
            known.snapshots[snapshot_id] = KnownSnapshot(snapshot_id, new.listed.digest, len(quotes))
            gone, appeared = _moves(new.held, new.quotes)
            ended += [{"row_id": row_id, "ended": self.now} for row_id in gone]
            fresh += [_observation_row(q, source_id, snapshot_id, self.now) for q in appeared]
            event_rows += [_event_row(c, source_id, snapshot_id, new.fetched.url, self.now) for c in new.changes]
            groups.append((f"crawl:{source_id}:{snapshot_id}", len(new.changes)))
            new.health.last_good_snapshot_id = snapshot_id
            new.health.content_hash = new.fetched.content_hash
        if ended:
            connection.execute(_END, ended)
        if fresh:
            connection.execute(insert(_OBSERVATIONS), fresh)
        created = insert_events(session, event_rows)
        link_observed_events(session=session, events=created)
        by_page, start = [], 0
        for group_key, count in groups:
            by_page.append((group_key, created[start : start + count]))
            start += count
        enqueue_alert_groups(session=session, groups=by_page, recipients=self.recipients, now=self.now)

    def _snapshot_row(self, new: _NewSnapshot) -> dict[str, object]:
        return {
            "source_id": new.health.source_id,
            "taken_at": self.now,
            "last_seen_at": self.now,
            "content_hash": new.fetched.content_hash or "",
            "quotes_hash": new.listed.digest,
            "quote_count": len(new.fetched.quotes),
        }


def _moves(held: list[Held], quotes: list[Quote]) -> tuple[list[int], list[Quote]]:
    """The rows of prices that moved or went (to end), and the prices that moved or appeared (new rows).

    A price that stays (same model, type, tier, amount and currency) keeps its row: a page where one model of
    twenty moved writes three rows, not sixty.
    """
    # Each held price until the page shows it again; what is left is a price the page no longer shows.
    unseen = {(h.key, h.price_per_mtok, h.currency or ""): h.row_id for h in held}
    fresh = [q for q in quotes if unseen.pop((q.key, q.price_per_mtok, q.currency or ""), None) is None]
    return list(unseen.values()), fresh


def _observation_row(quote: Quote, source_id: str, snapshot_id: int, now: datetime) -> dict[str, object]:
    return {
        "snapshot_id": snapshot_id,
        "source_id": source_id,
        "observed_at": now,
        "vendor": quote.vendor,
        "model": quote.model,
        "price_type": quote.price_type,
        "tier": quote.tier,
        "tier_key": quote.tier or "",
        "price_per_mtok": quote.price_per_mtok,
        "currency": quote.currency or "",
        "raw": quote.raw[:500],
        "display": quote.display[:120],
    }


def _event_row(
    change: PriceChange, source_id: str, snapshot_id: int | None, url: str, now: datetime
) -> dict[str, object]:
    return {
        "kind": change.kind,
        "source_id": source_id,
        "snapshot_id": snapshot_id,
        "vendor": change.vendor,
        "model": change.model,
        "display": change.display or None,
        "price_type": change.price_type,
        "tier": change.tier,
        "old_price": change.old_price,
        "new_price": change.new_price,
        "currency": change.currency,
        "change_pct": change.change_pct,
        "url": url,
        "observed_at": now,
    }


def insert_events(session: Session, rows: list[dict[str, object]]) -> list[SimpleNamespace]:
    """Insert events in one statement; returns plain copies with their ids, in order, for linking and the outbox."""
    if not rows:
        return []
    ids = inserted_ids(session.connection(), Event.__table__, rows)
    return [
        SimpleNamespace(id=event_id, linked_event_id=None, condition=None, detail=None, **row)
        for event_id, row in zip(ids, rows, strict=True)
    ]


def inserted_ids(connection: Connection, table: Table, rows: list[dict[str, object]]) -> list[int]:
    """Insert ROWS into TABLE; their new ids, in the rows' order.

    SQLAlchemy keeps the order by inserting the rows one statement each on SQLite (RETURNING does not say which
    row each id went to). SQLite numbers the rows of one INSERT upwards in the order it is given them, one writer at a
    time, so there the rows go in batched statements and their ids sorted are in the rows' order.
    """
    if connection.dialect.name == "sqlite":
        return sorted(connection.execute(insert(table).returning(table.c.id), rows).scalars().all())
    return list(connection.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars())
