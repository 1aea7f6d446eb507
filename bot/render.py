"""Alerts as Telegram HTML: one message per crawl (or article), split under 4096 characters."""

from __future__ import annotations

from html import escape

from bot.texts import text
from pricewatch.alerts import is_big, render_event
from storage.models import Event

TELEGRAM_LIMIT = 4096


def event_html(event: Event, lang: str) -> str:
    """One event: the plain line, escaped; free and big cuts in bold; its link; news/confirmation marks."""
    line = escape(render_event(event, lang))
    if is_big(event) or event.kind == "reported_free":
        line = f"<b>{line}</b>"
    if event.kind.startswith("reported_"):
        line = f"{text('reported', lang)}: {line}"
    if event.condition:
        line += f" <i>({escape(event.condition)})</i>"
    if event.linked_event_id and not event.kind.startswith("reported_"):
        line += f"\n   {text('confirmed', lang)}"
    if event.url:
        line += f' <a href="{escape(event.url, quote=True)}">{text("source", lang)}</a>'
    return line


def alert_parts(events: list[Event], lang: str, *, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The alert for these events, as message parts that each fit Telegram's limit."""
    if not events:
        return []
    first = events[0]
    header = f"<b>{escape(first.vendor or first.source_id)}</b> · {escape(first.source_id)}"
    parts, current = [], header
    for event in events:
        line = event_html(event, lang)[: limit - len(header) - 2]
        if len(current) + 1 + len(line) > limit:
            parts.append(current)
            current = header + " (…)"
        current += "\n" + line
    parts.append(current)
    return parts
