from __future__ import annotations

from decimal import Decimal

import pytest

from pricewatch.grammar import normalize_price, parse_prices
from pricewatch.normalize import find_token_unit, price_type_of

M = Decimal(1_000_000)

# (text, unit from the header or sentence above, currency hint, lang) → (per 1M tokens, currency)
CASES = [
    ("$0.28", M, None, "en", "0.28", "USD"),
    ("$5 / MTok", None, None, "en", "5", "USD"),
    ("$2.50 / 1M tokens", None, None, "en", "2.5", "USD"),
    ("$0.150 / 1M tokens", None, None, "en", "0.15", "USD"),
    ("0.2元", M, None, "zh", "0.2", "CNY"),
    ("￥4.00", find_token_unit("1M tokens", bare=True), None, "zh", "4", "CNY"),
    ("0.0008元/千tokens", None, None, "zh", "0.8", "CNY"),
    ("0.004元/千tokens", None, None, "zh", "4", "CNY"),
    ("0.5", find_token_unit("元/万tokens", bare=True), "CNY", "zh", "50", "CNY"),
    ("0.5元/万tokens", None, None, "zh", "50", "CNY"),
    ("2元/百万tokens", None, None, "zh", "2", "CNY"),
    ("1元で200万tokens", None, None, "ja", "0.5", "CNY"),
    ("100万トークンあたり5ドル", None, None, "ja", "5", "USD"),
    ("1,000トークンあたり0.6円", None, None, "ja", "600", "JPY"),
    ("15 cents per million", None, None, "en", "0.15", "USD"),
    ("\\$0.3 / M tokens", None, None, "en", "0.3", "USD"),
    ("2.1", find_token_unit("输入价格 元/百万 tokens", bare=True), "CNY", "zh", "2.1", "CNY"),
    ("$1", find_token_unit("Input Tokens ($/1M)", bare=True), None, "en", "1", "USD"),
    ("¥0.6 / 1K tokens", None, None, "ja", "600", "JPY"),
    ("€2 per 1M tokens", None, None, "en", "2", "EUR"),
    ("入力トークン100万個あたり15セント", None, None, "ja", "0.15", "USD"),
    ("每百万个tokens 2元", None, None, "zh", "2", "CNY"),
    ("$0.15 per million text/image tokens", None, None, "en", "0.15", "USD"),
    # A decimal comma (European pages): a comma before one or two digits; thousands still come in threes.
    ("0,60 € / 1M tokens", None, None, "en", "0.6", "EUR"),
    ("€2,50 per million tokens", None, None, "en", "2.5", "EUR"),
    ("1.234,50 € per 1M tokens", None, None, "en", "1234.5", "EUR"),
    ("$1,000 per 1M tokens", None, None, "en", "1000", "USD"),
]


def test_one_amount_per_input_and_output_tokens_is_both_prices():
    prices = parse_prices("$0.15 per million input/output tokens", lang="en")
    assert [(p.price_type, p.per_mtok) for p in prices] == [("input", Decimal("0.15")), ("output", Decimal("0.15"))]


@pytest.mark.parametrize(
    ("text", "unit", "currency", "lang", "expected", "expected_currency"), CASES, ids=[c[0] for c in CASES]
)
def test_normalize_price(text, unit, currency, lang, expected, expected_currency):
    price = normalize_price(text, unit_tokens=unit, currency=currency, lang=lang)
    assert price is not None
    assert price.per_mtok == Decimal(expected)
    assert price.currency == expected_currency


FREE = ["免费", "限时免费", "無料", "Free", "$0", "free of charge"]


@pytest.mark.parametrize("text", FREE)
def test_free_markers(text):
    price = normalize_price(text, unit_tokens=M)
    assert price is not None and price.free and price.per_mtok == 0


NOT_TOKEN_PRICES = [
    "$35 / 1,000 requests",
    "$0.039 per image",
    "\\$60/M characters",
    "$0.006 / minute",
    "1,500 RPD (free), then $35 / 1,000 requests",
    "$4.50 / 1,000,000 tokens per hour (storage price)",
    "Get up to 200M Tokens",
    "新用户赠送2000万tokens",
]


@pytest.mark.parametrize("text", NOT_TOKEN_PRICES)
def test_not_token_prices(text):
    # Even with a token unit and a currency offered from the table around them, these are not token prices.
    assert parse_prices(text, unit_tokens=M, currency="USD") == []
    assert normalize_price(text) is None


def test_no_unit_means_no_price():
    # A bare "$1.25" with no unit anywhere is not guessed.
    assert normalize_price("$1.25") is None


def test_several_prices_in_a_cell_keep_their_conditions():
    prices = parse_prices("$1.25, prompts <= 200k tokens $2.50, prompts > 200k tokens", unit_tokens=M)
    assert [(p.per_mtok, p.condition) for p in prices] == [
        (Decimal("1.25"), "<=200k tokens"),
        (Decimal("2.5"), ">200k tokens"),
    ]


def test_condition_words_are_not_units():
    assert find_token_unit("supports a 1M token context window") is None
    assert find_token_unit("prompts <= 200k tokens") is None
    assert find_token_unit("Prices per 1M tokens.") == M
    assert find_token_unit("下表所列模型价格以“百万 tokens”为单位。") == M
    assert find_token_unit("The prices listed below are in units of per 1M tokens.") == M


LABELS = [
    ("Cache Hits & Refreshes", "cached_input"),
    ("5m Cache Writes", "cache_write"),
    ("百万tokens输入（缓存命中）", "cached_input"),
    ("百万tokens输入（缓存未命中）", "input"),
    ("1M INPUT TOKENS (CACHE MISS)", "input"),
    ("百万tokens输出", "output"),
    ("Output price (including thinking tokens)", "output"),
    ("Prompt caching Read", "cached_input"),
    ("缓存写入", "cache_write"),
    ("Citation Tokens ($/1M)", None),
    ("Search Queries ($/1K)", None),
    ("RPM", None),
]


@pytest.mark.parametrize(("label", "expected"), LABELS, ids=[label for label, _ in LABELS])
def test_price_type_of(label, expected):
    assert price_type_of(label) == expected


@pytest.mark.parametrize(
    ("page", "lang", "expected"),
    [
        ("<h1>模型定價</h1><p>輸入價格</p>", "zh", "<h1>模型定价</h1><p>输入价格</p>"),
        ("<h1>模型定价</h1><p>输入价格</p>", "zh", "<h1>模型定价</h1><p>输入价格</p>"),
        ("<h1>料金</h1><p>入力の價格</p>", None, "<h1>料金</h1><p>入力の價格</p>"),  # kana: Japanese, left alone
        ("<h1>Pricing</h1>", "en", "<h1>Pricing</h1>"),
    ],
    ids=["zh-traditional", "zh-simplified", "ja-kanji", "en"],
)
def test_a_traditional_chinese_page_is_read_in_simplified(page, lang, expected):
    from pricewatch.textfold import simplified_page

    assert simplified_page(page, lang=lang) == expected


@pytest.mark.parametrize(
    ("cell", "lang", "expected"),
    [
        ("$0.30 → $0.15", "en", ["0.15"]),
        ("4 → 2", "zh", ["2"]),
        ("原价0.02元，现价0.0005元", "zh", ["0.0005"]),
        ("旧価格 $0.50、新価格 $0.25", "ja", ["0.25"]),
    ],
    ids=["en-arrow", "zh-bare-arrow", "zh-was-now", "ja-old-new"],
)
def test_a_cell_gives_the_price_now_not_the_one_before(cell, lang, expected):
    prices = parse_prices(cell, unit_tokens=M, currency={"en": "USD", "zh": "CNY", "ja": "USD"}[lang], lang=lang)
    assert [str(p.per_mtok) for p in prices] == expected
