"""OpenRouter's /api/v1/models: string USD per token; "0" means free."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from pricewatch.normalize import MILLION, clean_decimal
from pricewatch.quotes import Quote
from pricewatch.readers.base import ReadContext, SourceFormat
from pricewatch.readers.litellm import PriceFileError
from pricewatch.vendors import canonical_vendor_id

_FIELDS = {
    "prompt": "input",
    "completion": "output",
    "input_cache_read": "cached_input",
    "input_cache_write": "cache_write",
}


def read_openrouter(text: str) -> list[Quote]:
    """Quotes for every model OpenRouter lists; the vendor is the id's prefix (`deepseek/deepseek-chat`)."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise PriceFileError(f"not JSON: {exc}") from None
    models = data.get("data") if isinstance(data, dict) else None
    if not isinstance(models, list):
        raise PriceFileError('expected {"data": [models]}')
    quotes = []
    for entry in models:
        if not isinstance(entry, dict) or "/" not in str(entry.get("id", "")):
            continue
        owner, model = str(entry["id"]).lower().split("/", 1)
        vendor = canonical_vendor_id(owner) or owner
        pricing = entry.get("pricing") or {}
        for field, price_type in _FIELDS.items():
            value = pricing.get(field)
            if value is None:
                continue
            try:
                per_mtok = clean_decimal(Decimal(str(value)) * MILLION)
            except InvalidOperation:
                continue
            if per_mtok < 0:  # "-1" marks a router model whose price varies
                continue
            quotes.append(Quote(vendor, model, price_type, None, per_mtok, "USD", f"{entry['id']}: {field}={value}"))
    return quotes


class OpenrouterFormat(SourceFormat):
    """OpenRouter's model list (format = "openrouter-json")."""

    name = "openrouter-json"

    def read(self, text: str, *, context: ReadContext) -> list[Quote]:
        return read_openrouter(text)
