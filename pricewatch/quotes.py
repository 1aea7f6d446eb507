"""What a reader takes from a page: quotes, one price of one model."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from decimal import Decimal


def change_pct(old: Decimal | None, new: Decimal | None) -> float | None:
    """The change from OLD to NEW in percent, to two places (-97.5); None when either is unknown or OLD is 0."""
    if old is None or new is None or old == 0:
        return None
    return round(float((new - old) / old * 100), 2)


@dataclass(frozen=True, slots=True, init=False)
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
    # What a page's prices are told apart by: asked hundreds of times a page (dedupe, diff, storing), so built once.
    key: tuple[str, str, str, str] = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        vendor: str,
        model: str,
        price_type: str,
        tier: str | None,
        price_per_mtok: Decimal,
        currency: str | None,
        raw: str,
        display: str = "",
    ) -> None:
        # A reader builds sixty quotes a page: the slots are set through their descriptors, as a frozen dataclass's
        # own __init__ (object.__setattr__ for each field) did in nearly twice the time (1.79 µs against 0.97).
        _set_vendor(self, vendor)
        _set_model(self, model)
        _set_price_type(self, price_type)
        _set_tier(self, tier)
        _set_price(self, price_per_mtok)
        _set_currency(self, currency)
        _set_raw(self, raw)
        _set_display(self, display)
        _set_key(self, (vendor, model, price_type, tier or ""))

    def to_json(self) -> dict[str, object]:
        data = {name: getattr(self, name) for name in _JSON_FIELDS}
        data["price_per_mtok"] = float(self.price_per_mtok)
        return data


_JSON_FIELDS = tuple(f.name for f in fields(Quote) if f.init)
(_set_vendor, _set_model, _set_price_type, _set_tier, _set_price, _set_currency, _set_raw, _set_display, _set_key) = (
    Quote.__dict__[f.name].__set__ for f in fields(Quote)
)


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
