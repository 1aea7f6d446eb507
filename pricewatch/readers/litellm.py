"""LiteLLM's model_prices_and_context_window.json: USD per token, one entry per key."""

from __future__ import annotations

import json
import logging
from decimal import Decimal, InvalidOperation

from pricewatch import fastre
from pricewatch.normalize import MILLION, clean_decimal
from pricewatch.quotes import Quote
from pricewatch.readers.base import ReadContext, SourceFormat
from pricewatch.vendors import vendor_for_litellm_provider

log = logging.getLogger(__name__)

_FIELD = fastre.compile(
    r"^(?:(?P<io>input|output)_cost_per_token(?:_above_(?P<above>\d+k)_tokens|_(?P<batch>batches))?"
    r"|(?P<cache>cache_read_input|cache_creation_input)_token_cost)$"
)


class PriceFileError(ValueError):
    """A machine-readable price list that cannot be read at all."""


def _price_fields(entry: dict[str, object]) -> list[tuple[str, str | None, Decimal, str]]:
    found = []
    for field, value in entry.items():
        match = _FIELD.match(field)
        if not match or isinstance(value, bool) or not isinstance(value, (int, float, str)):
            continue
        try:
            per_mtok = clean_decimal(Decimal(str(value)) * MILLION)
        except InvalidOperation:
            continue
        if match.group("cache"):
            price_type = "cached_input" if match.group("cache") == "cache_read_input" else "cache_write"
            tier = None
        else:
            price_type = match.group("io")
            tier = (
                f">{match.group('above')} tokens"
                if match.group("above")
                else ("batch" if match.group("batch") else None)
            )
        found.append((price_type, tier, per_mtok, f"{field}={value}"))
    return found


def _model_and_prefixed(key: str, provider: str) -> tuple[str, bool]:
    """'gemini/gemini-1.5-flash' with provider gemini → ('gemini-1.5-flash', True)."""
    if "/" in key:
        prefix, rest = key.split("/", 1)
        if (
            provider == prefix
            or provider.startswith(prefix + "-")
            or vendor_for_litellm_provider(prefix) == vendor_for_litellm_provider(provider)
        ):
            return rest.lower(), True
    return key.lower(), False


def read_litellm(text: str) -> list[Quote]:
    """Quotes from a LiteLLM price file; where `o3` and `openai/o3` disagree, the prefixed key wins."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise PriceFileError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise PriceFileError("expected a JSON object of model entries")
    chosen: dict[tuple[str, str, str, str], tuple[bool, Quote, str]] = {}
    for key, entry in data.items():
        if key == "sample_spec" or not isinstance(entry, dict) or not entry.get("litellm_provider"):
            continue
        provider = str(entry["litellm_provider"])
        vendor = vendor_for_litellm_provider(provider)
        model, prefixed = _model_and_prefixed(key, provider)
        for price_type, tier, per_mtok, raw in _price_fields(entry):
            quote = Quote(vendor, model, price_type, tier, per_mtok, "USD", f"{key}: {raw}")
            previous = chosen.get(quote.key)
            if previous is None:
                chosen[quote.key] = (prefixed, quote, key)
                continue
            was_prefixed, old, old_key = previous
            if old.price_per_mtok != quote.price_per_mtok:
                winner = key if prefixed and not was_prefixed else old_key
                log.info(
                    "litellm: %s and %s disagree on %s %s (%s vs %s); keeping %s",
                    old_key,
                    key,
                    model,
                    price_type,
                    old.price_per_mtok,
                    quote.price_per_mtok,
                    winner,
                )
            if prefixed and not was_prefixed:
                chosen[quote.key] = (prefixed, quote, key)
    return [quote for _, quote, _ in chosen.values()]


class LitellmFormat(SourceFormat):
    """LiteLLM's price file (format = "litellm-json")."""

    name = "litellm-json"

    def read(self, text: str, *, context: ReadContext) -> list[Quote]:
        return read_litellm(text)
