"""What a reader takes from a page: quotes, one price of one model."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from typing import ClassVar


def change_pct(old: Decimal | None, new: Decimal | None) -> float | None:
    """The change from OLD to NEW in percent, to two places (-97.5); None when either is unknown or OLD is 0."""
    if old is None or new is None or old == 0:
        return None
    return round(float((new - old) / old * 100), 2)


@dataclass(frozen=True)
class Quote:
    """One price of one model: per 1M tokens, in the page's currency."""

    vendor: str
    model: str
    price_type: str
    tier: str | None
    price_per_mtok: Decimal
    currency: str | None
    raw: str
    display: str = ""  # the model's name as the page prints it ('Qwen-Long'); `model` is the key ('qwen-long')

    def __post_init__(self) -> None:
        # What a page's prices are told apart by: asked hundreds of times a page (dedupe, diff, storing), so built
        # once, as a plain attribute beside the fields (functools.cached_property takes a lock on every read).
        object.__setattr__(self, "key", (self.vendor, self.model, self.price_type, self.tier or ""))

    key: ClassVar[tuple[str, str, str, str]]  # set for each quote by __post_init__; no field of the dataclass

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["price_per_mtok"] = float(self.price_per_mtok)
        return data


def dedupe_quotes(quotes: list[Quote]) -> list[Quote]:
    """First quote of each (vendor, model, price_type, tier) wins: pages repeat tables in other sections.

    A page that prints the same price in a second currency (USD and EUR columns) keeps it too, as a
    tier named by the currency, so each currency is followed as its own series.
    """
    first_currency: dict[tuple[str, str, str, str], str | None] = {}
    seen: set[tuple[str, str, str, str]] = set()
    kept = []
    for quote in quotes:
        currency = first_currency.setdefault(quote.key, quote.currency)
        if quote.currency != currency and quote.currency:
            quote = replace(quote, tier=" ".join(t for t in (quote.tier, quote.currency) if t))
        if quote.key not in seen:
            seen.add(quote.key)
            kept.append(quote)
    return kept
