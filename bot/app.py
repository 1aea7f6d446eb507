"""The bot application factory: handlers, the error handler, the command menu."""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, TypeHandler

from bot import handlers
from bot.ratelimit import CommandLimiter, SendLimits, SharedRateLimiter
from bot.redact import install_token_redaction, redact
from bot.texts import COMMANDS, LANGS
from pricewatch.catalogue import Source
from pricewatch.settings import Settings
from storage.crawls import CrawlReport

log = logging.getLogger(__name__)
# How /crawl crawls: handed in by the application (the service's own runner), so the bot never imports it.
CrawlRunner = Callable[[list[Source]], Awaitable[list[CrawlReport]]]


async def no_crawl_runner(sources: list[Source]) -> list[CrawlReport]:
    """A bot started without a crawl runner cannot crawl: each source says so."""
    return [CrawlReport(s.id, ok=False, error="this bot was started without a crawler") for s in sources]


async def post_init(application: Application) -> None:
    """Register the command menu so clients show it: English by default, Chinese and Japanese by language_code."""
    for lang in LANGS:
        menu = [BotCommand(name, descriptions[lang]) for name, descriptions in COMMANDS]
        await application.bot.set_my_commands(menu, language_code=None if lang == "en" else lang)


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error and tell the admins (never with the token in it)."""
    settings: Settings = context.bot_data["settings"]
    token = settings.telegram_bot_token
    where = _where(update)
    log.error("error while handling %s", where or "an update", exc_info=context.error)
    summary = redact(f"{type(context.error).__name__}: {context.error}", token)[:1000]
    heading = html.escape(f"⚠️ pricewatch bot error{' in ' + where if where else ''}")
    for admin in settings.admin_ids:
        try:
            await context.bot.send_message(
                admin, f"{heading}\n<pre>{html.escape(summary)}</pre>", parse_mode=ParseMode.HTML
            )
        except Exception:  # noqa: BLE001 — the admins being unreachable must not raise from the error handler
            log.warning("could not tell admin %s about an error", admin)
    if isinstance(update, Update) and update.effective_message:
        try:
            lang = await handlers.chat_lang(update, context)
            await update.effective_message.reply_text(handlers.text("error", lang))
        except Exception:  # noqa: BLE001
            pass


def _where(update: object) -> str:
    """'/price qwen-long (chat 1001)': the command or button and the chat an error happened in."""
    if not isinstance(update, Update):
        return ""
    if update.callback_query is not None:
        what = f"button {update.callback_query.data}"
    elif update.effective_message is not None and update.effective_message.text:
        what = update.effective_message.text[:60]
    else:
        what = "an update"
    chat = f" (chat {update.effective_chat.id})" if update.effective_chat else ""
    return what + chat


def build_application(
    settings: Settings,
    *,
    database_url: str | None = None,
    sources_path: str | None = None,
    crawl_runner: CrawlRunner | None = None,
    catalogue: Callable[[], list[Source]] | None = None,
) -> Application:
    """The bot, wired to the database and catalogue; polling is started by the caller."""
    if not settings.telegram_bot_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    install_token_redaction(settings.telegram_bot_token)
    base = settings.telegram_api_base_url
    send_limits = SendLimits()  # one budget for alerts (the outbox sender) and command replies
    application = (
        Application.builder()
        .token(settings.telegram_bot_token)
        .base_url(base)
        .base_file_url(base.replace("/bot", "/file/bot") if base.endswith("/bot") else base)
        .rate_limiter(SharedRateLimiter(send_limits))
        .post_init(post_init)
        .build()
    )
    application.bot_data.update(
        settings=settings,
        database_url=database_url,
        sources_path=sources_path,
        catalogue=catalogue,  # the service's running catalogue; without it the file is read per command
        command_limiter=CommandLimiter(),
        send_limits=send_limits,
        crawl_runner=crawl_runner or no_crawl_runner,
    )
    application.add_handler(TypeHandler(Update, handlers.rate_limit), group=-1)
    for name, callback in (
        ("start", handlers.start),
        ("help", handlers.help_command),
        ("subscribe", handlers.subscribe),
        ("unsubscribe", handlers.unsubscribe),
        ("mysubs", handlers.mysubs),
        ("latest", handlers.latest),
        ("price", handlers.price),
        ("history", handlers.history),
        ("chart", handlers.chart),
        ("sources", handlers.sources),
        ("crawl", handlers.crawl),
        ("lang", handlers.set_lang),
    ):
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(handlers.button, pattern=r"^(history|chart):"))
    application.add_error_handler(error_handler)
    return application


async def start_bot(application: Application, *, poll_interval: float = 0.0, timeout: int = 10) -> None:
    """Initialize, register the command menu, and start polling in the running event loop."""
    await application.initialize()
    await post_init(application)
    await application.start()
    await application.updater.start_polling(poll_interval=poll_interval, timeout=timeout, drop_pending_updates=False)


async def stop_bot(application: Application) -> None:
    if application.updater and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()
