"""The generic reader on every real vendor page in ../shared/corpus/pricing, HTML and markdown alike."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pricewatch.readers.base import ReadContext, SourceFormat

# page stem → (vendor, lang, at least this many quotes, quotes checked by eye: (model, price_type, tier, per 1M, currency))
PAGES = {
    "deepseek_zh": (
        "deepseek",
        "zh",
        6,
        [
            ("deepseek-chat", "cached_input", None, "0.2", "CNY"),
            ("deepseek-reasoner", "input", None, "2", "CNY"),
            ("deepseek-reasoner", "output", None, "3", "CNY"),
        ],
    ),
    "deepseek_en": (
        "deepseek",
        "en",
        6,
        [
            ("deepseek-chat", "cached_input", None, "0.028", "USD"),
            ("deepseek-chat", "input", None, "0.28", "USD"),
            ("deepseek-reasoner", "output", None, "0.42", "USD"),
        ],
    ),
    "openai_en": (
        "openai",
        "en",
        403,
        [
            ("gpt-4o", "input", None, "2.5", "USD"),
            ("gpt-4o", "cached_input", None, "1.25", "USD"),
            ("gpt-4o", "output", None, "10", "USD"),
            ("gpt-4o", "input", "batch", "1.25", "USD"),
            ("o3", "cached_input", "flex", "0.25", "USD"),
            ("gpt-5", "output", "priority", "20", "USD"),
            ("gpt-image-1", "input", "image", "10", "USD"),
            ("gpt-realtime", "input", "audio", "32", "USD"),
        ],
    ),
    "anthropic_en": (
        "anthropic",
        "en",
        70,
        [
            ("claude-opus-4.5", "input", None, "5", "USD"),
            ("claude-opus-4.5", "cache_write", "5m", "6.25", "USD"),
            ("claude-opus-4.5", "cache_write", "1h", "10", "USD"),
            ("claude-opus-4.5", "cached_input", None, "0.5", "USD"),
            ("claude-haiku-3.5", "output", None, "4", "USD"),
            ("claude-sonnet-3.7", "input", None, "3", "USD"),
            ("claude-haiku-3", "output", "batch", "0.625", "USD"),
        ],
    ),
    "minimax_zh": (
        "minimax",
        "zh",
        8,
        [
            ("minimax-m2", "input", None, "2.1", "CNY"),
            ("minimax-m2-stable", "output", None, "8.4", "CNY"),
            ("minimax-m2", "cached_input", None, "0.21", "CNY"),
            ("minimax-m2", "cache_write", None, "2.625", "CNY"),
        ],
    ),
    "minimax_en": (
        "minimax",
        "en",
        8,
        [
            ("minimax-m2", "input", None, "0.3", "USD"),
            ("minimax-m2-stable", "cache_write", None, "0.375", "USD"),
        ],
    ),
    "perplexity_en": (
        "perplexity",
        "en",
        10,
        [
            ("sonar", "input", None, "1", "USD"),
            ("sonar-pro", "output", None, "15", "USD"),
            ("sonar-deep-research", "input", None, "2", "USD"),
        ],
    ),
    "gemini_en": (
        "google",
        "en",
        4,
        [
            ("gemini-2.5-computer-use-preview-10-2025", "input", "<=200k tokens", "1.25", "USD"),
            ("gemini-2.5-computer-use-preview-10-2025", "output", ">200k", "15", "USD"),
        ],
    ),
    # A billing FAQ ("Get up to 200M Tokens", "20 million free Tokens"): no price list, no quotes.
    "zhipu_en": ("zhipu", "en", 0, []),
}

CASES = [(stem, suffix) for stem in PAGES for suffix in ("html", "md")]


@pytest.mark.parametrize(("stem", "suffix"), CASES, ids=[f"{s}.{x}" for s, x in CASES])
def test_reader_on_corpus_page(corpus, stem, suffix):
    vendor, lang, count, expected = PAGES[stem]
    text = (corpus / "pricing" / f"{stem}.{suffix}").read_text(encoding="utf-8")
    reader = SourceFormat.for_name("html" if suffix == "html" else "markdown")
    quotes = reader.read(text, context=ReadContext(vendor=vendor, lang=lang))
    got = {(q.model, q.price_type, q.tier): (q.price_per_mtok, q.currency) for q in quotes}
    for model, price_type, tier, price, currency in expected:
        assert got.get((model, price_type, tier)) == (Decimal(price), currency), (model, price_type, tier)
    assert len(quotes) >= count
    if count == 0:
        assert quotes == []
    assert all(q.vendor == vendor for q in quotes)


def test_no_perplexity_request_or_citation_prices(corpus):
    text = (corpus / "pricing" / "perplexity_en.md").read_text(encoding="utf-8")
    quotes = SourceFormat.for_name("markdown").read(text, context=ReadContext(vendor="perplexity", lang="en"))
    assert {q.price_type for q in quotes} == {"input", "output"}
    assert "search-api" not in {q.model for q in quotes}


def test_spot_quotes_scorer(corpus):
    """../shared/tools/score_pages.py on every corpus page (a development figure: the pages were read while
    building). All 154, measured 2026-11-30; Gemini 2.5 Flash-Lite's six came with reading a table as the model
    that the paragraph right above it introduces."""
    scorer = corpus.parent / "tools" / "score_pages.py"
    pricewatch = Path(sys.executable).parent / "pricewatch"
    result = subprocess.run(
        [sys.executable, str(scorer), str(corpus / "pricing" / "spots.json"), str(corpus / "pricing"), str(pricewatch)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    right, total = map(int, re.search(r"(\d+)/(\d+) spot quotes right", result.stdout).groups())
    assert right >= 154, result.stdout
    assert "expected no quotes" not in result.stdout and "quote expected" not in result.stdout, result.stdout
