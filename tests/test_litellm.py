"""The machine-readable price lists: LiteLLM pairs in the corpus must show the real cuts as events."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pricewatch.readers.litellm import PriceFileError, read_litellm
from pricewatch.readers.openrouter import read_openrouter
from storage.diff import diff_quotes


def _read(corpus, day):
    return read_litellm((corpus / "pricedb" / f"litellm_{day}.json").read_text(encoding="utf-8"))


def _change(changes, vendor, model, price_type, tier=None):
    return next(c for c in changes if (c.vendor, c.model, c.price_type, c.tier) == (vendor, model, price_type, tier))


def test_gpt4o_cut_of_november_2024(corpus):
    changes = diff_quotes(_read(corpus, "2024-11-08"), _read(corpus, "2024-11-15"))
    for price_type, old, new in (("input", "5", "2.5"), ("output", "15", "10")):
        change = _change(changes, "openai", "gpt-4o", price_type)
        assert (change.kind, change.old_price, change.new_price) == ("price_cut", Decimal(old), Decimal(new))
    assert _change(changes, "openai", "gpt-4o", "input").change_pct == -50.0


def test_gemini_15_flash_cut(corpus):
    changes = diff_quotes(_read(corpus, "2024-09-06"), _read(corpus, "2024-10-13"))
    for price_type, old, new in (("input", "0.35", "0.075"), ("output", "1.05", "0.3")):
        change = _change(changes, "google", "gemini-1.5-flash", price_type)
        assert (change.kind, change.old_price, change.new_price) == ("price_cut", Decimal(old), Decimal(new))


def test_prefixed_key_wins_when_keys_disagree(caplog):
    text = """{
      "gemini-1.5-pro": {"litellm_provider": "vertex_ai-language-models", "input_cost_per_token": 1.25e-06},
      "gemini/gemini-1.5-pro": {"litellm_provider": "gemini", "input_cost_per_token": 3.5e-06},
      "o3": {"litellm_provider": "openai", "input_cost_per_token": 2e-06, "cache_read_input_token_cost": 5e-07},
      "openai/o3": {"litellm_provider": "openai", "input_cost_per_token": 2e-06}
    }"""
    with caplog.at_level("INFO"):
        quotes = {(q.vendor, q.model, q.price_type): q.price_per_mtok for q in read_litellm(text)}
    assert quotes[("google", "gemini-1.5-pro", "input")] == Decimal("3.5")
    assert quotes[("openai", "o3", "input")] == Decimal(2)
    assert quotes[("openai", "o3", "cached_input")] == Decimal("0.5")
    assert len(quotes) == 3
    assert "disagree" in caplog.text


def test_broken_price_file_is_an_error():
    with pytest.raises(PriceFileError):
        read_litellm("{not json")


def test_openrouter_free_and_prices():
    text = """{"data": [
      {"id": "deepseek/deepseek-chat", "pricing": {"prompt": "0.00000027", "completion": "0.0000011"}},
      {"id": "google/gemma-3-27b-it:free", "pricing": {"prompt": "0", "completion": "0"}},
      {"id": "openrouter/auto", "pricing": {"prompt": "-1", "completion": "-1"}}
    ]}"""
    quotes = {(q.vendor, q.model, q.price_type): q.price_per_mtok for q in read_openrouter(text)}
    assert quotes[("deepseek", "deepseek-chat", "input")] == Decimal("0.27")
    assert quotes[("deepseek", "deepseek-chat", "output")] == Decimal("1.1")
    assert quotes[("google", "gemma-3-27b-it:free", "input")] == 0
    assert not any(model == "auto" for _, model, _ in quotes)
