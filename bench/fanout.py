"""Alert fan-out: 10,000 subscribers through a loopback Bot API stand-in that allows 30 messages/s.

The stand-in answers 429 (retry_after 1) beyond 30 accepted messages in any second. One price cut
is enqueued for every subscriber through the real outbox (storage.outbox.enqueue_alerts) and drained
by the real sender (bot.sender.OutboxSender with python-telegram-bot). Prints messages/s achieved,
429s received, messages lost and duplicated. Baseline, same run: a bare loop of send_message calls
paced at the same 30/s, without the outbox (over --baseline messages).
Targets: >= 95% of the 30/s limit, zero lost, zero duplicated, no more than a handful of 429s.

    .venv/bin/python bench/fanout.py [--subscribers 10000] [--baseline 300]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402
from tests.botapi import TOKEN, FakeBotAPI  # noqa: E402

LIMIT = 30


async def bare_loop(api: FakeBotAPI, count: int) -> float:
    from telegram import Bot

    from bot.ratelimit import SendLimits

    limits = SendLimits()
    async with Bot(TOKEN, base_url=api.base_url) as bot:
        start = time.perf_counter()
        for i in range(count):
            wait = limits.wait_for(str(900000 + i))
            if wait:
                await asyncio.sleep(wait)
            await bot.send_message(900000 + i, "baseline")
            limits.record(str(900000 + i))
        return count / (time.perf_counter() - start)


async def outbox_run(api: FakeBotAPI, subscribers: int) -> tuple[float, dict[str, int]]:
    from telegram import Bot

    from bot.sender import OutboxSender

    async with Bot(TOKEN, base_url=api.base_url) as bot:
        sender = OutboxSender(bot, poll_interval=0.01)
        stop = asyncio.Event()
        task = asyncio.create_task(sender.run(stop))
        start = time.perf_counter()
        while sum(1 for m in api.sent if str(m["chat_id"]).startswith("1")) < subscribers:
            await asyncio.sleep(0.05)
        seconds = time.perf_counter() - start
        stop.set()
        await task
        return subscribers / seconds, sender.stats


def enqueue(subscribers: int) -> None:
    from pricewatch.settings import NOBODY
    from storage.engine import new_session
    from storage.models import Event, Subscription
    from storage.outbox import enqueue_alerts

    with new_session() as session:
        for i in range(subscribers):
            session.add(Subscription(chat_id=str(1_000_000 + i)))
        event = Event(
            kind="price_cut",
            source_id="bailian",
            vendor="alibaba",
            model="qwen-long",
            price_type="input",
            old_price=Decimal(20),
            new_price=Decimal("0.5"),
            currency="CNY",
            change_pct=-97.5,
        )
        session.add(event)
        session.flush()
        enqueue_alerts(session=session, events=[event], group_key="crawl:bailian:1", recipients=NOBODY)
        session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI() as api:
        os.environ.update(
            DATABASE_URL=f"sqlite:///{tmp}/fanout.db", TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url
        )
        api.rate_limit = LIMIT
        baseline = asyncio.run(bare_loop(api, args.baseline))
        api.sent.clear()
        enqueue(args.subscribers)
        rate, stats = asyncio.run(outbox_run(api, args.subscribers))
        time.sleep(2)  # a late duplicate would arrive now
        counts = Counter(str(m["chat_id"]) for m in api.sent)
    wanted = {str(1_000_000 + i) for i in range(args.subscribers)}
    lost = len(wanted - set(counts))
    duplicated = sum(n - 1 for chat, n in counts.items() if n > 1)
    print(f"machine: {machine()}")
    print(f"subscribers: {args.subscribers}; Bot API stand-in limit: {LIMIT} messages/s (429 beyond)")
    print(f"baseline bare send loop ({args.baseline} messages): {baseline:6.2f} messages/s")
    print(
        f"outbox sender: {rate:6.2f} messages/s = {rate / LIMIT:.0%} of the limit "
        f"(target >= 95%: {'met' if rate >= 0.95 * LIMIT else 'MISSED'})"
    )
    print(
        f"429s received: {stats['retry_after']}; lost: {lost}; duplicated: {duplicated}; network errors: {stats['errors']}"
    )


if __name__ == "__main__":
    main()
