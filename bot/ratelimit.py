"""Rate limits: what Telegram allows the bot to send, and how often one chat may command it."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter


class SendLimits:
    """Telegram's limits: ~30 messages/s overall, ~1/s per chat, 20/min per group or channel."""

    def __init__(
        self,
        per_second: float = 30,
        per_chat_interval: float = 1.0,
        group_per_minute: int = 20,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_second = per_second
        self.per_chat_interval = per_chat_interval
        self.group_per_minute = group_per_minute
        self.clock = clock
        self.sent: deque[float] = deque()
        self.last_by_chat: dict[str, float] = {}
        self.group_sent: dict[str, deque[float]] = defaultdict(deque)
        self.paused_until = 0.0

    @staticmethod
    def is_group(chat_id: str) -> bool:
        return chat_id.startswith("@") or chat_id.startswith("-")

    def wait_for(self, chat_id: str) -> float:
        """Seconds to wait before a message to CHAT_ID may go; 0 when it may go now."""
        now = self.clock()
        waits = [self.paused_until - now]
        while self.sent and now - self.sent[0] >= 1.0:
            self.sent.popleft()
        if len(self.sent) >= self.per_second:
            waits.append(1.0 - (now - self.sent[0]))
        if chat_id in self.last_by_chat:
            waits.append(self.per_chat_interval - (now - self.last_by_chat[chat_id]))
        if self.is_group(chat_id):
            window = self.group_sent[chat_id]
            while window and now - window[0] >= 60.0:
                window.popleft()
            if len(window) >= self.group_per_minute:
                waits.append(60.0 - (now - window[0]))
        return max(0.0, *waits)

    def record(self, chat_id: str) -> None:
        now = self.clock()
        self.sent.append(now)
        self.last_by_chat[chat_id] = now
        if self.is_group(chat_id):
            self.group_sent[chat_id].append(now)

    def pause(self, seconds: float) -> None:
        """A 429 with retry_after: Telegram's flood control holds the whole bot."""
        self.paused_until = max(self.paused_until, self.clock() + seconds)


class CommandLimiter:
    """At most `burst` commands per chat within `window` seconds, so one user cannot make the bot flood."""

    def __init__(self, burst: int = 5, window: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst, self.window, self.clock = burst, window, clock
        self.seen: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, chat_id: str) -> bool:
        now = self.clock()
        times = self.seen[chat_id]
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) >= self.burst:
            return False
        times.append(now)
        return True


def retry_seconds(error: RetryAfter) -> float:
    value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


# rate_limit_args of the outbox sender's own sends: it waits and records on the same SendLimits itself, row by row.
OUTBOX = {"outbox": True}


class SharedRateLimiter(BaseRateLimiter[dict[str, bool]]):
    """Every message the bot sends, command replies included, spends from one SendLimits budget with the alerts."""

    def __init__(self, limits: SendLimits) -> None:
        self.limits = limits

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,  # noqa: ANN401 — PTB's signature
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, bool] | None,
    ) -> Any:  # noqa: ANN401
        chat = data.get("chat_id")
        if chat is None or rate_limit_args or not endpoint.startswith(("send", "edit", "copy", "forward")):
            return await callback(*args, **kwargs)
        chat_id = str(chat)
        while (wait := self.limits.wait_for(chat_id)) > 0:
            await asyncio.sleep(wait)
        self.limits.record(chat_id)  # no await between the check and the record: one budget, no race
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as error:
            self.limits.pause(retry_seconds(error))
            raise
