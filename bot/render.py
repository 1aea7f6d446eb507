"""Alerts as Telegram HTML: one message per crawl (or article), split under 4096 characters.

An alert reads like a note a channel owner would write: the vendor and the time the change was seen, one
line per model and tier with every price type on it, the currency written so no reader can misread it,
hashtags, and a link to the page. More than DIGEST_OVER changes at once (a price war) become a digest:
the largest first, then how many more and where to see them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.alerts import (
    KIND_LABEL,
    PRICE_TYPE_LABEL,
    REPORTED_AS,
    TYPE_ORDER,
    UNIT,
    is_big,
    model_label,
    price_move,
    render_event,
)
from bot.texts import text
from pricewatch.events import HEALTH_EVENT_KINDS
from pricewatch.vendors import vendor_display_name
from storage.models import Event

TELEGRAM_LIMIT = 4096
DIGEST_OVER = 15
LIST_SEPARATOR = {"en": ", ", "zh": "，", "ja": "、"}


def event_html(event: Event, lang: str) -> str:
    """One event on its own line (health notices, /latest): the plain line, escaped, with its marks."""
    line = escape(render_event(event, lang))
    if is_big(event) or event.kind == "reported_free":
        line = f"<b>{line}</b>"
    line = _with_marks(line, event, lang)
    if event.url:
        line += f' <a href="{escape(event.url, quote=True)}">{text("source", lang)}</a>'
    return line


@dataclass
class _Change:
    """The events of one model, tier and kind: one line of the alert."""

    events: list[Event] = field(default_factory=list)

    @property
    def size(self) -> float:
        return max((abs(e.change_pct or 0) for e in self.events), default=0.0) + (100 if self._free else 0)

    @property
    def _free(self) -> bool:
        return any(REPORTED_AS.get(e.kind, e.kind) == "now_free" for e in self.events)


ModelLink = Callable[[str], str | None]


def no_model_link(model: str) -> str | None:
    return None


def alert_parts(
    events: list[Event], lang: str, *, limit: int = TELEGRAM_LIMIT, model_link: ModelLink = no_model_link
) -> list[str]:
    """The alert for these events, as message parts that each fit Telegram's limit.

    MODEL_LINK gives the address of a model's page (pricewatch's web, when it is public) or None.
    """
    if not events:
        return []
    if any(e.kind in HEALTH_EVENT_KINDS for e in events):
        header = f"<b>{escape(events[0].source_id)}</b>"
        return _split(header, [event_html(e, lang) for e in events], "", limit)
    changes = _group(events)
    lines = [change_html(change, lang, model_link) for change in changes]
    if len(events) > DIGEST_OVER:
        ranked = sorted(changes, key=lambda c: c.size, reverse=True)
        lines, shown = [], 0
        for change in ranked:
            line = change_html(change, lang, model_link)
            if sum(len(x) + 1 for x in lines) + len(line) > limit - 600:
                break
            lines.append(line)
            shown += 1
        if shown < len(ranked):
            lines.append(text("and_more", lang, n=len(ranked) - shown))
    return _split(_header(events, lang), lines, _footer(events, lang), limit)


def _group(events: list[Event]) -> list[_Change]:
    groups: dict[tuple[str | None, ...], _Change] = {}
    for event in events:
        key = (event.vendor, event.model, event.tier, event.kind, event.condition)
        groups.setdefault(key, _Change()).events.append(event)
    for change in groups.values():
        change.events.sort(key=lambda e: TYPE_ORDER.get(e.price_type or "", 9))
    return list(groups.values())


def change_html(change: _Change, lang: str, model_link: ModelLink = no_model_link) -> str:
    """'🔥 price cut: <b>deepseek-chat</b> · input CNY 2 → CNY 1, output CNY 8 → CNY 4 (-50%) · per 1M tokens'."""
    first = change.events[0]
    kind = REPORTED_AS.get(first.kind, first.kind)
    labels = KIND_LABEL.get(lang, KIND_LABEL["en"])
    types = PRICE_TYPE_LABEL.get(lang, PRICE_TYPE_LABEL["en"])
    percents = {e.change_pct for e in change.events}
    one_percent = len(percents) == 1
    prices = []
    for e in change.events:
        label = types.get(e.price_type or "", e.price_type or "")
        pct = "" if one_percent or e.change_pct is None else f" ({pct_text(e.change_pct)})"
        prices.append(f"{label} {price_move(e, lang)}{pct}".strip())
    pct = f" ({pct_text(first.change_pct)})" if one_percent and first.change_pct is not None else ""
    tier = f" [{escape(first.tier)}]" if first.tier else ""
    mark = "🔥 " if any(is_big(e) for e in change.events) else ""
    model = f"<b>{escape(model_label(first))}</b>"
    if first.model and (link := model_link(first.model)):
        model = f'<a href="{escape(link, quote=True)}">{model}</a>'
    line = (
        f"{mark}{escape(labels.get(kind, kind))}: {model}{tier} · "
        f"{escape(LIST_SEPARATOR.get(lang, ', ').join(prices))}{pct} · {UNIT.get(lang, UNIT['en'])}"
    )
    return _with_marks(line, first, lang)


def _with_marks(line: str, event: Event, lang: str) -> str:
    """📰 for a news report, its condition, and ✅ for a pricing-page event that confirms one."""
    if event.kind.startswith("reported_"):
        line = f"{text('reported', lang)}: {line}"
    if event.condition:
        line += f" <i>({escape(event.condition)})</i>"
    if event.linked_event_id and not event.kind.startswith("reported_"):
        line += f"\n   {text('confirmed', lang)}"
    return line


def pct_text(value: float) -> str:
    return f"{value:+.1f}%".replace(".0%", "%").replace("-", "−")


def _header(events: list[Event], lang: str) -> str:
    vendor = vendor_display_name(events[0].vendor, lang) or events[0].source_id
    seen = max(e.observed_at for e in events)
    return f"<b>{escape(vendor)}</b> · {seen:%Y-%m-%d %H:%M} UTC"


def _footer(events: list[Event], lang: str) -> str:
    vendor = vendor_display_name(events[0].vendor, lang).replace(" ", "")
    labels = KIND_LABEL.get(lang, KIND_LABEL["en"])
    kinds = dict.fromkeys(REPORTED_AS.get(e.kind, e.kind) for e in events)
    tags = [f"#{vendor}"] + [f"#{_tag(labels.get(k, k), lang)}" for k in kinds]
    urls = list(dict.fromkeys(e.url for e in events if e.url))
    links = " ".join(f'<a href="{escape(u, quote=True)}">{text("source", lang)}</a>' for u in urls[:3])
    return " ".join(escape(t) for t in tags) + (f"\n{links}" if links else "")


def _tag(label: str, lang: str) -> str:
    """'price cut' → 'PriceCut'; '降价' stays."""
    return "".join(word[:1].upper() + word[1:].lower() for word in label.split()) if lang == "en" else label


def _split(header: str, lines: list[str], footer: str, limit: int) -> list[str]:
    parts, current = [], header
    for line in lines:
        line = line[: limit - len(header) - 2]
        if len(current) + 1 + len(line) > limit:
            parts.append(current)
            current = header + " (…)"
        current += "\n" + line
    if footer and len(current) + 2 + len(footer) > limit:
        parts.append(current)
        current = header + " (…)"
    parts.append(current + (f"\n\n{footer}" if footer else ""))
    return parts


BUTTON_MODELS = 3  # buttons for the first few models of an alert; /history and /chart reach the rest
CALLBACK_LIMIT = 64  # bytes Telegram keeps of a button's callback_data


def alert_buttons(events: list[Event], lang: str) -> InlineKeyboardMarkup | None:
    """'History' and 'Chart' under a price alert, one row per model; their callbacks answer as the commands do."""
    if not events or any(e.kind in HEALTH_EVENT_KINDS for e in events):
        return None
    models = [m for m in dict.fromkeys(e.model for e in events) if m]
    rows = []
    for model in models[:BUTTON_MODELS]:
        if len(f"history:{model}".encode()) > CALLBACK_LIMIT:
            continue
        suffix = f" · {model}" if len(models) > 1 else ""
        rows.append(
            [
                InlineKeyboardButton(text("button_history", lang) + suffix, callback_data=f"history:{model}"),
                InlineKeyboardButton(text("button_chart", lang) + suffix, callback_data=f"chart:{model}"),
            ]
        )
    return InlineKeyboardMarkup(rows) if rows else None


def also_reported_html(events: list[Event], articles: dict[int | None, list[dict[str, str]]], lang: str) -> str:
    """'📰 Also reported by <a>title</a>: qwen-long' — the reply to an alert the news has caught up with."""
    links = []
    for event in events:
        for article in articles.get(event.id, []):
            title = article.get("title") or article["url"]
            links.append(f'<a href="{escape(article["url"], quote=True)}">{escape(title[:80])}</a>')
    models = LIST_SEPARATOR.get(lang, ", ").join(dict.fromkeys(escape(model_label(e)) for e in events))
    sources = LIST_SEPARATOR.get(lang, ", ").join(dict.fromkeys(links)) or escape(events[0].source_id)
    return f"📰 {text('also_reported', lang)} {sources}: <b>{models}</b>"
