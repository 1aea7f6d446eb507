"""Events → the lines a subscriber reads (plain text; the bot wraps these in HTML)."""

from __future__ import annotations

from decimal import Decimal

from storage.models import Event

KIND_LABEL = {
    "en": {
        "price_cut": "price cut",
        "price_increase": "price increase",
        "now_free": "NOW FREE",
        "no_longer_free": "no longer free",
        "new_model": "new model",
        "model_removed": "removed",
        "source_broken": "source broken",
        "source_recovered": "source recovered",
    },
    "zh": {
        "price_cut": "降价",
        "price_increase": "涨价",
        "now_free": "免费",
        "no_longer_free": "不再免费",
        "new_model": "新模型",
        "model_removed": "下架",
        "source_broken": "来源故障",
        "source_recovered": "来源恢复",
    },
    "ja": {
        "price_cut": "値下げ",
        "price_increase": "値上げ",
        "now_free": "無料化",
        "no_longer_free": "無料終了",
        "new_model": "新モデル",
        "model_removed": "提供終了",
        "source_broken": "ソース障害",
        "source_recovered": "ソース復旧",
    },
}
PRICE_TYPE_LABEL = {
    "en": {"input": "input", "cached_input": "cached input", "cache_write": "cache write", "output": "output"},
    "zh": {"input": "输入", "cached_input": "缓存命中输入", "cache_write": "缓存写入", "output": "输出"},
    "ja": {"input": "入力", "cached_input": "キャッシュ入力", "cache_write": "キャッシュ書き込み", "output": "出力"},
}
UNIT = {"en": "per 1M tokens", "zh": "每百万tokens", "ja": "100万トークンあたり"}
BIG_CUT_PCT = -50.0
REPORTED_AS = {
    "reported_price_cut": "price_cut",
    "reported_price_increase": "price_increase",
    "reported_free": "now_free",
    "reported_price": "price",
}
for _labels, _price in zip(KIND_LABEL.values(), ("price", "价格", "料金"), strict=True):
    _labels["price"] = _price


# How each language writes a currency so that it cannot be misread: '¥' alone is yuan to a Chinese
# reader and yen to a Japanese one, so neither gets it. (prefix, suffix) per language.
_MONEY = {
    "en": {"USD": ("$", ""), "EUR": ("€", ""), "CNY": ("CNY ", ""), "JPY": ("JPY ", "")},
    "zh": {"USD": ("$", ""), "EUR": ("€", ""), "CNY": ("", "元"), "JPY": ("", "日元")},
    "ja": {"USD": ("$", ""), "EUR": ("€", ""), "CNY": ("", "元"), "JPY": ("", "円")},
}


def format_money(value: Decimal | None, currency: str | None, lang: str = "en") -> str:
    """'$2.5', 'CNY 2', '2元', '600円': the currency unmistakable in the reader's language."""
    if value is None:
        return "—"
    prefix, suffix = _MONEY.get(lang, _MONEY["en"]).get(currency or "", ("", f" {currency or ''}"))
    return f"{prefix}{value:f}{suffix}".strip()


FREE_WORD = {"en": "free", "zh": "免费", "ja": "無料"}
TYPE_ORDER = {"input": 0, "cached_input": 1, "cache_write": 2, "output": 3}  # how price types are listed


def price_text(value: Decimal | None, currency: str | None, lang: str = "en") -> str:
    """A price as the reader's language writes it; zero is the word 'free', never '¥0'."""
    if value is not None and value == 0:
        return FREE_WORD.get(lang, "free")
    return format_money(value, currency, lang)


def price_move(event: Event, lang: str = "en") -> str:
    """'CNY 2 → CNY 1', 'CNY 4 → free', 'free' (made free, no old price known), or the one price there is."""
    made_free = REPORTED_AS.get(event.kind, event.kind) == "now_free"
    new = FREE_WORD.get(lang, "free") if made_free else format_money(event.new_price, event.currency, lang)
    if event.old_price is None:
        return new
    old = format_money(event.old_price, event.currency, lang)
    return old if event.new_price is None and not made_free else f"{old} → {new}"


def model_label(event: Event) -> str:
    """The model as its page prints it ('Qwen-Long'), else its id."""
    return getattr(event, "display", None) or event.model or ""


def is_big(event: Event) -> bool:
    """'Now free' and cuts of half or more stand out."""
    kind = REPORTED_AS.get(event.kind, event.kind)
    return kind == "now_free" or (kind == "price_cut" and (event.change_pct or 0) <= BIG_CUT_PCT)


def render_event(event: Event, lang: str = "en") -> str:
    """One line: vendor, model, price type, old → new with unit and currency, change %."""
    labels = KIND_LABEL.get(lang, KIND_LABEL["en"])
    kind = REPORTED_AS.get(event.kind, event.kind)
    if event.kind in ("source_broken", "source_recovered"):
        return f"{labels[event.kind]}: {event.source_id} {event.detail or ''}".strip()
    mark = "🔥 " if is_big(event) else ""
    price_type = PRICE_TYPE_LABEL.get(lang, PRICE_TYPE_LABEL["en"]).get(event.price_type or "", event.price_type or "")
    if kind == "now_free" and event.old_price is None:  # "ERNIE Speed is now free": no price to show
        return f"{mark}{labels['now_free']}: {event.vendor} {model_label(event)} {price_type}".rstrip()
    tier = f" [{event.tier}]" if event.tier else ""
    prices = price_move(event, lang)
    change = f" ({event.change_pct:+.1f}%)".replace(".0%", "%") if event.change_pct is not None else ""
    return f"{mark}{labels.get(kind, kind)}: {event.vendor} {model_label(event)} {price_type}{tier} {prices} {UNIT.get(lang, UNIT['en'])}{change}"
