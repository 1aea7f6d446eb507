"""The outbox sender: drains pending alerts within Telegram's limits, losing nothing and repeating nothing.

Each part of each alert is recorded (message_id, parts_sent) in its own commit the moment Telegram
accepts it, so a process killed mid-way resumes at the first part not yet sent.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from urllib.parse import quote

from sqlmodel import Session
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.ratelimit import OUTBOX, SendLimits, retry_seconds
from bot.render import alert_buttons, alert_parts, also_reported_html
from storage.engine import new_session
from storage.models import OutboxMessage, utcnow
from storage.news import event_articles
from storage.outbox import due_messages, events_of, move_chat, original_of, remove_subscriptions

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def chat_ref(chat_id: str) -> int | str:
    return int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id


def _first_message_id(original: OutboxMessage, chat_id: str) -> int | None:
    """The Telegram message to reply to: the first part of the original alert, when it went to this chat."""
    ids = [int(i) for i in original.message_ids.split(",") if i.strip().isdigit()]
    return ids[0] if ids and original.chat_id == chat_id else None


class OutboxSender:
    def __init__(
        self,
        bot: Bot,
        *,
        database_url: str | None = None,
        limits: SendLimits | None = None,
        poll_interval: float = 1.0,
        base_backoff: float = 2.0,
        max_backoff: float = 300.0,
        public_url: str | None = None,
    ) -> None:
        self.bot = bot
        self.public_url = (public_url or "").rstrip("/") or None  # pricewatch's web: alerts link the model pages
        self.database_url = database_url
        self.limits = limits or SendLimits()
        self.poll_interval = poll_interval
        self.base_backoff = base_backoff
        self.max_backoff = max_backoff
        self.stats = {"sent": 0, "retry_after": 0, "errors": 0}

    def model_link(self, model: str) -> str | None:
        return f"{self.public_url}/models/{quote(model, safe='')}" if self.public_url else None

    async def run(self, stop: asyncio.Event) -> None:
        """Drain until STOP is set; a message being sent when it is set is finished first."""
        while not stop.is_set():
            try:
                await self.drain_once(stop)
            except Exception:  # noqa: BLE001 — the sender must outlive any one bad row or outage
                log.exception("outbox drain failed; retrying")
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.poll_interval)
            except TimeoutError:
                pass

    async def drain_once(self, stop: asyncio.Event | None = None) -> int:
        """Send every due message once; returns how many were completed."""
        done = 0
        with new_session(self.database_url) as session:
            for message in due_messages(session=session):
                if stop is not None and stop.is_set():
                    break
                if await self.deliver(session, message):
                    done += 1
        return done

    async def deliver(self, session: Session, message: OutboxMessage) -> bool:
        events = events_of(session=session, message=message)
        original = original_of(session=session, message=message)
        reply_to = None
        if original is not None:  # news of a change already alerted: a short reply to that alert
            articles = {e.id: event_articles(session=session, event_id=e.id or 0) for e in events}
            parts, buttons = [also_reported_html(events, articles, message.lang)], None
            reply_to = _first_message_id(original, message.chat_id)
        else:
            parts = alert_parts(events, message.lang, model_link=self.model_link)
            buttons = alert_buttons(events, message.lang)
        for index in range(message.parts_sent, len(parts)):
            wait = self.limits.wait_for(message.chat_id)
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                last = index == len(parts) - 1
                sent = await self._send(session, message, parts[index], buttons if last else None, reply_to)
            except RetryAfter as error:
                self._retry_later(session, message, retry_seconds(error), f"429 retry after {retry_seconds(error):g}s")
                self.limits.pause(retry_seconds(error))
                self.stats["retry_after"] += 1
                return False
            except Forbidden as error:
                self._blocked(session, message, str(error))
                return False
            except BadRequest as error:
                log.warning("telegram refused the alert for chat %s: %s", message.chat_id, error.message)
                self._finish(session, message, "failed", f"400 {error.message}")
                return False
            except (TimedOut, NetworkError, TelegramError) as error:  # this chat waits; the others go on
                message.attempts += 1
                self.stats["errors"] += 1
                if message.attempts >= MAX_ATTEMPTS:
                    self._finish(session, message, "failed", f"gave up after {message.attempts} tries: {error}")
                else:
                    backoff = min(self.max_backoff, self.base_backoff * 2 ** (message.attempts - 1))
                    self._retry_later(session, message, backoff, f"network: {error}")
                return False
            self.limits.record(message.chat_id)
            message.parts_sent = index + 1
            message.message_ids = ",".join(filter(None, [message.message_ids, str(sent.message_id)]))
            session.add(message)
            session.commit()
            self.stats["sent"] += 1
        self._finish(session, message, "sent", None)
        return True

    async def _send(
        self,
        session: Session,
        message: OutboxMessage,
        text: str,
        buttons: InlineKeyboardMarkup | None = None,
        reply_to: int | None = None,
    ) -> Message:
        """Send one part; a group upgraded to a supergroup is followed to its new id and sent there."""
        # A reply whose alert was deleted is still sent, standing on its own.
        reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None

        # Through the application's rate limiter, the outbox's sends are marked as already counted.
        marked = {"rate_limit_args": OUTBOX} if getattr(self.bot, "rate_limiter", None) is not None else {}

        async def send() -> Message:
            return await self.bot.send_message(
                chat_ref(message.chat_id),
                text,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                reply_markup=buttons,
                reply_parameters=reply,
                **marked,
            )

        try:
            return await send()
        except ChatMigrated as migrated:
            old, new = message.chat_id, str(migrated.new_chat_id)
            log.info("chat %s became %s; its subscription and pending alerts follow it", old, new)
            move_chat(session=session, old_chat_id=old, new_chat_id=new)
            session.refresh(message)
            return await send()  # to the chat's new id

    def _retry_later(self, session: Session, message: OutboxMessage, seconds: float, reason: str) -> None:
        message.next_attempt_at = utcnow() + timedelta(seconds=seconds)
        message.last_error = reason
        session.add(message)
        session.commit()

    def _finish(self, session: Session, message: OutboxMessage, status: str, error: str | None) -> None:
        message.status = status
        message.last_error = error
        if status == "sent":
            message.sent_at = utcnow()
        session.add(message)
        session.commit()

    def _blocked(self, session: Session, message: OutboxMessage, reason: str) -> None:
        """403: the user blocked the bot (or left the group): stop writing to that chat."""
        remove_subscriptions(session=session, chat_id=message.chat_id)
        log.info("chat %s blocked the bot; unsubscribed", message.chat_id)
        self._finish(session, message, "blocked", f"403 {reason}")
