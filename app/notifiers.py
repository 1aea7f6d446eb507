"""Notifiers, registered by name: where `pricewatch run` sends alerts.

`console` prints each new event and appends it to a log file (zero configuration);
`telegram` runs the bot and the outbox sender in the service's event loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import ClassVar

from sqlmodel import col, select

from app.crawl import run_crawl
from bot.alerts import render_event
from pricewatch.catalogue import Source
from pricewatch.settings import Settings
from storage.crawls import CrawlReport
from storage.engine import new_session
from storage.models import Event, ServiceState

log = logging.getLogger(__name__)


class Notifier:
    name: ClassVar[str]
    registry: ClassVar[dict[str, type[Notifier]]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "name" in cls.__dict__:
            Notifier.registry[cls.name] = cls

    @classmethod
    def for_settings(cls, settings: Settings, **options: object) -> Notifier:
        name = "telegram" if settings.telegram_bot_token else "console"
        return cls.registry[name](settings, **options)

    def __init__(self, settings: Settings, **options: object) -> None:
        self.settings = settings
        self.options = options

    async def start(self) -> None:
        """Begin delivering; returns once running."""

    async def stop(self) -> None:
        """Stop cleanly: what is being sent is finished, nothing pending is lost."""

    async def tell_admins(self, message: str) -> None:
        """Something the people running pricewatch must act on; the console notifier logs it."""
        log.warning("event=admin_notice %s", message.replace("\n", " "))


def console_line(event: Event) -> str | None:
    """The console and alerts.log line, with the same marks as Telegram; None for a report already told."""
    reported = event.kind.startswith("reported_")
    if reported and event.linked_event_id is not None:
        return None  # linked when stored: the pricing page showed it first, and its line says so: told once
    line = f"{event.observed_at:%Y-%m-%d %H:%M} [{event.source_id}] {render_event(event, 'en')}"
    if reported:
        line = f"{line} 📰 reported in the news" + (f" ({event.condition})" if event.condition else "")
    elif event.linked_event_id is not None:
        line += " ✅ confirmed on the official pricing page"
    return line


class ConsoleNotifier(Notifier):
    """Prints new events and appends them to a log file; remembers the last one across restarts."""

    name = "console"
    CURSOR = "console_last_event_id"

    def __init__(self, settings: Settings, **options: object) -> None:
        super().__init__(settings, **options)
        self.log_file = Path(str(options.get("alert_log") or "data/alerts.log"))
        self.interval = float(options.get("poll_interval") or 1.0)
        self.stop_event = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        self.stop_event.set()
        if self.task:
            await self.task

    async def _run(self) -> None:
        while not self.stop_event.is_set():
            try:
                self.flush()
            except Exception:  # noqa: BLE001 — a database hiccup must not end the service
                log.exception("console notifier failed; retrying")
            try:
                await asyncio.wait_for(self.stop_event.wait(), timeout=self.interval)
            except TimeoutError:
                pass

    def flush(self) -> int:
        """Print every event after the cursor; returns how many."""
        with new_session() as session:
            state = session.get(ServiceState, self.CURSOR)
            if state is None:
                state = ServiceState(key=self.CURSOR, value=str(self._start_cursor(session)))
                session.add(state)
                session.commit()
            last = int(state.value)
            events = session.exec(select(Event).where(Event.id > last).order_by(col(Event.id))).all()
            if not events:
                return 0
            self.log_file.parent.mkdir(parents=True, exist_ok=True)
            with self.log_file.open("a", encoding="utf-8") as out:
                for event in events:
                    line = console_line(event)
                    if line is None:
                        continue
                    print(line, flush=True)
                    out.write(line + "\n")
            session.merge(ServiceState(key=self.CURSOR, value=str(events[-1].id)))
            session.commit()
            return len(events)

    @staticmethod
    def _start_cursor(session) -> int:  # noqa: ANN001
        # First start: announce only what happens from now on, not the whole history.
        newest = session.exec(select(Event.id).order_by(col(Event.id).desc())).first()
        return newest or 0


class TelegramNotifier(Notifier):
    """The bot (commands) and the outbox sender (alerts), in the service's event loop.

    Telegram may be unreachable when the service starts, or later: the bot is connected in the background
    with backoff while crawls go on and alerts wait in the outbox; the sender retries on its own.
    """

    name = "telegram"
    RETRY_MAX_S = 300.0
    LOG_EVERY_S = 60.0

    async def start(self) -> None:
        from bot.app import build_application

        self.application = build_application(
            self.settings,
            sources_path=self.options.get("sources_path"),
            crawl_runner=self.options.get("crawl_runner"),
            catalogue=self.options.get("catalogue"),
        )
        self.connected = asyncio.Event()
        self.stop_event = asyncio.Event()
        self.first_retry_s = float(self.options.get("telegram_retry_s") or 2.0)
        self.connector = asyncio.create_task(self._connect())

    async def _connect(self) -> None:
        """Start the bot and the sender, retrying with backoff until Telegram answers."""
        from telegram.error import InvalidToken

        from bot.app import start_bot
        from bot.sender import OutboxSender

        delay, last_logged = self.first_retry_s, 0.0
        while not self.stop_event.is_set():
            try:
                await start_bot(self.application)
                break
            except InvalidToken:
                log.error("event=telegram_refused_token: check TELEGRAM_BOT_TOKEN; alerts stay in the outbox")
                return
            except Exception as exc:  # noqa: BLE001 — network, timeouts, 5xx: Telegram will come back
                now = asyncio.get_running_loop().time()
                if now - last_logged >= self.LOG_EVERY_S:
                    log.warning("event=telegram_unreachable error=%r retry_in=%.0fs (crawls go on)", str(exc), delay)
                    last_logged = now
                await self._reset_application()
                try:
                    await asyncio.wait_for(self.stop_event.wait(), timeout=delay)
                except TimeoutError:
                    pass
                delay = min(delay * 2, self.RETRY_MAX_S)
        else:
            return
        self.sender = OutboxSender(
            self.application.bot,
            limits=self.application.bot_data["send_limits"],
            poll_interval=float(self.options.get("poll_interval") or 1.0),
            public_url=self.settings.pricewatch_public_url,
        )
        self.task = asyncio.create_task(self.sender.run(self.stop_event))
        self.connected.set()
        log.info("event=telegram_connected")

    async def _reset_application(self) -> None:
        """A half-started application (initialize() failed part way) is shut down before the next try."""
        from bot.app import stop_bot

        try:
            await stop_bot(self.application)
        except Exception:  # noqa: BLE001 — nothing was running yet
            pass

    async def stop(self) -> None:
        from bot.app import stop_bot

        self.stop_event.set()
        await self.connector
        if self.connected.is_set():
            await self.task
            await stop_bot(self.application)

    async def tell_admins(self, message: str) -> None:
        """A direct message to every admin; a failure to reach one is logged, never raised."""
        await super().tell_admins(message)
        try:
            await asyncio.wait_for(self.connected.wait(), timeout=self.RETRY_MAX_S * 2)
        except TimeoutError:
            return  # logged above; Telegram has not been reachable for a long while
        for admin_id in self.settings.admin_ids:
            try:
                await self.application.bot.send_message(admin_id, message)
            except Exception as exc:  # noqa: BLE001 — Telegram being down must not stop the service
                log.warning("event=admin_notice_failed chat=%s error=%r", admin_id, str(exc))


def crawl_runner(database_url: str | None, timeout_s: float) -> Callable[[list[Source]], Awaitable[list[CrawlReport]]]:
    """An async /crawl runner over run_crawl, in a worker thread (the service passes its own)."""

    async def runner(sources: list[Source]) -> list[CrawlReport]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            None, partial(run_crawl, sources, database_url=database_url, timeout_s=timeout_s)
        )

    return runner
