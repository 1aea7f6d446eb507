"""A cheap keyword test per language: which articles are worth reading for claims."""

from __future__ import annotations

import re

_KEYWORDS = {
    "zh": r"降价|降至|免费|免費|价格|價格|定价|tokens?|涨价|下调|百万|千tokens",
    "ja": r"値下げ|無料|料金|価格|トークン|tokens?|値上げ|引き下げ",
    "en": r"price cut|prices?|pricing|free|per million|per 1M|tokens?|cheaper|discount",
}


def worth_extracting(text: str, lang: str) -> bool:
    """True when the article mentions prices or tokens in its language (or, failing that, in English)."""
    pattern = _KEYWORDS.get(lang, _KEYWORDS["en"])
    return bool(re.search(pattern, text, re.IGNORECASE) or re.search(_KEYWORDS["en"], text, re.IGNORECASE))
