"""The HTML pages: the latest changes, a page per model (prices, history, chart) and per vendor."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import groupby
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from app.web.feeds import model_path
from app.web.svgchart import step_chart
from app.web.texts import word
from bot.alerts import KIND_LABEL, PRICE_TYPE_LABEL, REPORTED_AS, TYPE_ORDER, model_label, price_text
from bot.render import alert_parts, pct_text
from bot.series import price_series
from pricewatch.events import EventKind
from pricewatch.vendors import model_key, model_suggestions, vendor_display_name
from storage.engine import new_session
from storage.models import Event, Observation, as_utc
from storage.queries import current_prices, known_models, latest_prices, list_events, price_history

LATEST_EVENTS = 120
MOVES_SHOWN = 10
MOVE_KINDS = ["price_cut", "now_free", "reported_price_cut", "reported_free"]


def add_page_routes(app: FastAPI) -> None:
    from app.web.server import pick_lang

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, lang: str | None = None) -> HTMLResponse:
        chosen = pick_lang(request, lang)
        with new_session() as session:
            context = home_context(session, chosen)
        return render(request, "home.html", chosen, context)

    @app.get("/models/{model}", response_class=HTMLResponse, include_in_schema=False)
    def model_page(request: Request, model: str, lang: str | None = None) -> HTMLResponse:
        chosen = pick_lang(request, lang)
        with new_session() as session:
            context = model_context(session, model, chosen)
        return render(request, "model.html", chosen, context)

    @app.get("/models/{model}/chart.png", response_class=Response, include_in_schema=False)
    def model_chart_png(request: Request, model: str, lang: str | None = None) -> Response:
        """The chart the bot's /chart sends, for embedding elsewhere."""
        try:
            from bot.chart import chart_png
        except ImportError:
            raise HTTPException(503, "charts need the chart extra: pip install 'pricewatch[chart]'") from None
        chosen = pick_lang(request, lang)
        with new_session() as session:
            history = price_history(session=session, model=model_key(model))
        if not history:
            raise HTTPException(404, f"no prices known for model {model!r}")
        return Response(chart_png(model_key(model), history, chosen), media_type="image/png")

    @app.get("/vendors/{vendor}", response_class=HTMLResponse, include_in_schema=False)
    def vendor_page(request: Request, vendor: str, lang: str | None = None) -> HTMLResponse:
        chosen = pick_lang(request, lang)
        with new_session() as session:
            context = vendor_context(session, vendor, chosen)
        return render(request, "vendor.html", chosen, context)


def render(request: Request, template: str, lang: str, context: dict[str, Any]) -> HTMLResponse:
    base = {"lang": lang, "word": word, "path": request.url.path, "model_path": model_path}
    return request.app.state.templates.TemplateResponse(request, template, base | context)


def type_label(price_type: str | None, lang: str) -> str:
    return PRICE_TYPE_LABEL.get(lang, PRICE_TYPE_LABEL["en"]).get(price_type or "", price_type or "")


def kind_label(kind: str, lang: str) -> str:
    kind = REPORTED_AS.get(kind, kind)
    return KIND_LABEL.get(lang, KIND_LABEL["en"]).get(kind, kind)


def seen(moment: datetime) -> str:
    return f"{as_utc(moment):%Y-%m-%d %H:%M}"


# --- home ------------------------------------------------------------------------------------------------------


def home_context(session: Session, lang: str) -> dict[str, Any]:
    price_kinds = [str(k) for k in EventKind if not k.startswith("source_")]
    events = list_events(session=session, kinds=price_kinds, limit=LATEST_EVENTS)
    now = datetime.now(UTC)
    return {
        "alerts": [alert_html(group, lang) for group in alert_groups(events)],
        "moves": [
            {"days": days, "rows": [move_row(e, lang) for e in biggest_moves(session, now - timedelta(days=days))]}
            for days in (7, 30)
        ],
    }


def alert_groups(events: list[Event]) -> list[list[Event]]:
    """Events (newest first) in the groups a subscriber got them in: one crawl of one source, or one report."""

    def key(event: Event) -> tuple[object, ...]:
        return (event.source_id, event.snapshot_id, as_utc(event.observed_at).strftime("%Y%m%d%H%M"))

    return [list(group) for _, group in groupby(events, key=key)]


def alert_html(events: list[Event], lang: str) -> str:
    """The alert as the bot sends it (already escaped HTML), its model names linking to their pages."""
    ordered = sorted(events, key=lambda e: e.id or 0)
    return "\n".join(alert_parts(ordered, lang, limit=1_000_000, model_link=model_path))


def biggest_moves(session: Session, since: datetime) -> list[Event]:
    events = list_events(session=session, since=since, kinds=MOVE_KINDS)
    best: dict[tuple[object, ...], Event] = {}
    for event in events:  # one row per model and price type: its largest move
        key = (event.vendor, event.model, event.price_type, event.tier)
        if key not in best or _size(event) > _size(best[key]):
            best[key] = event
    return sorted(best.values(), key=_size, reverse=True)[:MOVES_SHOWN]


def _size(event: Event) -> float:
    return 100.0 if REPORTED_AS.get(event.kind, event.kind) == "now_free" else abs(event.change_pct or 0)


def move_row(event: Event, lang: str) -> dict[str, Any]:
    return {
        "model": event.model,
        "label": model_label(event),
        "vendor": vendor_display_name(event.vendor, lang),
        "vendor_id": event.vendor,
        "kind": kind_label(event.kind, lang),
        "reported": event.kind.startswith("reported_"),
        "type": type_label(event.price_type, lang) + (f" [{event.tier}]" if event.tier else ""),
        "old": price_text(event.old_price, event.currency, lang) if event.old_price is not None else "",
        "new": price_text(Decimal(0) if event.kind.endswith("free") else event.new_price, event.currency, lang),
        "change": pct_text(event.change_pct) if event.change_pct is not None else "",
        "seen": seen(event.observed_at),
        "url": event.url,
    }


# --- model -----------------------------------------------------------------------------------------------------


def model_context(session: Session, name: str, lang: str) -> dict[str, Any]:
    model = model_key(name)
    history = price_history(session=session, model=model)
    events = list_events(session=session, model=model, limit=50)
    if not history and not events:
        known = known_models(session=session)
        maybe = model_suggestions(name, known)
        hint = f"; did you mean {', '.join(maybe)}?" if maybe else ""
        raise HTTPException(404, f"no prices known for model {name!r}{hint}")
    current = current_prices(session=session, model=model)
    vendor = (current or history or events)[0].vendor
    printed = next((o.display for o in reversed(history) if o.display), "")
    return {
        "model": model,
        "label": printed or model,
        "vendor": vendor_display_name(vendor, lang),
        "vendor_id": vendor,
        "current": [price_row(o, lang) for o in sorted(current, key=_price_order)],
        "history": [price_row(o, lang) for o in reversed(history)],
        "changes": [move_row(e, lang) for e in events],
        "chart": chart_svg(history, lang),
    }


def _price_order(o: Observation) -> tuple[object, ...]:
    return (o.tier_key, TYPE_ORDER.get(o.price_type, 9), o.currency)


def price_row(o: Observation, lang: str) -> dict[str, Any]:
    return {
        "type": type_label(o.price_type, lang),
        "tier": o.tier or "",
        "price": price_text(o.price_per_mtok, o.currency, lang),
        "seen": seen(o.observed_at),
        "source": o.source_id,
        "vendor": vendor_display_name(o.vendor, lang),
    }


def chart_svg(history: list[Observation], lang: str) -> dict[str, str] | None:
    """The step chart of the main currency's prices (the series the bot's /chart draws), noting other currencies."""
    if not history:
        return None
    drawn = price_series(history, lang)
    caption = word("chart_caption", lang, currency=drawn.currency)
    svg = step_chart(drawn.series, now=datetime.now(UTC), currency_caption=caption, now_label=word("now", lang))
    others = ", ".join(drawn.other_currencies)
    return {"svg": svg, "note": word("other_currencies", lang, currencies=others) if others else ""}


# --- vendor ----------------------------------------------------------------------------------------------------


def vendor_context(session: Session, name: str, lang: str) -> dict[str, Any]:
    from app.web.server import canonical_vendor

    vendor = canonical_vendor(name) or ""
    prices = latest_prices(session=session, vendor=vendor)
    events = list_events(session=session, vendor=vendor, kinds=MOVE_KINDS + ["price_increase", "no_longer_free"])
    if not prices and not events:
        raise HTTPException(404, f"no prices known for vendor {name!r}")
    last_change = {}
    for event in events:  # newest first: the first seen per model is its last change
        last_change.setdefault(event.model, event)
    models = sorted({o.model for o in prices} | set(last_change))
    return {
        "vendor": vendor_display_name(vendor, lang),
        "vendor_id": vendor,
        "models": [model_row(m, [o for o in prices if o.model == m], last_change.get(m), lang) for m in models],
    }


def model_row(model: str, prices: Iterable[Observation], change: Event | None, lang: str) -> dict[str, Any]:
    prices = list(prices)
    return {
        "model": model,
        "label": next((o.display for o in prices if o.display), "") or (model_label(change) if change else model),
        "prices": [price_row(o, lang) for o in sorted(prices, key=_price_order)],
        "change": move_row(change, lang) if change else None,
    }
