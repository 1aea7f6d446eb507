"""Amounts written in words, rewritten as digits before the price grammar reads them.

News writes small prices in words: 'a dollar per million input tokens', 'four dollars', 'thirty cents', '每百万
tokens仅需一元', '两块钱可以买…', '一ドル'. The grammar reads digits; a number word is rewritten as its digits in
place, padded with spaces to the word's length, so every position in the text stays valid (readers bind prices
to models by position).

Only a number word right before a currency word is an amount. Words that name a part of the amount ('half a
dollar', 'a fraction of a cent') or compare it ('less than a dollar', 'under a dollar') are left alone: the
grammar would read them as a price they are not.
"""

from __future__ import annotations

import re

from pricewatch import fastre
from pricewatch.normalize import CURRENCY_AFTER

_ENGLISH = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Han numerals one to nine ('两' is two before a measure word). Ten and above change the length ('十' → '10').
_HAN = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_ENGLISH_AMOUNT = fastre.compile(
    rf"""
    (?<![A-Za-z\-])(?<!of\s)(?<!than\s)(?<!half\s)(?<!under\s)(?<!quarter\s)   # not 'half a dollar', 'less than a …'
    (?i:{"|".join(sorted(_ENGLISH, key=len, reverse=True))})
    (?=\s+(?i:{CURRENCY_AFTER}))                                            # 'four dollars', 'a US dollar'
    """,
    re.VERBOSE,
)
# The currency words (the grammar's, CURRENCY_AFTER) an amount in words comes before, looked for as plain strings
# first (a substring test costs next to nothing): most texts have none, and the number words ('a' among them) are
# then not looked for. Codes ('USD') are left out: nobody writes 'four USD'.
_ENGLISH_CURRENCY = ("ollar", "cent", "uro", "yen", "yuan")
_HAN_CURRENCY = ("元", "块", "円", "ドル", "币", "美金", "美分", "セント", "ユーロ")
_HAN_AMOUNT = fastre.compile(
    rf"""
    (?<![统單单唯第万萬之同])                                    # not the end of a word: '统一', '唯一'
    [{"".join(_HAN)}]
    (?=(?:{CURRENCY_AFTER}))(?!块(?!钱)|元[组組化素论論])  # '一元', '两块钱', '一ドル'; not '一块GPU', '三元组'
    """,
    re.VERBOSE,
)


def spelled_amounts(text: str) -> str:
    """TEXT with each amount written in words as digits of the same length: 'costs four dollars' → 'costs 4
    dollars' (the '4' padded to four characters), '仅需一元' → '仅需1元'."""
    if any(word in text for word in _HAN_CURRENCY):
        text = _HAN_AMOUNT.sub(_as_digits, text)
    if any(word in text for word in _ENGLISH_CURRENCY):
        text = _ENGLISH_AMOUNT.sub(_as_digits, text)
    return text


def _as_digits(match: re.Match[str]) -> str:
    word = match.group(0)
    value = _HAN[word] if word in _HAN else _ENGLISH[word.lower()]
    return str(value).ljust(len(word))
