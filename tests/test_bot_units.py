"""Pure parts of the bot: subscription filters, alert rendering and splitting, rate limits."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bot.handlers import parse_filters
from bot.ratelimit import CommandLimiter, SendLimits
from bot.render import alert_parts, event_html
from storage.models import Event, Subscription
from storage.outbox import matches


def event(kind="price_cut", vendor="alibaba", model="qwen-long", pct=-97.5, old="20", new="0.5", **kw):
    return Event(
        kind=kind,
        source_id="bailian",
        vendor=vendor,
        model=model,
        price_type="input",
        old_price=Decimal(old) if old else None,
        new_price=Decimal(new) if new else None,
        currency="CNY",
        change_pct=pct,
        url="https://example.test/p?a=1&b=<2>",
        **kw,
    )


FILTERS = [
    ("everything", Subscription(chat_id="1"), event(), True),
    ("vendor match", Subscription(chat_id="1", vendors="alibaba,baidu"), event(), True),
    ("vendor miss", Subscription(chat_id="1", vendors="deepseek"), event(), False),
    ("model match", Subscription(chat_id="1", models="qwen-long"), event(), True),
    ("vendor and model", Subscription(chat_id="1", vendors="alibaba", models="qwen-max"), event(), False),
    ("min_cut met", Subscription(chat_id="1", min_cut=50), event(pct=-80.0), True),
    ("min_cut not met", Subscription(chat_id="1", min_cut=50), event(pct=-20.0), False),
    (
        "min_cut lets free through",
        Subscription(chat_id="1", min_cut=90),
        event(kind="now_free", pct=-100.0, new="0"),
        True,
    ),
    ("min_cut drops increases", Subscription(chat_id="1", min_cut=10), event(kind="price_increase", pct=50.0), False),
    (
        "min_cut with reported cut",
        Subscription(chat_id="1", min_cut=50),
        event(kind="reported_price_cut", pct=-97.5),
        True,
    ),
    ("health never to subscribers", Subscription(chat_id="1"), event(kind="source_broken", vendor=None), False),
]


@pytest.mark.parametrize(("name", "sub", "ev", "expected"), FILTERS, ids=[f[0] for f in FILTERS])
def test_subscription_filters(name, sub, ev, expected):
    assert matches(sub, ev) is expected


def test_parse_filters():
    assert parse_filters(["vendor", "DeepSeek", "min_cut", "50"]) == {
        "vendors": ["deepseek"],
        "models": [],
        "min_cut": 50,
    }
    assert parse_filters(["model", "Qwen-Long"])["models"] == ["qwen-long"]
    assert parse_filters(["vendor"]) is None
    assert parse_filters(["min_cut", "lots"]) is None


def test_alert_html_escapes_and_marks_big_cuts():
    html = event_html(event(), "en")
    assert html.startswith("<b>") and "&lt;2&gt;" in html and "&amp;b=" in html
    assert "CNY 20 → CNY 0.5" in html and "-97.5%" in html
    assert "降价" in event_html(event(), "zh") and "値下げ" in event_html(event(), "ja")


def test_a_price_war_becomes_one_digest_biggest_first():
    events = [event(model=f"model-{i:03d}", pct=-float(i % 90)) for i in range(240)]
    [digest] = alert_parts(events, "en")
    assert len(digest) <= 4096
    shown = digest.count("model-")
    assert 15 <= shown < 240 and f"… and {240 - shown} more changes: /latest lists them" in digest
    assert digest.index("(−89%)") < digest.index("(−1%)") if "(−1%)" in digest else True


def test_alert_has_one_line_per_model_with_every_price_type():
    events = [
        event(model="deepseek-chat", vendor="deepseek", pct=-50.0, old="2", new="1"),
        event(model="deepseek-chat", vendor="deepseek", pct=-50.0, old="8", new="4"),
    ]
    events[1].price_type = "output"
    [alert] = alert_parts(events, "en")
    header, line, _, tags, link = alert.split("\n")
    assert header.startswith("<b>DeepSeek</b> · ") and header.endswith(" UTC")
    assert line == (
        "🔥 price cut: <b>deepseek-chat</b> · input CNY 2 → CNY 1, output CNY 8 → CNY 4 (−50%) · per 1M tokens"
    )
    assert tags == "#DeepSeek #PriceCut" and link.startswith('<a href="https://example.test/')
    [zh] = alert_parts(events, "zh")
    assert "输入 2元 → 1元，输出 8元 → 4元" in zh and "#深度求索 #降价" in zh
    [ja] = alert_parts(events, "ja")
    assert "入力 2元 → 1元、出力 8元 → 4元" in ja and "#DeepSeek #値下げ" in ja


def test_made_free_is_written_as_a_word():
    [alert] = alert_parts([event(kind="now_free", old="4", new="0", pct=-100.0)], "en")
    assert "input CNY 4 → free" in alert


def test_send_limits():
    now = [0.0]
    limits = SendLimits(clock=lambda: now[0])
    limits.record("1")
    assert 0.9 < limits.wait_for("1") <= 1.0 and limits.wait_for("2") == 0
    for i in range(29):
        limits.record(str(100 + i))
    assert limits.wait_for("3") > 0  # 30 in this second
    now[0] = 1.01
    assert limits.wait_for("3") == 0
    for _ in range(20):
        limits.record("@channel")
        now[0] += 1.01
    assert limits.wait_for("@channel") > 30  # 20 a minute to a channel
    limits.pause(5)
    assert limits.wait_for("4") >= 5


def test_command_limiter():
    now = [0.0]
    limiter = CommandLimiter(burst=3, window=10, clock=lambda: now[0])
    assert [limiter.allow("1") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("2")
    now[0] = 11
    assert limiter.allow("1")


@pytest.mark.parametrize("typed", ["²", "٣", "1²", "-5", "", "10000000000000000000000000"])
def test_numbers_from_users_are_ascii_digits_only(typed):
    from bot.handlers import parse_count, parse_filters

    value = parse_count(typed)
    assert value is None or (typed.isascii() and value == int(typed))
    assert parse_filters(["min_cut", typed]) is None  # none of these is a cut between 1 and 100


def test_filters_take_multi_word_values_and_resolve_vendor_names():
    from bot.handlers import parse_filters, resolve_filters

    filters = parse_filters(["vendor", "豆包", "model", "qwen", "long", "min_cut", "50%"])
    assert filters == {"vendors": ["豆包"], "models": ["qwen-long"], "min_cut": 50}
    assert resolve_filters(filters, ["qwen-long", "qwen-max"], "en") is None
    assert filters["vendors"] == ["bytedance"]  # 字节跳动, 豆包, 火山引擎, volcengine: one vendor


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["vendor", "deepsek"], "deepseek"),  # a typo gets a suggestion
        (["model", "qwen-lnog"], "qwen-long"),
        (["model", "qwen"], "qwen-long"),  # a family names its models
    ],
    ids=["vendor-typo", "model-typo", "model-family"],
)
def test_unknown_names_are_refused_with_suggestions(args, expected):
    from bot.handlers import parse_filters, resolve_filters

    problem = resolve_filters(parse_filters(args), ["qwen-long", "qwen-max", "glm-4"], "en")
    assert problem and "Did you mean" in problem and expected in problem


@pytest.mark.parametrize(
    ("currency", "lang", "expected"),
    [
        ("CNY", "en", "CNY 2"),
        ("CNY", "zh", "2元"),
        ("CNY", "ja", "2元"),  # yuan stays yuan for a Japanese reader: never a bare ¥
        ("JPY", "ja", "2円"),
        ("JPY", "zh", "2日元"),
        ("JPY", "en", "JPY 2"),
        ("USD", "ja", "$2"),
        ("EUR", "zh", "€2"),
    ],
)
def test_money_is_unambiguous_in_every_language(currency, lang, expected):
    from decimal import Decimal

    from bot.alerts import format_money

    assert format_money(Decimal(2), currency, lang) == expected


def test_console_lines_carry_the_same_marks_and_tell_once():
    from app.notifiers import console_line

    reported = event(kind="reported_price_cut")
    assert "📰 reported in the news" in console_line(reported)
    confirmed = event(linked_event_id=5)
    assert console_line(confirmed).endswith("✅ confirmed on the official pricing page")
    assert console_line(event(kind="reported_price_cut", linked_event_id=5)) is None  # the page told it first


@pytest.mark.parametrize("lang", ["zh", "ja", "en"])
def test_chart_draws_cjk_text_with_the_projects_font(lang, recwarn):
    from datetime import UTC, datetime
    from decimal import Decimal

    from bot.chart import chart_png, cjk_font
    from storage.models import Observation

    if cjk_font() is None:
        pytest.skip("fonts-noto-cjk is not installed (make browser installs it; .ci/run does)")
    rows = [
        Observation(
            snapshot_id=1, source_id="s", observed_at=datetime(2024, 5, day, tzinfo=UTC), vendor="alibaba",
            model="qwen-long", price_type=price_type, tier_key="", price_per_mtok=Decimal(price), currency="CNY",
        )
        for day, price_type, price in [(6, "input", "20"), (6, "output", "20"), (21, "input", "0.5"), (21, "output", "2")]
    ]  # fmt: skip
    png = chart_png("通义千问 Qwen-Long 通義千問", rows, lang, now=datetime(2024, 5, 22, tzinfo=UTC))
    assert png.startswith(b"\x89PNG")
    assert not [w for w in recwarn if "missing from font" in str(w.message)]


def test_the_alert_examples_in_the_docs_are_what_the_renderer_writes():
    """docs/alerts.md and the README's examples come from docs/alert_examples.py (`make docs`): kept current."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "docs" / "alert_examples.py"
    spec = importlib.util.spec_from_file_location("alert_examples", path)
    examples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(examples)
    assert examples.OUT.read_text(encoding="utf-8") == examples.render(), "run `make docs`"
    readme = examples.README.read_text(encoding="utf-8")
    assert examples.readme_with_examples(readme) == readme, "run `make docs`"


def test_an_error_report_names_the_command_and_the_chat():
    from telegram import Update

    from bot.app import _where

    chat = {"id": 1001, "type": "private"}
    message = {"message_id": 1, "date": 0, "chat": chat, "text": "/price qwen-long"}
    assert _where(Update.de_json({"update_id": 1, "message": message}, None)) == "/price qwen-long (chat 1001)"
    query = {"id": "q", "from": {"id": 1, "is_bot": False, "first_name": "U"}, "chat_instance": "c"}
    pressed = {"update_id": 2, "callback_query": query | {"data": "chart:qwen-long", "message": message}}
    assert _where(Update.de_json(pressed, None)) == "button chart:qwen-long (chat 1001)"
    assert _where(None) == ""


@pytest.mark.parametrize(
    ("printed", "display"),
    [
        ("Qwen-Long*", "Qwen-Long"),
        ("GLM-4 (deprecated)", "GLM-4"),
        ("ERNIE Speed系列", "ERNIE Speed"),
        ("Gemini 2.5  Flash series", "Gemini 2.5 Flash"),
        ("DeepSeek-V3", "DeepSeek-V3"),
    ],
    ids=["footnote", "deprecated", "zh-family-word", "en-family-word", "plain"],
)
def test_a_models_printed_name_is_tidied_for_display(printed, display):
    from pricewatch.vendors import model_display_name, model_key

    assert model_display_name(printed) == display
    assert model_key(display) == model_key(printed)  # the label always names the same model


def test_alerts_show_the_name_the_page_prints():
    from bot.render import alert_parts
    from storage.models import Event

    cut = Event(
        kind="price_cut", source_id="s", vendor="alibaba", model="qwen-long", display="Qwen-Long",
        price_type="input", old_price=Decimal(20), new_price=Decimal("0.5"), currency="CNY", change_pct=-97.5,
    )  # fmt: skip
    [text] = alert_parts([cut], "en")
    assert "<b>Qwen-Long</b>" in text and "qwen-long" not in text.split("\n")[1]


@pytest.mark.parametrize(
    ("lang", "described"),
    [
        ("en", "vendor zhipu, min_cut 50%"),
        ("zh", "厂商 zhipu，降幅至少 50%"),
        ("ja", "ベンダー zhipu、値下げ幅 50% 以上"),
    ],
    ids=["en", "zh", "ja"],
)
def test_a_subscription_is_described_in_the_chats_language(lang, described):
    from bot.handlers import describe
    from storage.models import Subscription

    assert describe(Subscription(chat_id="1", vendors="zhipu", min_cut=50), lang) == described


def test_command_replies_share_the_alerts_budget():
    """Replies wait their turn in the same SendLimits the outbox uses; the outbox's own sends are not counted twice."""
    import asyncio
    import time

    from telegram.error import RetryAfter

    from bot.ratelimit import OUTBOX, SendLimits, SharedRateLimiter

    limits = SendLimits(per_chat_interval=0.2)
    limiter = SharedRateLimiter(limits)

    async def ok() -> bool:
        return True

    async def flooded() -> bool:
        raise RetryAfter(3)

    async def scenario() -> float:
        started = time.monotonic()
        for _ in range(3):  # three replies to one chat: 0.2 s apart at least
            await limiter.process_request(ok, (), {}, "sendMessage", {"chat_id": 1001}, None)
        elapsed = time.monotonic() - started
        await limiter.process_request(ok, (), {}, "sendMessage", {"chat_id": 2002}, OUTBOX)  # counted by the outbox
        await limiter.process_request(ok, (), {}, "answerCallbackQuery", {"callback_query_id": "q"}, None)
        with pytest.raises(RetryAfter):
            await limiter.process_request(flooded, (), {}, "sendPhoto", {"chat_id": 3003}, None)
        return elapsed

    assert asyncio.run(scenario()) >= 0.4
    assert set(limits.last_by_chat) == {"1001", "3003"}  # the replies and the flooded photo; not the outbox's send
    assert limits.wait_for("4004") > 2  # a 429 holds the whole bot


@pytest.mark.parametrize(
    ("kind", "old", "new", "lang", "moved"),
    [
        ("price_cut", "2", "1", "en", "CNY 2 → CNY 1"),
        ("now_free", "4", "0", "zh", "4元 → 免费"),
        ("reported_free", None, None, "ja", "無料"),
        ("new_model", None, "0.8", "en", "CNY 0.8"),
        ("model_removed", "3", None, "en", "CNY 3"),
    ],
    ids=["cut", "made-free", "reported-free-no-price", "new-model", "removed"],
)
def test_one_wording_of_a_price_move_for_alerts_feeds_and_the_console(kind, old, new, lang, moved):
    from bot.alerts import price_move, render_event
    from storage.models import Event

    event = Event(
        kind=kind, source_id="s", vendor="baidu", model="ernie-speed-8k", price_type="input", currency="CNY",
        old_price=None if old is None else Decimal(old), new_price=None if new is None else Decimal(new),
    )  # fmt: skip
    assert price_move(event, lang) == moved
    if old is not None:
        assert moved in render_event(event, lang)  # the console line and /latest say it the same way
