"""Price events as Atom 1.0 and JSON Feed 1.1, titled in the words of the Telegram alerts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import quote
from xml.etree import ElementTree as ET

from bot.alerts import KIND_LABEL, PRICE_TYPE_LABEL, REPORTED_AS, UNIT, model_label, price_move
from bot.render import pct_text
from bot.texts import text
from pricewatch.vendors import vendor_display_name
from storage.models import Event, as_utc

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_TITLE = {
    "en": "pricewatch: LLM API price changes",
    "zh": "pricewatch：大模型 API 价格变动",
    "ja": "pricewatch：LLM API 料金の変更",
}
# A cut or increase says itself by its arrow and sign; other kinds name themselves.
_KINDS_TOLD_BY_ARROW = {"price_cut", "price_increase", "price"}


def model_path(model: str) -> str:
    return f"/models/{quote(model, safe='')}"


def event_title(event: Event, lang: str) -> str:
    """'deepseek-chat · input CNY 2 → CNY 1 per 1M tokens (−50%)', in the reader's language."""
    kind = REPORTED_AS.get(event.kind, event.kind)
    types = PRICE_TYPE_LABEL.get(lang, PRICE_TYPE_LABEL["en"])
    price_type = types.get(event.price_type or "", event.price_type or "")
    tier = f" [{event.tier}]" if event.tier else ""
    prices = price_move(event, lang)
    unit = "" if kind == "now_free" and event.old_price is None else f" {UNIT.get(lang, UNIT['en'])}"
    change = f" ({pct_text(event.change_pct)})" if event.change_pct is not None else ""
    label = "" if kind in _KINDS_TOLD_BY_ARROW else f"{KIND_LABEL.get(lang, KIND_LABEL['en']).get(kind, kind)}: "
    prefix = f"{text('reported', lang)}: " if event.kind.startswith("reported_") else ""  # as the alerts say it
    return f"{prefix}{model_label(event)} · {label}{price_type}{tier} {prices}{unit}{change}".replace("  ", " ")


def _entry_facts(event: Event) -> dict[str, object]:
    return {
        "vendor": event.vendor,
        "model": event.model,
        "kind": event.kind,
        "price_type": event.price_type,
        "tier": event.tier,
        "old_price": None if event.old_price is None else float(event.old_price),
        "new_price": None if event.new_price is None else float(event.new_price),
        "currency": event.currency,
        "change_pct": event.change_pct,
        "condition": event.condition,
    }


def _entry_id(base_url: str, event: Event) -> str:
    # Stable across requests and restarts: the event's own id, under the site's address.
    return f"{base_url}/api/events/{event.id}"


def atom_feed(events: list[Event], *, base_url: str, self_url: str, lang: str) -> bytes:
    """An Atom 1.0 document of EVENTS (newest first)."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": lang})
    sub(feed, "id", f"{base_url}/feed.atom")
    sub(feed, "title", FEED_TITLE.get(lang, FEED_TITLE["en"]))
    sub(feed, "updated", _updated(events).isoformat())
    sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=f"{base_url}/", type="text/html")
    sub(sub(feed, "author"), "name", "pricewatch")
    for event in events:
        entry = sub(feed, "entry")
        sub(entry, "id", _entry_id(base_url, event))
        sub(entry, "title", event_title(event, lang))
        seen = as_utc(event.observed_at).isoformat()
        sub(entry, "updated", seen)
        sub(entry, "published", seen)
        if event.model:
            sub(entry, "link", rel="alternate", href=f"{base_url}{model_path(event.model)}", type="text/html")
        if event.url:
            sub(entry, "link", rel="via", href=event.url)
        sub(sub(entry, "author"), "name", vendor_display_name(event.vendor, lang) or "pricewatch")
        sub(entry, "category", term=event.kind)
        if event.vendor:
            sub(entry, "category", term=f"vendor:{event.vendor}")
        sub(entry, "summary", _summary(event, lang), type="text")
        sub(entry, "content", json.dumps(_entry_facts(event), ensure_ascii=False), type="application/json")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def json_feed(events: list[Event], *, base_url: str, self_url: str, lang: str) -> dict[str, object]:
    """A JSON Feed 1.1 document of EVENTS (newest first); each item's facts under `_pricewatch`."""
    return {
        "version": JSON_FEED_VERSION,
        "title": FEED_TITLE.get(lang, FEED_TITLE["en"]),
        "home_page_url": f"{base_url}/",
        "feed_url": self_url,
        "language": lang,
        "authors": [{"name": "pricewatch", "url": f"{base_url}/"}],
        "items": [_json_item(event, base_url=base_url, lang=lang) for event in events],
    }


def _json_item(event: Event, *, base_url: str, lang: str) -> dict[str, object]:
    item: dict[str, object] = {
        "id": _entry_id(base_url, event),
        "title": event_title(event, lang),
        "content_text": _summary(event, lang),
        "date_published": as_utc(event.observed_at).isoformat(),
        "tags": [t for t in (event.kind, event.vendor, event.model) if t],
        "authors": [{"name": vendor_display_name(event.vendor, lang) or "pricewatch"}],
        "_pricewatch": _entry_facts(event) | {"event_id": event.id, "source_url": event.url},
    }
    if event.model:
        item["url"] = f"{base_url}{model_path(event.model)}"
    if event.url:
        item["external_url"] = event.url
    return item


def _summary(event: Event, lang: str) -> str:
    vendor = vendor_display_name(event.vendor, lang) or event.source_id
    seen = as_utc(event.observed_at).strftime("%Y-%m-%d %H:%M UTC")
    condition = f" ({event.condition})" if event.condition else ""
    return f"{vendor} · {event_title(event, lang)}{condition} · {seen}"


def last_modified(events: list[Event]) -> datetime | None:
    return max((as_utc(e.observed_at) for e in events), default=None)


def _updated(events: list[Event]) -> datetime:
    """Atom requires an updated time even for an empty feed: a fixed one, so its ETag stays stable."""
    return last_modified(events) or datetime(2024, 1, 1, tzinfo=UTC)
