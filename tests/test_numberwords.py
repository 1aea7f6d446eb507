"""Amounts written in words are rewritten as digits in place, the length kept."""

from __future__ import annotations

import pytest

from pricewatch.numberwords import spelled_amounts

CASES = [
    ("en-a-dollar", "costs a dollar per million tokens", "costs 1 dollar per million tokens"),
    ("en-four-dollars", "four dollars per million", "4    dollars per million"),
    ("en-thirty-cents", "Thirty cents per million", "30     cents per million"),
    ("en-us-dollars", "two US dollars", "2   US dollars"),
    ("zh-yi-yuan", "每百万tokens仅需一元", "每百万tokens仅需1元"),
    ("zh-liang-kuai-qian", "两块钱可以买", "2块钱可以买"),
    ("zh-traditional", "每百萬tokens兩元", "每百萬tokens2元"),
    ("ja-ichi-doru", "100万トークンあたり一ドル", "100万トークンあたり1ドル"),
    ("ja-go-en", "1,000トークンあたり五円", "1,000トークンあたり5円"),
    # left alone: part of an amount, a comparison, words that end in a numeral, no currency word after
    ("en-half-a-dollar", "half a dollar", "half a dollar"),
    ("en-fraction-of-a-cent", "a fraction of a cent", "a fraction of a cent"),
    ("en-less-than-a-dollar", "less than a dollar", "less than a dollar"),
    ("en-one-model", "one model for a million tokens", "one model for a million tokens"),
    ("en-inside-a-word", "someone dollars", "someone dollars"),
    ("zh-tongyi", "统一元数据", "统一元数据"),
    ("zh-sanyuanzu", "三元组", "三元组"),
    ("zh-yi-kuai-gpu", "一块GPU", "一块GPU"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_spelled_amounts(text, expected):
    rewritten = spelled_amounts(text)
    assert rewritten == expected
    assert len(rewritten) == len(text)


def test_the_currency_words_are_the_grammars():
    """Any currency word the grammar reads after an amount follows a number in words too ('一美金', 'two euros')."""
    assert spelled_amounts("一美金") == "1美金"
    assert spelled_amounts("two euros") == "2   euros"
    assert spelled_amounts("one yen") == "1   yen"
