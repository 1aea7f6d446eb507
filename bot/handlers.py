"""The bot's commands: module-level async handlers, one per command."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from html import escape

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.alerts import PRICE_TYPE_LABEL, UNIT, format_money, price_text, render_event
from bot.texts import LANGS, lang_from_code, text
from pricewatch.catalogue import CatalogueError, Source, load_catalogue, select_sources
from pricewatch.events import HEALTH_EVENT_KINDS, EventKind
from pricewatch.vendors import model_key, model_suggestions, resolve_vendor, vendor_suggestions
from storage.engine import new_session
from storage.models import ChatSettings, Subscription
from storage.outbox import add_subscription, chat_subscriptions, remove_subscriptions
from storage.queries import current_prices, known_models, list_events, price_history, source_health

log = logging.getLogger(__name__)


CHART_EXTRA = "Charts need the chart extra on the bot's server: pip install 'pricewatch[chart]'"
PRICE_AND_REPORTED_KINDS = [k for k in EventKind if k not in HEALTH_EVENT_KINDS]


def _chat_id(update: Update) -> str:
    return str(update.effective_chat.id)


async def chat_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The chat's language: set by /lang, else the user's Telegram language (read off the event loop)."""
    user_lang = lang_from_code(update.effective_user.language_code if update.effective_user else None)
    return await asyncio.to_thread(_chat_lang, context.bot_data.get("database_url"), _chat_id(update), user_lang)


def _chat_lang(database_url: str | None, chat_id: str, user_lang: str) -> str:
    with new_session(database_url) as session:
        chat = session.get(ChatSettings, chat_id)
        if chat is not None:
            return chat.lang
        session.add(ChatSettings(chat_id=chat_id, lang=user_lang))
        session.commit()
        return user_lang


async def reply(update: Update, message: str) -> None:
    await update.effective_message.reply_text(message, parse_mode=ParseMode.HTML, disable_web_page_preview=True)


async def rate_limit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop commands from a chat that sends too many, telling it once."""
    if update.effective_chat is None:
        return
    limiter = context.bot_data["command_limiter"]
    chat_id = _chat_id(update)
    if not limiter.allow(chat_id):
        warned = context.bot_data.setdefault("warned_chats", set())
        if chat_id not in warned and update.effective_message:
            warned.add(chat_id)
            await reply(update, text("slow_down", await chat_lang(update, context)))
        raise ApplicationHandlerStop
    context.bot_data.setdefault("warned_chats", set()).discard(chat_id)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet and show the commands."""
    await reply(update, text("help", await chat_lang(update, context)))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the commands."""
    await reply(update, text("help", await chat_lang(update, context)))


def parse_count(text: str) -> int | None:
    """A whole number a user typed, ASCII digits only ('²' and '٣' pass str.isdigit but are not numbers here)."""
    if not (text.isascii() and text.isdigit()):
        return None
    try:
        return int(text)
    except ValueError:
        return None


_FILTER_KEYS = ("vendor", "model", "min_cut")


def parse_filters(args: list[str]) -> dict[str, object] | None:
    """['vendor', 'deepseek', 'model', 'qwen', 'long'] → filters; a value runs to the next key. None if malformed."""
    filters: dict[str, object] = {"vendors": [], "models": [], "min_cut": None}
    groups: list[tuple[str, list[str]]] = []
    for word in args:
        if word.lower() in _FILTER_KEYS:
            groups.append((word.lower(), []))
        elif groups:
            groups[-1][1].append(word)
        else:
            return None
    for key, words in groups:
        value = " ".join(words)
        if not value:
            return None
        if key == "vendor":
            filters["vendors"].append(value.lower())  # type: ignore[union-attr]
        elif key == "model":
            filters["models"].append(model_key(value))  # type: ignore[union-attr]
        elif (cut := parse_count(value.rstrip("%"))) is not None and 0 < cut <= 100:
            filters["min_cut"] = cut
        else:
            return None
    return filters


def resolve_filters(filters: dict[str, object], known: list[str], lang: str) -> str | None:
    """Vendor names through the alias table, models against the known ones: the problem to tell, or None."""
    vendors = []
    for name in filters["vendors"]:  # type: ignore[union-attr]
        vendor = resolve_vendor(name)
        if vendor is None:
            return text("unknown_vendor", lang, name=escape(name), suggestions=_listed(vendor_suggestions(name)))
        vendors.append(vendor)
    filters["vendors"] = vendors
    for model in filters["models"]:  # type: ignore[union-attr]
        if model not in known:
            return text("unknown_model", lang, name=escape(model), suggestions=_listed(model_suggestions(model, known)))
    return None


def _listed(names: list[str]) -> str:
    return ", ".join(f"<code>{escape(n)}</code>" for n in names) or "—"


# A subscription's filters in the chat's language (the command keywords stay English in every language).
FILTER_WORDS = {
    "en": ("vendor {}", "model {}", "min_cut {}%", ", "),
    "zh": ("厂商 {}", "模型 {}", "降幅至少 {}%", "，"),
    "ja": ("ベンダー {}", "モデル {}", "値下げ幅 {}% 以上", "、"),
}
SOURCE_KIND = {
    "en": {},
    "zh": {"pricing": "价格页", "news": "新闻"},
    "ja": {"pricing": "料金ページ", "news": "ニュース"},
}


def describe(subscription: Subscription, lang: str) -> str:
    vendor, model, min_cut, separator = FILTER_WORDS.get(lang, FILTER_WORDS["en"])
    parts = []
    if subscription.vendors:
        parts.append(vendor.format(subscription.vendors))
    if subscription.models:
        parts.append(model.format(subscription.models))
    if subscription.min_cut is not None:
        parts.append(min_cut.format(subscription.min_cut))
    return escape(separator.join(parts)) or text("everything", lang)


async def may_change_chat(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> bool:
    """In a group only its administrators change its subscriptions or language; others are told so."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or chat.type == "private":
        return True
    if user is not None:
        member = await context.bot.get_chat_member(chat.id, user.id)
        if member.status in ("creator", "owner", "administrator"):
            return True
    await reply(update, text("group_admins_only", lang))
    return False


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Add a subscription for this chat: everything, or filters that combine."""
    lang = await chat_lang(update, context)
    if not await may_change_chat(update, context, lang):
        return
    filters = parse_filters(context.args or [])
    if filters is None:
        await reply(update, text("bad_subscribe", lang))
        return
    known = await asyncio.to_thread(_known_models, context)
    problem = resolve_filters(filters, known, lang)
    if problem:
        await reply(update, problem)
        return
    chat_id = _chat_id(update)
    number, new = await asyncio.to_thread(
        _add_subscription, context, chat_id, filters["vendors"], filters["models"], filters["min_cut"]
    )
    sub = Subscription(
        chat_id=chat_id,
        vendors=",".join(filters["vendors"]),
        models=",".join(filters["models"]),
        min_cut=filters["min_cut"],
    )  # type: ignore[arg-type]
    key = "subscribed" if new else "already_subscribed"
    await reply(update, text(key, lang, number=number, filters=describe(sub, lang)))


def _add_subscription(context: ContextTypes.DEFAULT_TYPE, chat_id: str, vendors, models, min_cut) -> tuple[int, bool]:  # noqa: ANN001
    with new_session(context.bot_data.get("database_url")) as session:
        return add_subscription(session=session, chat_id=chat_id, vendors=vendors, models=models, min_cut=min_cut)


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Remove subscription N (/unsubscribe 2), or every one (/unsubscribe, /unsubscribe all)."""
    lang = await chat_lang(update, context)
    if not await may_change_chat(update, context, lang):
        return
    arg = (context.args or ["all"])[0].lower()
    number = None if arg == "all" else parse_count(arg)
    if number is None and arg != "all":
        await reply(update, text("bad_unsubscribe", lang))
        return
    removed = await asyncio.to_thread(_remove_subscriptions, context, _chat_id(update), number)
    if number is not None:
        await reply(update, text("unsubscribed_one" if removed else "no_such_sub", lang, number=number))
    else:
        await reply(update, text("unsubscribed" if removed else "no_subs", lang))


def _remove_subscriptions(context: ContextTypes.DEFAULT_TYPE, chat_id: str, number: int | None) -> int:
    with new_session(context.bot_data.get("database_url")) as session:
        return remove_subscriptions(session=session, chat_id=chat_id, number=number)


async def mysubs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List this chat's subscriptions, numbered."""
    lang = await chat_lang(update, context)
    subs = await asyncio.to_thread(_chat_subscriptions, context, _chat_id(update))
    if not subs:
        await reply(update, text("no_subs", lang))
        return
    lines = [text("your_subs", lang)] + [f"{n}. {describe(sub, lang)}" for n, sub in enumerate(subs, start=1)]
    await reply(update, "\n".join(lines))


def _chat_subscriptions(context: ContextTypes.DEFAULT_TYPE, chat_id: str) -> list[Subscription]:
    with new_session(context.bot_data.get("database_url")) as session:
        return chat_subscriptions(session=session, chat_id=chat_id)


async def latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The most recent price events (default 10, at most 50)."""
    lang = await chat_lang(update, context)
    count = (parse_count(context.args[0]) if context.args else None) or 10
    events = await asyncio.to_thread(_latest_price_events, context.bot_data.get("database_url"), max(1, min(count, 50)))
    if not events:
        await reply(update, text("no_events", lang))
        return
    lines = [f"{e.observed_at:%Y-%m-%d} {escape(render_event(e, lang))}" for e in events]
    await reply(update, "\n".join(lines)[:4000])


def _latest_price_events(database_url: str | None, count: int) -> list:
    with new_session(database_url) as session:
        return list_events(session=session, kinds=[str(k) for k in PRICE_AND_REPORTED_KINDS], limit=count)


def _known_models(context: ContextTypes.DEFAULT_TYPE, vendor: str | None = None) -> list[str]:
    with new_session(context.bot_data.get("database_url")) as session:
        return known_models(session=session, vendor=vendor)


async def _observations_of_model(
    update: Update, context: ContextTypes.DEFAULT_TYPE, command: str, query: Callable[..., list]
) -> tuple[str, str, list] | None:
    """(lang, model, rows) for /price, /history, /chart — or None after telling the user what is missing."""
    lang = await chat_lang(update, context)
    model = model_key(" ".join(context.args)) if context.args else None
    if not model:
        await reply(update, text("need_model", lang, command=command))
        return None
    rows = await asyncio.to_thread(_rows_of, context, query, model)
    if not rows:
        # '豆包' or 'volcengine' name a vendor: offer its models; 'qwen' or a typo: the models it may mean.
        vendor = resolve_vendor(" ".join(context.args or []))
        candidates = await asyncio.to_thread(_known_models, context, vendor)
        candidates = candidates[:8] if vendor else model_suggestions(model, candidates)
        if candidates:
            await reply(update, text("which_model", lang, name=escape(model), suggestions=_listed(candidates)))
        else:
            await reply(update, text("no_model", lang, model=escape(model)))
        return None
    return lang, model, rows


def _rows_of(context: ContextTypes.DEFAULT_TYPE, query: Callable[..., list], model: str) -> list:
    with new_session(context.bot_data.get("database_url")) as session:
        return query(session=session, model=model)


async def price(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The current prices of a model across sources."""
    found = await _observations_of_model(update, context, "price", current_prices)
    if found is None:
        return
    lang, model, rows = found
    lines = [f"<b>{escape(text('prices_title', lang, model=model))}</b>"]
    types = PRICE_TYPE_LABEL.get(lang, PRICE_TYPE_LABEL["en"])
    lines += [
        f"{escape(o.source_id)}: {escape(types.get(o.price_type, o.price_type))}"
        f"{' [' + escape(o.tier) + ']' if o.tier else ''} {escape(_price_words(o.price_per_mtok, o.currency, lang))}"
        for o in rows
    ]
    await reply(update, "\n".join(lines)[:4000])


def _price_words(value, currency: str, lang: str) -> str:  # noqa: ANN001
    """'CNY 2 per 1M tokens', or 'free' (in the chat's language) for a price of zero."""
    return price_text(value, currency, lang) + ("" if value == 0 else f" {UNIT.get(lang, UNIT['en'])}")


def history_lines(observations: list, lang: str) -> list[str]:  # noqa: ANN001
    """Each change of each price series: date, old → new, unit and currency."""
    last: dict[tuple[str, ...], object] = {}
    lines = []
    for o in observations:
        key = (o.source_id, o.vendor, o.price_type, o.tier or "", o.currency)
        before = last.get(key)
        if before is not None and before == o.price_per_mtok:
            continue
        label = f"{o.price_type}{' [' + o.tier + ']' if o.tier else ''}"
        change = "" if before is None else f"{format_money(before, o.currency, lang)} → "
        lines.append(
            f"{o.observed_at:%Y-%m-%d} {o.vendor} {label}: {change}{format_money(o.price_per_mtok, o.currency, lang)}"
            f" {UNIT.get(lang, UNIT['en'])} ({o.source_id})"
        )
        last[key] = o.price_per_mtok
    return lines


async def history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How a model's prices moved."""
    found = await _observations_of_model(update, context, "history", price_history)
    if found is None:
        return
    lang, model, rows = found
    body = "\n".join(escape(line) for line in history_lines(rows, lang))
    await reply(update, f"<b>{escape(text('history_title', lang, model=model))}</b>\n{body}"[:4000])


async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A PNG chart of a model's price history."""
    found = await _observations_of_model(update, context, "chart", price_history)
    if found is None:
        return
    lang, model, rows = found
    try:
        from bot.chart import chart_png
    except ImportError:  # matplotlib is the chart extra
        await reply(update, escape(CHART_EXTRA))
        return
    png = await asyncio.to_thread(chart_png, model, rows, lang)
    await update.effective_message.reply_photo(png, caption=text("history_title", lang, model=model))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A History or Chart button under an alert: answered as /history MODEL or /chart MODEL would be."""
    query = update.callback_query
    await query.answer()  # stops the client's spinner at once; the reply follows
    action, _, model = (query.data or "").partition(":")
    command = {"history": history, "chart": chart}.get(action)
    if command is None or not model:
        return
    context.args = [model]
    await command(update, context)


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The catalogue with each source's health."""
    try:
        catalogue = running_catalogue(context)
    except CatalogueError as error:
        await reply(update, escape(str(error)))
        return
    health = await asyncio.to_thread(_source_health, context.bot_data.get("database_url"))
    lang = await chat_lang(update, context)
    lines = []
    for s in catalogue:
        h = health.get(s.id)
        mark = "❔" if h is None or h.last_attempt is None else ("✅" if h.consecutive_failures == 0 else "⚠️")
        detail = f" — {escape(h.last_error[:80])}" if h and h.last_error else ""
        kind = SOURCE_KIND.get(lang, {}).get(s.kind, s.kind)
        lines.append(f"{mark} <code>{escape(s.id)}</code> {escape(kind)}{detail}")
    await reply(update, "\n".join(lines)[:4000])


def _source_health(database_url: str | None) -> dict:
    with new_session(database_url) as session:
        return source_health(session=session)


def running_catalogue(context: ContextTypes.DEFAULT_TYPE) -> list[Source]:
    """The sources the service runs (kept while a bad edit of the file is refused), else the file's."""
    current = context.bot_data.get("catalogue")
    return current() if current else load_catalogue(context.bot_data.get("sources_path"))


def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    return user is not None and user.id in context.bot_data["settings"].admin_ids


async def crawl(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Run the spiders now (admins only); the admin gets a summary when the crawl ends."""
    lang = await chat_lang(update, context)
    if not is_admin(update, context):
        await reply(update, text("admins_only", lang))
        return
    try:
        chosen = select_sources(running_catalogue(context), context.args or [])
    except CatalogueError as error:
        await reply(update, escape(str(error)))
        return
    await reply(update, text("crawl_started", lang, n=len(chosen)))
    # The crawl runs beside the bot: every other command is answered while it goes on.
    context.application.create_task(crawl_and_report(update, context, chosen, lang), update=update)


async def crawl_and_report(update: Update, context: ContextTypes.DEFAULT_TYPE, chosen: list[Source], lang: str) -> None:
    """Run the crawl, then tell the admin what it did, one line per source."""
    started = time.monotonic()
    results = await context.bot_data["crawl_runner"](chosen)
    lines = [text("crawl_done", lang, seconds=time.monotonic() - started)]
    for r in results:
        source = f"<code>{escape(r.source_id)}</code>"
        if r.ok:
            lines.append("✅ " + text("crawl_source_ok", lang, id=source, quotes=r.quotes, changes=len(r.events)))
        elif r.error and r.error.startswith("skipped"):
            lines.append("⏭ " + text("crawl_source_skipped", lang, id=source))
        else:
            lines.append("❌ " + text("crawl_source_failed", lang, id=source, error=escape((r.error or "")[:100])))
    await reply(update, "\n".join(lines)[:4000])


async def set_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Change this chat's language: /lang en|zh|ja."""
    choice = (context.args or [""])[0].lower()
    if choice not in LANGS:
        await reply(update, text("bad_lang", await chat_lang(update, context)))
        return
    if not await may_change_chat(update, context, await chat_lang(update, context)):
        return
    await asyncio.to_thread(_set_chat_lang, context.bot_data.get("database_url"), _chat_id(update), choice)
    await reply(update, text("lang_set", choice))


def _set_chat_lang(database_url: str | None, chat_id: str, lang: str) -> None:
    with new_session(database_url) as session:
        chat = session.get(ChatSettings, chat_id) or ChatSettings(chat_id=chat_id)
        chat.lang = lang
        session.add(chat)
        session.commit()
