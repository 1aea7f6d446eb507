"""Text folding before reading: full-width ASCII to ASCII, Traditional Chinese to Simplified.

Vendors and newsrooms write `＄０．５`, `（缓存命中）` and `每百萬 tokens`; the price grammar is written
once, for the folded form. Width folding maps one character to one, so positions stay valid.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pricewatch import fastre

# U+FF01..U+FF5E are the full-width forms of ASCII 0x21..0x7E; U+3000 is the ideographic space.
_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " ", "\uffe5": "\u00a5"}
# The characters width folding changes. Most texts have none, and those that have some have few: each is replaced
# where it stands (str.translate would look every character of the text up, ~7x slower on a news article).
_FULL_WIDTH = fastre.compile("[\uff01-\uff5e\u3000\uffe5]")
_KANA = fastre.compile(r"[\u3040-\u30ff]")
_HAN = fastre.compile(r"[\u4e00-\u9fff]")


def fold_width(text: str) -> str:
    """'＄０．５（缓存命中）' → '$0.5(缓存命中)'; the length is unchanged."""
    if text.isascii():  # most of an English page or article, told without a regex call
        return text
    return _FULL_WIDTH.sub(_narrow, text) if _FULL_WIDTH.search(text) else text


def _narrow(match: re.Match[str]) -> str:
    return _WIDTH[match.group()]


def _converter(config: str):  # noqa: ANN202 — opencc ships no type hints
    import opencc  # a C++ converter: imported on first use, only for Chinese text

    return opencc.OpenCC(config)


# Each converter is loaded once (a cache of one: a loaded resource, not an answer for one text).
@lru_cache(maxsize=1)
def _t2s():  # noqa: ANN202
    """Characters only: whether a text is Traditional at all."""
    return _converter("t2s")


@lru_cache(maxsize=1)
def _tw2sp():  # noqa: ANN202
    """Characters and Taiwan's words, in the mainland's: '快取' is '缓存', '批次' '批量', '視訊' '视频' — the words the
    grammar reads."""
    return _converter("tw2sp")


def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese with OpenCC, its words as the mainland writes them; Japanese text (it has
    kana) and Simplified text are left alone."""
    return text if _KANA.search(text) else _traditional_to_simplified(text)


def _traditional_to_simplified(text: str) -> str:
    return _tw2sp().convert(text) if _is_traditional(text) else text


def _is_traditional(text: str) -> bool:
    """Whether TEXT is written in Traditional characters, asked of OpenCC on a sample from its first Han character on:
    converting all of a Simplified text would change nothing and cost time."""
    first = _HAN.search(text)
    if first is None:
        return False
    sample = text[first.start() : first.start() + _SAMPLE_CHARS]
    return _t2s().convert(sample) != sample


def simplified_page(text: str, *, lang: str | None = None) -> str:
    """A Chinese page written in Traditional characters, in Simplified ones; any other page as it is.

    Whether a page is Traditional is asked on a sample (_is_traditional)."""
    if lang in ("ja", "en") or (lang != "zh" and _KANA.search(text)):  # kana: a Japanese page, its kanji left alone
        return text
    return _traditional_to_simplified(text)


_SAMPLE_CHARS = 1000  # a title and a first heading or paragraph: a Traditional page shows it in these


def fold(text: str, *, lang: str | None = None) -> str:
    """Both folds; Simplified conversion only where the text is Chinese (not Japanese kanji)."""
    text = fold_width(text)
    return text if lang in ("ja", "en") else to_simplified(text)


_HTML_LANG_JA = fastre.compile(r"<html[^>]*\blang\s*=\s*[\"']?ja", re.IGNORECASE)
_JAPANESE_KANA = 10  # kana on a page written in Japanese; a language menu or one quoted name has fewer


def is_japanese_page(text: str) -> bool:
    """Whether a page is written in Japanese: its <html lang="ja">, or kana through its text. A page whose language
    is not given reads '¥' as yen only when it is."""
    return bool(_HTML_LANG_JA.search(text, 0, 4000)) or len(_KANA.findall(text, 0, 50_000)) >= _JAPANESE_KANA


def detect_language(text: str) -> str:
    """ja when there is kana, zh when there are Han characters, else en."""
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    return "en"
