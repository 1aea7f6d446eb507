"""The read-only web app: `create_app()` for `pricewatch serve` and for `pricewatch run` with PRICEWATCH_WEB_PORT.

Every route is a plain `def`: FastAPI runs it in a worker thread, so database reads never stall the event
loop the service's scheduler and bot share. Bad input is a 4xx with a one-line JSON error, never a 500.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.records import (
    EventRecord,
    ObservationRecord,
    SourceRecord,
    event_records,
    history_records,
    one_event_record,
    price_records,
)
from app.web import pages
from app.web.feeds import atom_feed, json_feed, last_modified
from app.web.pricemap import FxError, parse_fx, price_map
from app.web.texts import LANGS, lang_from_accept_language, word
from pricewatch.catalogue import Source
from pricewatch.events import HEALTH_EVENT_KINDS, EventKind
from pricewatch.settings import get_settings
from storage.engine import new_session
from storage.queries import latest_prices, list_events

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
FEED_SIZE = 50
API_LIMIT_MAX = 500
PRICE_KINDS = [str(k) for k in EventKind if k not in HEALTH_EVENT_KINDS]
# A feed filtered on a kind also carries the news reports of that kind: they come first in a price war.
FEED_KIND_FAMILY = {
    "price_cut": ["price_cut", "reported_price_cut"],
    "now_free": ["now_free", "reported_free"],
    "price_increase": ["price_increase", "reported_price_increase"],
}
Catalogue = Callable[[], list[Source]]


def create_app(*, catalogue: Catalogue | None = None) -> FastAPI:
    """The app; CATALOGUE gives the sources /api/sources lists (the running service's, or the file's)."""
    app = FastAPI(
        title="pricewatch",
        summary="LLM API prices and their changes, read from vendors' pages and the news.",
        version="1",
    )
    app.state.catalogue = catalogue or _catalogue_from_settings
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_error_handlers(app)
    _add_feed_routes(app)
    _add_api_routes(app)
    pages.add_page_routes(app)
    return app


def _catalogue_from_settings() -> list[Source]:
    from pricewatch.catalogue import load_catalogue

    return load_catalogue(get_settings().pricewatch_sources)


# --- input -----------------------------------------------------------------------------------------------------


def pick_lang(request: Request, lang: str | None) -> str:
    if lang is None:
        return lang_from_accept_language(request.headers.get("accept-language"))
    if lang not in LANGS:
        raise HTTPException(400, f"unknown lang {lang!r}: use en, zh or ja")
    return lang


def parse_since(text: str | None) -> datetime | None:
    """'7d', '12h', '30m', '2w' or an ISO date/time (UTC unless it says otherwise)."""
    from app.records import parse_since as parse

    try:
        return parse(text)
    except ValueError as error:
        raise HTTPException(400, f"since {error}") from None


def canonical_vendor(name: str | None) -> str | None:
    from pricewatch.vendors import resolve_vendor

    if not name:
        return None
    return resolve_vendor(name) or name.strip().lower()


def base_url(request: Request) -> str:
    return (get_settings().pricewatch_public_url or str(request.base_url)).rstrip("/")


def feed_kinds(kind: str | None) -> list[str]:
    if kind is None:
        return PRICE_KINDS
    if kind not in PRICE_KINDS:
        raise HTTPException(400, f"unknown kind {kind!r}: one of {', '.join(PRICE_KINDS)}")
    return FEED_KIND_FAMILY.get(kind, [kind])


# --- feeds -----------------------------------------------------------------------------------------------------


def conditional(request: Request, body: bytes, media_type: str, modified: datetime | None) -> Response:
    """BODY with ETag and Last-Modified, or 304 when the client's copy is current."""
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=60"}
    if modified is not None:
        headers["Last-Modified"] = format_datetime(modified.replace(microsecond=0), usegmt=True)
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        if etag in tags or "*" in tags:
            return Response(status_code=304, headers=headers)
    elif modified is not None and (since := _http_date(request.headers.get("if-modified-since"))):
        if modified.replace(microsecond=0) <= since:
            return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def _http_date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class FeedQuery:
    """What a feed reader asked for: the events (filters) and the language of their titles."""

    events: list[Any]
    lang: str


def feed_query(
    request: Request,
    vendor: str | None = None,
    model: str | None = None,
    kind: str | None = None,
    min_cut: Annotated[int | None, Query(ge=1, le=100)] = None,
    lang: str | None = None,
) -> FeedQuery:
    """The feeds' shared query parameters: ?vendor=&model=&kind=&min_cut=&lang=."""
    from pricewatch.vendors import model_key

    chosen = pick_lang(request, lang)
    with new_session() as session:
        events = list_events(
            session=session,
            vendor=canonical_vendor(vendor),
            model=model_key(model) if model else None,
            kinds=feed_kinds(kind),
            min_cut=min_cut,
            limit=FEED_SIZE,
        )
    return FeedQuery(events, chosen)


Feed = Annotated[FeedQuery, Depends(feed_query)]


def _add_feed_routes(app: FastAPI) -> None:
    @app.get("/feed.atom", tags=["feeds"], response_class=Response, summary="Price events as Atom 1.0")
    def atom(request: Request, feed: Feed) -> Response:
        body = atom_feed(feed.events, base_url=base_url(request), self_url=str(request.url), lang=feed.lang)
        return conditional(request, body, "application/atom+xml; charset=utf-8", last_modified(feed.events))

    @app.get("/feed.json", tags=["feeds"], response_class=Response, summary="Price events as JSON Feed 1.1")
    def json_(request: Request, feed: Feed) -> Response:
        document = json_feed(feed.events, base_url=base_url(request), self_url=str(request.url), lang=feed.lang)
        body = json.dumps(document, ensure_ascii=False, indent=1).encode()
        return conditional(request, body, "application/feed+json; charset=utf-8", last_modified(feed.events))


# --- JSON API --------------------------------------------------------------------------------------------------


def _add_api_routes(app: FastAPI) -> None:
    @app.get("/api/events", tags=["api"], summary="Events newest first (the CLI's `events --json`)")
    def api_events(
        since: str | None = None,
        vendor: str | None = None,
        model: str | None = None,
        kind: str | None = None,
        limit: Annotated[int, Query(ge=1, le=API_LIMIT_MAX)] = 50,
    ) -> list[EventRecord]:
        from pricewatch.vendors import model_key

        if kind is not None and kind not in [str(k) for k in EventKind]:
            raise HTTPException(400, f"unknown kind {kind!r}")
        with new_session() as session:
            return event_records(
                session=session,
                since=parse_since(since),
                vendor=canonical_vendor(vendor),
                model=model_key(model) if model else None,
                kind=kind,
                limit=limit,
            )

    @app.get("/api/events/{event_id}", tags=["api"], summary="One event (the id of a feed entry)")
    def api_event(event_id: int) -> EventRecord:
        with new_session() as session:
            record = one_event_record(session=session, event_id=event_id)
        if record is None:
            raise HTTPException(404, f"no event {event_id}")
        return record

    @app.get("/api/history/{model}", tags=["api"], summary="Every observed price of a model (`history --json`)")
    def api_history(model: str, vendor: str | None = None) -> list[ObservationRecord]:
        with new_session() as session:
            rows = history_records(session=session, model=model, vendor=canonical_vendor(vendor))
        if not rows:
            raise HTTPException(404, f"no prices known for model {model!r}")
        return rows

    @app.get("/api/prices", tags=["api"], summary="The latest price of every model and price type")
    def api_prices(vendor: str | None = None) -> list[ObservationRecord]:
        with new_session() as session:
            return price_records(session=session, vendor=canonical_vendor(vendor))

    @app.get("/api/prices.litellm.json", tags=["api"], summary="Current USD prices in LiteLLM's price-file format")
    def api_litellm() -> dict[str, dict[str, Any]]:
        try:
            rates = parse_fx(get_settings().pricewatch_fx, today=date.today())
        except FxError as error:
            raise HTTPException(503, str(error)) from None
        with new_session() as session:
            return price_map(latest_prices(session=session), rates)

    @app.get("/api/sources", tags=["api"], summary="The catalogue and each source's health (`sources --json`)")
    def api_sources(request: Request) -> list[SourceRecord]:
        from app.records import source_records

        return source_records(request.app.state.catalogue())


# --- errors ----------------------------------------------------------------------------------------------------


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api", "/feed", "/docs", "/openapi")):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_html(request):
        lang = request.query_params.get("lang")
        lang = lang if lang in LANGS else lang_from_accept_language(request.headers.get("accept-language"))
        context = {"lang": lang, "word": word, "status": status, "message": message, "path": request.url.path}
        return request.app.state.templates.TemplateResponse(
            request, "error.html", context, status_code=status, media_type="text/html"
        )
    return JSONResponse({"error": message}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = error.detail if isinstance(error.detail, str) else "bad request"
        if error.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        return error_response(request, error.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        return error_response(request, 400, f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(Exception)
    async def failure(request: Request, error: Exception) -> Response:
        from app.problems import is_storage_error, storage_problem

        if is_storage_error(error):
            log.warning("event=web_storage_error path=%s error=%r", request.url.path, str(error)[:200])
            return error_response(request, 503, storage_problem(error))
        log.exception("event=web_error path=%s", request.url.path)
        return error_response(request, 500, "internal error: the administrator can see it in the log")
