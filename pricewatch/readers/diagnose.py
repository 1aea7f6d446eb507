"""Why a page gave no prices: a JavaScript shell, a bot-check wall, a maintenance page, or just no list."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from pricewatch import fastre
from pricewatch.grammar import read_span
from pricewatch.readers.prose import sentences

_BOT_WALL = fastre.compile(
    r"just a moment|checking your browser|cf-chl|captcha|are you a robot|verify you are human|access denied|"
    r"attention required|人机验证|安全验证|请完成验证|アクセスが拒否",
    re.IGNORECASE,
)
_MAINTENANCE = fastre.compile(
    r"under maintenance|scheduled maintenance|down for maintenance|系统维护|维护中|系統維護|メンテナンス中|メンテナンスのお知らせ",
    re.IGNORECASE,
)
_NEEDS_JS = fastre.compile(
    r"enable javascript|javascript is required|requires javascript|请启用\s*javascript|JavaScriptを有効", re.IGNORECASE
)


def page_problem(text: str | None, *, lang: str | None = None) -> str:
    """A one-line reason for a page that yielded no quotes."""
    if not text or not text.strip():
        return "empty page"
    if not text.lstrip().startswith("<"):
        return _price_like(text, lang)  # markdown or plain text: no markup to diagnose
    try:
        root = lxml_html.document_fromstring(text)
    except Exception:  # noqa: BLE001 — any unparsable body is simply "not a price list"
        return "unreadable page"
    scripts = len(root.xpath("//script"))
    for bad in root.xpath("//script | //style | //noscript | //template"):
        bad.drop_tree()
    visible = " ".join(root.text_content().split())
    if _BOT_WALL.search(visible[:2000]) or _BOT_WALL.search(text[:3000]):
        return "bot-check wall (captcha / challenge page)"
    if _MAINTENANCE.search(visible[:3000]):
        return "maintenance page"
    if len(visible) < 200 and (scripts or _NEEDS_JS.search(text)):
        return 'JavaScript shell: the prices are built in the browser (try render = "browser")'
    return _price_like(visible, lang)


def _price_like(visible: str, lang: str | None) -> str:
    """Whether the page has token prices the readers could not bind to a model, with the first few."""
    found = []
    for _, sentence in sentences(visible):
        if read_span(sentence, lang=lang):
            found.append(" ".join(sentence.split())[:80])
    if not found:
        return "no price-like text: no amount with a token unit on the page"
    shown = "; ".join(f"'{s}'" for s in found[:3])
    return f"{len(found)} price-like span(s) found but none bound to a model, e.g. {shown}"
