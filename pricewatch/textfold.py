"""Text folding before reading: full-width ASCII to ASCII, Traditional Chinese to Simplified.

Vendors and newsrooms write `＄０．５`, `（缓存命中）` and `每百萬 tokens`; the price grammar is written
once, for the folded form. Width folding maps one character to one, so positions stay valid.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pricewatch import fastre

# U+FF01..U+FF5E are the full-width forms of ASCII 0x21..0x7E; U+3000 is the ideographic space.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xFFE5: 0xA5}
# The characters width folding changes: most texts have none, and translate() looks every character up.
_FULL_WIDTH = fastre.compile("[\uff01-\uff5e\u3000\uffe5]")
_KANA = fastre.compile(r"[\u3040-\u30ff]")
_HAN = fastre.compile(r"[\u4e00-\u9fff]")


def fold_width(text: str) -> str:
    """'＄０．５（缓存命中）' → '$0.5(缓存命中)'; the length is unchanged."""
    return text.translate(_WIDTH) if _FULL_WIDTH.search(text) else text


@lru_cache(maxsize=1)
def _t2s():  # noqa: ANN202 — opencc ships no type hints
    import opencc  # a C++ converter: imported on first use, only for Chinese text

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese with OpenCC; Japanese text (it has kana) is left alone."""
    if not _HAN.search(text) or _KANA.search(text):
        return text
    return _t2s().convert(text)


def simplified_page(text: str, *, lang: str | None = None) -> str:
    """A Chinese page written in Traditional characters, in Simplified ones; any other page as it is.

    Whether a page is Traditional is asked of OpenCC itself, on a sample from its first Han character on:
    converting a whole Simplified page would change nothing and cost time."""
    if lang in ("ja", "en"):
        return text
    first = _HAN.search(text)
    if first is None or (lang != "zh" and _KANA.search(text)):  # kana: a Japanese page, its kanji left alone
        return text
    sample = text[first.start() : first.start() + _SAMPLE_CHARS]
    if _t2s().convert(sample) == sample:
        return text
    return _t2s().convert(text)


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
