"""The diff stage, pure: the last good snapshot and the new one → price events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from pricewatch.events import EventKind
from pricewatch.quotes import change_pct


class Priced(Protocol):
    """A price as the diff reads it: a reader's Quote, or the stored row of one (storage.crawls.Held)."""

    @property
    def key(self) -> tuple[str, str, str, str]: ...
    @property
    def vendor(self) -> str: ...
    @property
    def model(self) -> str: ...
    @property
    def price_type(self) -> str: ...
    @property
    def tier(self) -> str | None: ...
    @property
    def price_per_mtok(self) -> Decimal: ...
    @property
    def currency(self) -> str | None: ...
    @property
    def display(self) -> str: ...


@dataclass(frozen=True)
class PriceChange:
    kind: str
    vendor: str
    model: str
    price_type: str
    tier: str | None
    old_price: Decimal | None
    new_price: Decimal | None
    currency: str | None
    display: str = ""

    @property
    def change_pct(self) -> float | None:
        return change_pct(self.old_price, self.new_price)


def _change_kind(old: Decimal, new: Decimal) -> str | None:
    if old == new:
        return None
    if new == 0:
        return EventKind.NOW_FREE
    if old == 0:
        return EventKind.NO_LONGER_FREE
    return EventKind.PRICE_CUT if new < old else EventKind.PRICE_INCREASE


def diff_quotes(old: Sequence[Priced] | None, new: Sequence[Priced]) -> list[PriceChange]:
    """Events between two snapshots of one source; None for `old` is the first crawl: a baseline, no events."""
    if old is None:
        return []
    before = {q.key: q for q in old}
    after = {q.key: q for q in new}
    changes: list[PriceChange] = []
    for key, quote in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append(_change(EventKind.NEW_MODEL, None, quote))
        elif previous.currency == quote.currency or 0 in (previous.price_per_mtok, quote.price_per_mtok):
            kind = _change_kind(previous.price_per_mtok, quote.price_per_mtok)
            if kind:
                changes.append(_change(kind, previous, quote))
    for key, previous in before.items():
        if key not in after:
            changes.append(_change(EventKind.MODEL_REMOVED, previous, None))
    return changes


def _change(kind: str, old: Priced | None, new: Priced | None) -> PriceChange:
    ref = new or old
    assert ref is not None
    return PriceChange(
        kind=kind,
        vendor=ref.vendor,
        model=ref.model,
        price_type=ref.price_type,
        tier=ref.tier,
        old_price=old.price_per_mtok if old else None,
        new_price=new.price_per_mtok if new else None,
        currency=ref.currency,
        display=ref.display,
    )


def lost_models(known: set[tuple[str, str]], new: Sequence[Priced]) -> tuple[int, int]:
    """(models of the last good snapshot (KNOWN: vendor, model) missing now, models it had) — the guard against a
    half-read page."""
    if not known:
        return 0, 0
    seen = {(q.vendor, q.model) for q in new}
    return len(known - seen), len(known)


def models_turned_free(old: Sequence[Priced] | None, new: Sequence[Priced]) -> tuple[int, int]:
    """(models whose every price went from non-zero to zero, models that had a non-zero price)."""
    if not old:
        return 0, 0
    before: dict[tuple[str, str], list[Priced]] = {}
    for quote in old:
        if quote.price_per_mtok > 0:
            before.setdefault((quote.vendor, quote.model), []).append(quote)
    after = {q.key: q for q in new}
    zeroed = 0
    for quotes in before.values():
        now = [after.get(q.key) for q in quotes]
        if all(q is not None and q.price_per_mtok == 0 for q in now):
            zeroed += 1
    return zeroed, len(before)
