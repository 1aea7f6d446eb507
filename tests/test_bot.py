"""The Telegram bot end to end: the real python-telegram-bot client against a loopback Bot API stand-in."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import shutil
import time
from importlib import resources
from pathlib import Path

import pytest
from sqlmodel import select
from telegram import Bot

from app.crawl import run_crawl
from app.notifiers import crawl_runner
from bot.app import build_application, start_bot, stop_bot
from bot.sender import OutboxSender
from pricewatch.catalogue import load_catalogue
from pricewatch.settings import get_settings
from storage.engine import new_session
from storage.models import OutboxMessage, Subscription
from storage.outbox import chat_subscriptions
from tests.botapi import TOKEN, FakeBotAPI, pending_alerts

pytestmark = pytest.mark.slow  # real crawls, processes or servers: `pytest -m 'not slow'` skips them

DEMO = Path(str(resources.files("pricewatch").joinpath("demo_pages")))
ADMIN, USER, ZH_USER, CHANNEL = 7, 1001, 1002, "@pricewatch_test"
OTHER = 1003


@pytest.fixture
def api(monkeypatch, database_url):
    with FakeBotAPI() as fake:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", fake.base_url)
        monkeypatch.setenv("TELEGRAM_ADMIN_IDS", str(ADMIN))
        monkeypatch.setenv("TELEGRAM_CHANNEL_ID", CHANNEL)
        yield fake


@pytest.fixture
def site(tmp_path, page_server):
    """The demo's vendor pages behind the loopback server, with a catalogue pointing at them."""
    for page in (DEMO / "before").glob("*.html"):
        shutil.copy(page, page_server.root / page.name)
    catalogue = tmp_path / "sources.toml"
    catalogue.write_text(
        "".join(
            f'[[source]]\nid = "{name}"\nvendor = "{name}"\nurl = "{page_server.url(name + ".html")}"\nlang = "zh"\n\n'
            for name in ("zhipu", "alibaba")
        )
    )
    page_server.catalogue = catalogue
    return page_server


def switch_to_after(site) -> None:
    for page in (DEMO / "after").glob("*.html"):
        shutil.copy(page, site.root / page.name)


async def with_bot(api: FakeBotAPI, scenario, *, sources_path=None, sender=True) -> None:  # noqa: ANN001
    """Run the bot and the outbox sender in this event loop while SCENARIO runs."""
    settings = get_settings()
    application = build_application(
        settings,
        sources_path=str(sources_path) if sources_path else None,
        crawl_runner=crawl_runner(None, settings.crawl_timeout_s),  # the application hands the bot its crawler
    )
    stop = asyncio.Event()
    outbox = OutboxSender(application.bot, poll_interval=0.05)
    await start_bot(application, timeout=1)
    task = asyncio.create_task(outbox.run(stop)) if sender else None
    try:
        await scenario()
    finally:
        stop.set()
        if task:
            await task
        await stop_bot(application)


CRAWL_WAIT_S = 300.0  # the crawl runner's own timeout bounds it; the test waits for the event, not a guess


async def until(predicate, timeout: float = 20.0) -> None:  # noqa: ANN001
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.05)


def test_subscribe_crawl_alert_and_admin_only_crawl(api, site):
    run_crawl(load_catalogue(site.catalogue))  # the baseline, before anyone subscribes

    async def scenario():
        api.command("/subscribe vendor zhipu", chat_id=USER)
        api.command("/subscribe", chat_id=ZH_USER, language_code="zh-hans")
        await until(lambda: api.texts_to(USER) and api.texts_to(ZH_USER))
        assert "vendor zhipu" in api.texts_to(USER)[-1]
        switch_to_after(site)
        api.command("/crawl", chat_id=USER)  # not an admin
        await until(lambda: len(api.texts_to(USER)) >= 2)
        assert "admins only" in api.texts_to(USER)[-1]
        api.command("/crawl zhipu alibaba", chat_id=ADMIN, user_id=ADMIN)
        # A real crawl of two sources: 25-50 s on a busy 2-core machine, so wait as long as a crawl may take.
        await until(lambda: any("Crawl finished" in t for t in api.texts_to(ADMIN)), timeout=CRAWL_WAIT_S)
        await until(
            lambda: (
                any("GLM-3-Turbo" in t for t in api.texts_to(USER))
                and any("qwen-long" in t for t in api.texts_to(ZH_USER))
                and len(api.texts_to(CHANNEL)) >= 2
            )
        )
        # The buttons under the alert answer as /history and /chart do.
        [alert] = [m for m in api.sent if str(m["chat_id"]) == str(USER) and "GLM-3-Turbo" in m.get("text", "")]
        buttons = [b["callback_data"] for row in alert["reply_markup"]["inline_keyboard"] for b in row]
        assert buttons == ["history:glm-3-turbo", "chart:glm-3-turbo"]
        pressed = [api.press(data, chat_id=USER, message_id=alert["message_id"]) for data in buttons]
        await until(lambda: set(pressed) <= set(api.answered_queries))
        await until(lambda: any("photo_bytes" in m for m in api.sent if str(m["chat_id"]) == str(USER)))
        await until(lambda: any("Price history of glm-3-turbo" in t for t in api.texts_to(USER)))

    asyncio.run(with_bot(api, scenario, sources_path=site.catalogue))
    user_alerts = [t for t in api.texts_to(USER) if t.startswith("<b>Zhipu</b>")]
    assert len(user_alerts) == 1  # one crawl of one source: one message
    assert "input CNY 5 → CNY 1, output CNY 5 → CNY 1 (−80%)" in user_alerts[0]
    assert not any("qwen" in t for t in api.texts_to(USER))  # filtered: vendor zhipu only
    zh = "\n".join(api.texts_to(ZH_USER))
    assert "降价" in zh and "qwen-long" in zh and "GLM-3-Turbo" in zh
    assert {m["parse_mode"] for m in api.sent if "text" in m and "glm" in m["text"]} == {"HTML"}
    assert "Crawl finished" in "\n".join(api.texts_to(ADMIN))
    assert [c["command"] for c in api.commands][:3] == ["start", "help", "subscribe"]
    menus = {lang: {c["command"]: c["description"] for c in menu} for lang, menu in api.commands_by_lang.items()}
    assert (menus[""]["chart"], menus["zh"]["chart"], menus["ja"]["chart"]) == (
        "price chart of a model",
        "模型价格走势图",
        "モデルの料金チャート",
    )
    with new_session() as session:
        rows = session.exec(select(OutboxMessage)).all()
        assert rows and all(r.status == "sent" and r.message_ids for r in rows)


# On PostgreSQL the same queries (history, current and latest prices, known models) answer the web tests.
@pytest.mark.sqlite_enough
def test_languages_history_chart_and_latest(api, site):
    catalogue = load_catalogue(site.catalogue)
    run_crawl(catalogue)
    switch_to_after(site)
    run_crawl(catalogue)

    async def scenario():
        api.command("/help", chat_id=ZH_USER, language_code="zh-hans")
        await until(lambda: api.texts_to(ZH_USER))
        api.command("/lang ja", chat_id=ZH_USER)
        api.command("/history GLM-3-Turbo", chat_id=ZH_USER)
        api.command("/price qwen-long", chat_id=USER)
        api.command("/chart glm-3-turbo", chat_id=USER)
        api.command("/latest 3", chat_id=USER)
        api.command("/sources", chat_id=USER)
        api.command("/history no-such-model", chat_id=USER)
        api.command("/price qwen", chat_id=OTHER)  # a family: which of its models?
        api.command("/price 智谱", chat_id=OTHER)  # a vendor's name: its models
        api.command("/subscribe model qwen long", chat_id=OTHER)  # spaces in a model name
        await until(
            lambda: (
                len(api.texts_to(ZH_USER)) >= 3
                and len(api.texts_to(USER)) >= 4
                and len(api.texts_to(OTHER)) >= 3
                and any("photo_bytes" in m for m in api.sent)
            )
        )

    asyncio.run(with_bot(api, scenario, sources_path=site.catalogue, sender=False))
    zh = api.texts_to(ZH_USER)
    assert "在大模型 API 价格变动时通知你" in zh[0] and zh[1] == "言語：日本語"
    assert "glm-3-turbo の料金履歴" in zh[2] and "5元 → 1元" in zh[2]
    user = "\n".join(api.texts_to(USER))
    assert "Current prices of qwen-long" in user and "CNY 0.5" in user
    assert "No prices known for no-such-model" in user
    other = "\n".join(api.texts_to(OTHER))
    assert "No prices known for qwen. Which one: <code>qwen-max</code>, <code>qwen-long</code>?" in other
    assert "No prices known for 智谱. Which one: <code>glm-3-turbo</code>, <code>glm-4</code>?" in other
    assert "Subscription 1 added: model qwen-long" in other
    assert "zhipu" in user and "alibaba" in user  # /sources
    photo = next(m for m in api.sent if "photo_bytes" in m)
    assert photo["photo_bytes"] > 5000 and str(photo["chat_id"]) == str(USER)


def _bot(api: FakeBotAPI) -> Bot:
    return Bot(TOKEN, base_url=api.base_url)


def test_429_storm_delivers_everything_once(api):
    pending_alerts(12)
    api.fail("sendMessage", 429, times=4, retry_after=1)

    async def drain():
        async with _bot(api) as bot:
            sender = OutboxSender(bot, poll_interval=0.05)
            stop = asyncio.Event()
            task = asyncio.create_task(sender.run(stop))
            await until(lambda: len(api.sent) == 12, timeout=30)
            stop.set()
            await task
            return sender.stats

    stats = asyncio.run(drain())
    assert stats["retry_after"] == 4
    assert sorted(int(m["chat_id"]) for m in api.sent) == list(range(5000, 5012))  # each once


def test_5xx_retried_403_unsubscribes_400_logged(api, caplog):
    pending_alerts(3)
    with new_session() as session:
        session.add(Subscription(chat_id="5001"))
        session.commit()
    api.blocked_chats.add(5001)
    # Faults are served in order to whichever send comes: 5000 and 5001 get a 502 (retried later),
    # 5002 a 400 (refused for good); on the retry 5000 goes through and 5001 turns out blocked (403).
    api.fail("sendMessage", 502, times=2)
    api.fail("sendMessage", 400)

    async def drain():
        async with _bot(api) as bot:
            sender = OutboxSender(bot, poll_interval=0.05, base_backoff=0.1)
            for _ in range(40):
                await sender.drain_once()
                if len(api.sent) == 1 and not api.faults:
                    break
                await asyncio.sleep(0.1)

    asyncio.run(drain())
    assert [int(m["chat_id"]) for m in api.sent] == [5000]
    with new_session() as session:
        assert chat_subscriptions(session=session, chat_id="5001") == []
        rows = {r.chat_id: r for r in session.exec(select(OutboxMessage)).all()}
    assert {c: r.status for c, r in rows.items()} == {"5000": "sent", "5001": "blocked", "5002": "failed"}
    assert rows["5002"].last_error.startswith("400") and "refused the alert for chat 5002" in caplog.text
    assert rows["5000"].attempts == 1


def test_token_never_logged(api, caplog, site):
    caplog.set_level(logging.DEBUG)
    api.fail("sendMessage", 500)  # an error whose report names the request URL

    async def scenario():
        # A user turning httpx's request logging back on must still not see the token.
        logging.getLogger("httpx").setLevel(logging.DEBUG)
        api.command("/help", chat_id=USER)
        await until(lambda: api.texts_to(USER))

    asyncio.run(with_bot(api, scenario, sources_path=site.catalogue))
    assert "/bot<TOKEN>/" in caplog.text  # request URLs were logged, redacted
    assert caplog.records, "the run logged nothing at all"
    assert TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text
    assert all(TOKEN not in m.get("text", "") for m in api.sent)


@pytest.mark.sqlite_enough  # the limit is the bot's own: no command it answers here writes anything
def test_command_flood_is_limited(api, site):
    async def scenario():
        for _ in range(9):
            api.command("/help", chat_id=USER)
        await until(lambda: len(api.texts_to(USER)) >= 6)
        await asyncio.sleep(0.5)

    asyncio.run(with_bot(api, scenario, sources_path=site.catalogue, sender=False))
    replies = api.texts_to(USER)
    assert len(replies) == 6 and "Too many commands" in replies[-1]


def test_one_migrated_and_one_blocked_chat_do_not_stop_the_others(api):
    """100 pending alerts across 10 chats: chat 6000 became supergroup -1006000, chat 6001 blocked the bot."""
    from decimal import Decimal

    from storage.models import ChatSettings, Event, OutboxMessage

    with new_session() as session:
        session.add(Subscription(chat_id="6000", vendors="alibaba"))
        session.add(ChatSettings(chat_id="6000", lang="ja"))
        events = []
        for n in range(10):
            event = Event(
                kind="price_cut",
                source_id="s",
                vendor="alibaba",
                model=f"qwen-{n}",
                price_type="input",
                old_price=Decimal(20),
                new_price=Decimal(n + 1),
                currency="CNY",
                change_pct=-50.0,
            )
            session.add(event)
            session.flush()
            events.append(event)
        for event in events:  # alert N about qwen-N, to every chat, in order
            for chat in range(6000, 6010):
                session.add(OutboxMessage(group_key=f"crawl:s:{event.id}", chat_id=str(chat), event_ids=str(event.id)))
        session.commit()
    api.migrated_chats[6000] = -1006000
    api.blocked_chats.add(6001)

    async def drain():
        async with _bot(api) as bot:
            sender = OutboxSender(bot, poll_interval=0.05)
            stop = asyncio.Event()
            task = asyncio.create_task(sender.run(stop))
            await until(lambda: len(api.sent) == 90, timeout=120)  # 8 chats × 10 + the migrated one × 10
            stop.set()
            await task

    asyncio.run(drain())
    for chat in [*range(6002, 6010), -1006000]:
        models = [re.search(r"qwen-\d", t).group(0) for t in api.texts_to(chat)]
        assert models == [f"qwen-{n}" for n in range(10)], chat  # everything, in order, once
    assert api.texts_to(6001) == [] and api.texts_to(6000) == []
    with new_session() as session:
        [moved] = chat_subscriptions(session=session, chat_id="-1006000")
        assert moved.vendors == "alibaba"  # the subscription followed the chat
        assert session.get(ChatSettings, "-1006000").lang == "ja"
        assert chat_subscriptions(session=session, chat_id="6000") == []


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_the_bot_answers_others_while_crawl_runs(api, tmp_path, page_server):
    """/crawl starts the crawl and answers at once; another user's /price is answered within 2 s meanwhile."""
    catalogue = tmp_path / "slow.toml"
    catalogue.write_text(f'[[source]]\nid = "slow"\nvendor = "openai"\nurl = "{page_server.url("slow/15")}"\n')

    async def scenario():
        api.command("/crawl slow", chat_id=ADMIN, user_id=ADMIN)
        await until(lambda: any("Crawling 1 source" in t for t in api.texts_to(ADMIN)))
        await until(lambda: any(p.startswith("/slow/") for p, _ in page_server.requests), timeout=60)
        asked = time.monotonic()
        api.command("/price qwen-long", chat_id=USER)
        await until(lambda: api.texts_to(USER), timeout=10)
        assert time.monotonic() - asked < 2.0
        assert not any("Crawl finished" in t for t in api.texts_to(ADMIN))  # the crawl is still running
        await until(lambda: any("Crawl finished" in t for t in api.texts_to(ADMIN)), timeout=CRAWL_WAIT_S)

    asyncio.run(with_bot(api, scenario, sources_path=catalogue, sender=False))
    [summary] = [t for t in api.texts_to(ADMIN) if "Crawl finished" in t]
    assert "<code>slow</code>: failed" in summary  # the slow page serves no prices
    assert float(re.search(r"Crawl finished in ([\d.]+) s:", summary).group(1)) > 1  # the admin sees how long


def test_subscriptions_are_a_list_and_groups_are_changed_by_admins_only(api, site):
    """Two /subscribe commands are two subscriptions (either lets an event through); /mysubs numbers them;
    /unsubscribe N removes one; in a group only an administrator may change anything."""
    run_crawl(load_catalogue(site.catalogue))
    group, member, admin = -500, 501, 502
    api.chat_admins.add((group, admin))

    async def scenario():
        api.command("/subscribe vendor zhipu", chat_id=USER)
        await until(lambda: len(api.texts_to(USER)) >= 1)
        api.command("/subscribe model qwen-long", chat_id=USER)
        await until(lambda: len(api.texts_to(USER)) >= 2)
        api.command("/subscribe vendor 智谱", chat_id=USER)  # the same filters again: no duplicate
        await until(lambda: len(api.texts_to(USER)) >= 3)
        api.command("/mysubs", chat_id=USER)
        await until(lambda: len(api.texts_to(USER)) >= 4)
        switch_to_after(site)
        await asyncio.to_thread(run_crawl, load_catalogue(site.catalogue))
        await until(lambda: len([t for t in api.texts_to(USER) if "price cut" in t]) >= 2)
        api.command("/unsubscribe 1", chat_id=USER)
        api.command("/subscribe", chat_id=group, user_id=member, chat_type="group")
        api.command("/lang zh", chat_id=group, user_id=member, chat_type="group")
        api.command("/subscribe vendor alibaba", chat_id=group, user_id=admin, chat_type="group")
        await until(lambda: len(api.texts_to(group)) >= 3 and any("removed" in t for t in api.texts_to(USER)))

    asyncio.run(with_bot(api, scenario, sources_path=site.catalogue))
    user = api.texts_to(USER)
    assert user[0].startswith("Subscription 1 added: vendor zhipu")
    assert user[1].startswith("Subscription 2 added: model qwen-long")
    assert user[2].startswith("Already subscribed (subscription 1)")
    assert "1. vendor zhipu" in user[3] and "2. model qwen-long" in user[3]
    alerts = [t for t in user if "price cut" in t]
    assert len(alerts) == 2  # one message per crawl of a source, whichever subscription matched
    assert not any("qwen-max" in t for t in alerts)  # the model subscription lets only qwen-long through
    assert "Subscription 1 removed" in "\n".join(user)
    refusals = [t for t in api.texts_to(group) if "administrators" in t]
    assert len(refusals) == 2 and any("Subscription 1 added: vendor alibaba" in t for t in api.texts_to(group))
    with new_session() as session:
        assert [s.models for s in chat_subscriptions(session=session, chat_id=str(USER))] == ["qwen-long"]


def test_news_of_a_change_already_alerted_is_a_reply_to_that_alert(api):
    """Told once: the page's cut is the alert; the article telling it later is a short reply, not a second alert."""
    from decimal import Decimal

    from pricewatch.news.article import read_article
    from pricewatch.news.extract import extract_claims
    from pricewatch.quotes import Quote
    from storage.crawls import Fetched, record_crawl
    from storage.news import record_article

    quote = lambda p: Quote("alibaba", "qwen-long", "input", None, Decimal(p), "CNY", p)  # noqa: E731
    with new_session() as session:
        session.add(Subscription(chat_id=str(USER)))
        session.commit()
        record_crawl(session=session, fetched=Fetched("bailian", "https://p.test", [quote("20")], content_hash="1"))
        record_crawl(session=session, fetched=Fetched("bailian", "https://p.test", [quote("0.5")], content_hash="2"))

    async def deliver(count: int) -> None:
        async with _bot(api) as bot:
            sender = OutboxSender(bot, poll_interval=0.05)
            stop = asyncio.Event()
            task = asyncio.create_task(sender.run(stop))
            await until(lambda: len(api.texts_to(USER)) >= count, timeout=30)
            stop.set()
            await task

    asyncio.run(deliver(1))
    [alert] = [m for m in api.sent if str(m["chat_id"]) == str(USER)]
    news = read_article("Qwen-Long降价\n\n阿里云宣布Qwen-Long的API输入价格从0.02元/千tokens降至0.0005元/千tokens。")
    with new_session() as session:
        record_article(
            session=session,
            source_id="news",
            url="https://n.test/qwen",
            article=news,
            claims=extract_claims(news.full_text),
        )
    asyncio.run(deliver(2))
    reply = [m for m in api.sent if str(m["chat_id"]) == str(USER)][1]
    assert reply["text"].startswith("📰 Also reported by ") and "qwen-long" in reply["text"]
    assert '<a href="https://n.test/qwen">Qwen-Long降价</a>' in reply["text"]
    assert json.loads(reply["reply_to"])["message_id"] == alert["message_id"]  # a reply to the alert itself
    assert "reply_markup" not in reply
