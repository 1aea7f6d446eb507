"""The words of the web pages in English, 中文 and 日本語, and which of them a visitor gets."""

from __future__ import annotations

LANGS = ("en", "zh", "ja")

WORDS: dict[str, dict[str, str]] = {
    "site_title": {
        "en": "pricewatch — LLM API prices",
        "zh": "pricewatch — 大模型 API 价格",
        "ja": "pricewatch — LLM API 料金",
    },
    "latest_changes": {"en": "Latest changes", "zh": "最新变动", "ja": "最新の変更"},
    "biggest_moves": {"en": "Biggest moves", "zh": "最大变动", "ja": "大きな変動"},
    "last_days": {"en": "last {days} days", "zh": "最近 {days} 天", "ja": "過去 {days} 日"},
    "no_changes": {"en": "No changes seen yet.", "zh": "尚未发现变动。", "ja": "まだ変更はありません。"},
    "current_prices": {"en": "Current prices", "zh": "当前价格", "ja": "現在の料金"},
    "history": {"en": "Price history", "zh": "价格历史", "ja": "料金の履歴"},
    "chart": {"en": "Chart", "zh": "价格走势", "ja": "料金の推移"},
    "models": {"en": "Models", "zh": "模型", "ja": "モデル"},
    "model": {"en": "Model", "zh": "模型", "ja": "モデル"},
    "vendor": {"en": "Vendor", "zh": "厂商", "ja": "ベンダー"},
    "type": {"en": "Type", "zh": "类型", "ja": "種別"},
    "tier": {"en": "Tier", "zh": "档位", "ja": "ティア"},
    "price": {"en": "Price per 1M tokens", "zh": "每百万 tokens 价格", "ja": "100万トークンあたりの料金"},
    "change": {"en": "Change", "zh": "变动", "ja": "変動"},
    "seen": {"en": "Seen (UTC)", "zh": "发现时间（UTC）", "ja": "確認日時（UTC）"},
    "source": {"en": "Source", "zh": "来源", "ja": "ソース"},
    "last_change": {"en": "Last change", "zh": "最近变动", "ja": "最終変更"},
    "feeds": {"en": "Feeds", "zh": "订阅源", "ja": "フィード"},
    "api": {"en": "JSON API", "zh": "JSON API", "ja": "JSON API"},
    "now": {"en": "now", "zh": "现在", "ja": "現在"},
    "chart_caption": {
        "en": "{currency} per 1M tokens; each line runs to now.",
        "zh": "{currency}/百万 tokens；每条线延续到现在。",
        "ja": "{currency}／100万トークン、各線は現在まで続きます。",
    },
    "other_currencies": {
        "en": "Also priced in {currencies}: see the table.",
        "zh": "另有以 {currencies} 计价的价格，见表格。",
        "ja": "{currencies} 建ての料金は表をご覧ください。",
    },
    "not_found": {"en": "Not found", "zh": "未找到", "ja": "見つかりません"},
}


def word(key: str, lang: str, **values: object) -> str:
    text = WORDS[key].get(lang) or WORDS[key]["en"]
    return text.format(**values) if values else text


def lang_from_accept_language(header: str | None) -> str:
    """The visitor's first language we have, by the Accept-Language q-values ('ja,en;q=0.8' → 'ja'); else English."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGS and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else "en"
