"""Current prices in the shape of LiteLLM's price file, so tools that read that file can read pricewatch.

LiteLLM prices are USD per token. A price in another currency is converted only with a rate the operator
gave (PRICEWATCH_FX), and the entry says which rate and which date it used; without a rate it is left out
rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from pricewatch.vendors import vendor_by_id
from storage.models import Observation

# Our price types → LiteLLM's keys.
LITELLM_KEY = {
    "input": "input_cost_per_token",
    "output": "output_cost_per_token",
    "cached_input": "cache_read_input_token_cost",
    "cache_write": "cache_creation_input_token_cost",
}
PER_TOKEN = Decimal(1_000_000)


@dataclass(frozen=True)
class Rate:
    usd_per_unit: Decimal
    as_of: date


class FxError(ValueError):
    """A PRICEWATCH_FX entry that is not CODE=RATE or CODE=RATE@YYYY-MM-DD."""


def parse_fx(text: str, *, today: date) -> dict[str, Rate]:
    """'CNY=0.14,JPY=0.0066@2026-11-01' → rates in USD per unit (the date defaults to TODAY)."""
    rates: dict[str, Rate] = {"USD": Rate(Decimal(1), today)}
    for part in filter(None, (p.strip() for p in text.split(","))):
        code, _, value = part.partition("=")
        amount, _, when = value.partition("@")
        try:
            rate = Decimal(amount.strip())
            as_of = date.fromisoformat(when.strip()) if when.strip() else today
        except (InvalidOperation, ValueError):
            raise FxError(f"PRICEWATCH_FX: {part!r} is not CODE=RATE or CODE=RATE@YYYY-MM-DD") from None
        if not (len(code.strip()) == 3 and code.strip().isalpha()) or rate <= 0:
            raise FxError(f"PRICEWATCH_FX: {part!r} needs a 3-letter currency and a positive rate")
        rates[code.strip().upper()] = Rate(rate, as_of)
    return rates


def litellm_provider(vendor: str) -> str:
    known = vendor_by_id(vendor)
    return known.litellm_providers[0] if known and known.litellm_providers else vendor


def price_map(observations: list[Observation], rates: dict[str, Rate]) -> dict[str, dict[str, object]]:
    """{'provider/model': entry, 'model': entry}: the untiered price of each type (else the first tier's)."""
    chosen: dict[tuple[str, str], dict[str, Observation]] = {}
    for o in observations:  # ordered by vendor, model, tier_key: the untiered ('') price comes first
        if o.currency not in rates:
            continue
        prices = chosen.setdefault((o.vendor, o.model), {})
        prices.setdefault(o.price_type, o)
    entries: dict[str, dict[str, object]] = {}
    for (vendor, model), prices in sorted(chosen.items()):
        entry = _entry(vendor, prices, rates)
        if entry is None:
            continue
        entries[f"{litellm_provider(vendor)}/{model}"] = entry
        entries.setdefault(model, entry)
    return entries


def _entry(vendor: str, prices: dict[str, Observation], rates: dict[str, Rate]) -> dict[str, object] | None:
    entry: dict[str, object] = {"litellm_provider": litellm_provider(vendor), "mode": "chat"}
    first = next(iter(prices.values()))
    for price_type, observation in prices.items():
        key = LITELLM_KEY.get(price_type)
        if key:
            usd = observation.price_per_mtok * rates[observation.currency].usd_per_unit / PER_TOKEN
            entry[key] = float(usd)
    if "input_cost_per_token" not in entry and "output_cost_per_token" not in entry:
        return None
    tiers = {o.tier for o in prices.values() if o.tier}
    entry["pricewatch_source"] = first.source_id
    entry["pricewatch_observed_at"] = max(o.observed_at for o in prices.values()).isoformat()
    if tiers:
        entry["pricewatch_tier"] = ", ".join(sorted(tiers))
    if first.currency != "USD":
        rate = rates[first.currency]
        entry["pricewatch_currency"] = first.currency
        entry["pricewatch_fx_rate"] = float(rate.usd_per_unit)
        entry["pricewatch_fx_date"] = rate.as_of.isoformat()
    return entry
