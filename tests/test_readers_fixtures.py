"""The generic reader on our own fixture pages: saved input beside its expected quotes."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from pricewatch.readers.base import ReadContext, SourceFormat
from pricewatch.readers.diagnose import page_problem
from pricewatch.readers.prose import read_flattened_rows
from tests.conftest import FIXTURES

# Saved pages beside their expected quotes; the suffix says the format (.mdx pages are markdown with components).
FORMAT_OF_SUFFIX = {".html": "html", ".mdx": "markdown", ".md": "markdown"}
PAGES = sorted(
    p.name
    for p in (FIXTURES / "pages").iterdir()
    if p.suffix in FORMAT_OF_SUFFIX and p.with_suffix(".expected.json").exists()
)


@pytest.mark.parametrize("name", PAGES)
def test_reader_on_fixture_page(name):
    page = FIXTURES / "pages" / name
    expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    quotes = SourceFormat.for_name(FORMAT_OF_SUFFIX[page.suffix]).read(text, context=ReadContext(**expected["context"]))
    got = {(q.model, q.price_type, q.tier): (q.price_per_mtok, q.currency) for q in quotes}
    for model, price_type, tier, price, currency in expected["quotes"]:
        assert got.get((model, price_type, tier)) == (Decimal(price), currency), (model, price_type, tier, got)
    assert len(quotes) == expected["count"]
    if "vendor" in expected:  # a new vendor's page, its vendor named by nobody: the page's host names it
        assert {q.vendor for q in quotes} == {expected["vendor"]}


NO_PRICES = {
    "js_shell": (
        '<html><head><script src="/app.js"></script></head><body><div id="root"></div>'
        "<noscript>You need to enable JavaScript to run this app.</noscript></body></html>",
        "JavaScript shell",
    ),
    "bot_wall": (
        "<html><head><title>Just a moment...</title></head><body><h1>Checking your browser before accessing"
        " the site.</h1><div id='cf-chl-widget'></div></body></html>",
        "bot-check wall",
    ),
    "maintenance": (
        "<html><body><h1>系统维护中</h1><p>平台正在进行系统升级维护，预计 2 小时后恢复。给您带来的不便敬请谅解。"
        + "维护期间控制台与文档暂不可用。" * 8
        + "</p></body></html>",
        "maintenance page",
    ),
    "billing_faq": (
        "<html><body><h1>Billing FAQ</h1><p>New customers get a $300 free trial credit to spend in the first 90"
        " days. Invoices are issued monthly. You can pay by card or bank transfer. Taxes are added where"
        " required by law. Contact sales for a committed-use discount on large volumes.</p>"
        "<table><tr><th>Plan</th><th>Monthly fee</th></tr><tr><td>Team</td><td>$25 / user</td></tr></table>"
        "</body></html>",
        "no price-like text",
    ),
    "empty": ("", "empty page"),
    # A plans page: a model's card that says 'Free' is a plan, on a page that names no token unit.
    "plan_cards": (
        "<html><body><h1>Choose your plan</h1><div class='plans'><div class='plan'><h3>GPT-4o mini</h3><p>Free</p>"
        "<p>Unlimited messages</p></div><div class='plan'><h3>GPT-4o</h3><p>$20 / month</p></div></div></body></html>",
        "no price-like text",
    ),
}


@pytest.mark.parametrize("name", sorted(NO_PRICES))
def test_pages_without_a_price_list_yield_no_quotes_and_say_why(name):
    text, reason = NO_PRICES[name]
    assert SourceFormat.for_name("html").read(text, context=ReadContext(vendor="acme", lang="en")) == []
    assert reason in page_problem(text)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ernie-speed系列", ["ernie-speed"]),
        ("Gemini 2.5 Flash series", ["gemini-2.5-flash"]),
        ("GLM-4-Flash / GLM-4-FlashX", ["glm-4-flash", "glm-4-flashx"]),
        ("qwen-max、qwen-max-latest", ["qwen-max", "qwen-max-latest"]),
        ("Claude Sonnet 4 / 4.5", ["claude-sonnet-4-/-4.5"]),
    ],
    ids=["zh-series", "en-series", "slash-pair", "zh-list", "one-name-with-slash"],
)
def test_model_names_in_a_cell(name, expected):
    from pricewatch.vendors import model_key, model_names

    assert [model_key(n) for n in model_names(name)] == expected


# Labelled free lines under a model's heading: a typed label is a free price of that type; a plain 'Price' label
# is a free input price, as a 'Price' column's 'Free' cell is.
FREE_LINES = {
    "typed-en": ("<h3>Gemma-3-27B</h3><p>Input: Free</p><p>Output: Free of charge</p>", "gemma-3-27b", "en"),
    "typed-ja": ("<h3>Sarashina-2-7B</h3><p>入力：無料</p><p>出力：無料</p>", "sarashina-2-7b", "ja"),
    "typed-zh": ("<h3>GLM-4-Flash</h3><p>输入价格：免费</p><p>输出价格：免费</p>", "glm-4-flash", "zh"),
    "plain-en": ("<h3>Gemma-3-27B</h3><p>Price: Free</p>", "gemma-3-27b", "en"),
    "plain-ja": ("<h3>Sarashina-2-7B</h3><p>料金：無料</p>", "sarashina-2-7b", "ja"),
    "plain-zh": ("<h3>GLM-4-Flash</h3><p>价格：免费</p>", "glm-4-flash", "zh"),
}


@pytest.mark.parametrize("case", sorted(FREE_LINES))
def test_labelled_free_lines_under_a_model_heading_are_free_prices(case):
    page, model, lang = FREE_LINES[case]
    quotes = SourceFormat.for_name("html").read(page, context=ReadContext(vendor="acme", lang=lang))
    types = {"input", "output"} if case.startswith("typed") else {"input"}
    assert {(q.model, q.price_type, q.price_per_mtok) for q in quotes} == {(model, t, Decimal(0)) for t in types}


# A list of models, each item its name in bold and its prices as labelled amounts, or 'Name: Free'.
MODEL_LISTS = {
    "zh": (
        "<ul><li><strong>hunyuan-turbo</strong>：输入 15 元/百万tokens，输出 50 元/百万tokens</li>"
        "<li><strong>hunyuan-standard</strong>：输入 0.8 元/百万tokens，输出 2 元/百万tokens</li>"
        "<li>hunyuan-lite：免费</li></ul>",
        {("hunyuan-turbo", "input", "15"), ("hunyuan-turbo", "output", "50"), ("hunyuan-standard", "input", "0.8")}
        | {("hunyuan-standard", "output", "2"), ("hunyuan-lite", "input", "0")},
    ),
    "ja": (
        "<ul><li><b>PLaMo-2-Prime</b>：出力 200円、入力 40円（100万トークンあたり）</li><li>PLaMo-2-Lite：無料</li></ul>",
        {("plamo-2-prime", "input", "40"), ("plamo-2-prime", "output", "200"), ("plamo-2-lite", "input", "0")},
    ),
    "en": (
        "<ul><li><strong>gpt-4.1-nano</strong> · $0.10 / 1M input tokens · $0.40 / 1M output tokens</li>"
        "<li><strong>gemma-3-27b</strong>: Free</li></ul>",
        {("gpt-4.1-nano", "input", "0.1"), ("gpt-4.1-nano", "output", "0.4"), ("gemma-3-27b", "input", "0")},
    ),
}


# Launch notes: the model named in one sentence, its new prices in the next.
NAMED_BEFORE = {
    "en": "<p>From April 1, Claude 3.7 Sonnet gets new prices. Input is $3 per 1M tokens and output $15 per 1M tokens.</p>",
    "ja": "<p>2025年4月1日より、Claude 3.7 Sonnetの料金を改定します。新料金は入力100万トークンあたり$3、出力100万トークンあたり$15です。</p>",
    "zh": "<p>自4月1日起，Claude 3.7 Sonnet 价格调整。新价格为输入每百万tokens 3美元，输出每百万tokens 15美元。</p>",
}


@pytest.mark.parametrize("lang", sorted(NAMED_BEFORE))
def test_prices_in_a_sentence_after_the_one_that_names_the_model(lang):
    quotes = SourceFormat.for_name("html").read(NAMED_BEFORE[lang], context=ReadContext(vendor="acme", lang=lang))
    assert {(q.model, q.price_type, q.price_per_mtok, q.currency) for q in quotes} == {
        ("claude-3.7-sonnet", "input", Decimal(3), "USD"),
        ("claude-3.7-sonnet", "output", Decimal(15), "USD"),
    }


def test_a_block_naming_two_models_before_lends_neither():
    page = "<p>GPT-4o and GPT-4o mini were updated. Input is $2 per 1M tokens.</p>"
    assert SourceFormat.for_name("html").read(page, context=ReadContext(vendor="acme", lang="en")) == []


@pytest.mark.parametrize("lang", sorted(MODEL_LISTS))
def test_lists_of_models_each_price_keeps_its_own_label(lang):
    """Each amount takes the type its own label gives, not the first type word of the line."""
    page, expected = MODEL_LISTS[lang]
    quotes = SourceFormat.for_name("html").read(page, context=ReadContext(vendor="acme", lang=lang))
    assert {(q.model, q.price_type, str(q.price_per_mtok)) for q in quotes} == {
        (m, t, str(Decimal(v))) for m, t, v in expected
    }


TIER_ROWS = {
    "en": "<table><tr><th></th><th>Input</th><th>Output</th></tr><tr><td>Standard (≤128K)</td><td>$0.075</td>"
    "<td>$0.30</td></tr><tr><td>Long context (&gt;128K)</td><td>$0.15</td><td>$0.60</td></tr></table>"
    "<p>Prices per 1M tokens.</p>",
    "zh": "<table><tr><th>档位</th><th>输入</th><th>输出</th></tr><tr><td>标准（≤32K）</td><td>0.8元/百万tokens</td>"
    "<td>2元/百万tokens</td></tr><tr><td>长文本（&gt;32K）</td><td>1.6元/百万tokens</td><td>4元/百万tokens</td></tr></table>",
    "ja": "<table><tr><th>区分</th><th>入力</th><th>出力</th></tr><tr><td>通常（128K以下）</td><td>$0.1</td><td>$0.4</td></tr>"
    "<tr><td>長文（128K超）</td><td>$0.2</td><td>$0.8</td></tr></table><p>料金は100万トークンあたりです。</p>",
}


@pytest.mark.parametrize("lang", sorted(TIER_ROWS))
def test_rows_labelled_by_tiers_are_not_models(lang):
    """With no model named for the table, tier rows give nothing rather than models called 'Standard (≤128K)';
    under a model's heading they are that model's tiers."""
    page, context = TIER_ROWS[lang], ReadContext(vendor="acme", lang=lang)
    assert SourceFormat.for_name("html").read(page, context=context) == []
    quotes = SourceFormat.for_name("html").read("<h2>Gemini 1.5 Flash-8B</h2>" + page, context=context)
    assert {q.model for q in quotes} == {"gemini-1.5-flash-8b"}
    assert len({q.tier for q in quotes}) == 2 and all(q.tier for q in quotes)


@pytest.mark.parametrize(
    "page",
    [
        "<h3>GLM-4-Flash</h3><p>免费用户：免费</p>",  # a free plan for users, not a token price
        "<h3>Sarashina-2-7B</h3><p>このモデルは無料でお試しいただけます。</p>",  # a free trial, no label
        "<h3>Gemma-3-27B</h3><p>Input: Free for the first 1M tokens</p>",  # a free allowance, then a price
        "<h2>Models</h2><p>Input: Free</p>",  # no model named above it
        "<h3>Gemma-3-27B</h3><p>Fine-tuning price: Free</p>",  # training is not reading
        "<h3>GLM-4-Flash</h3><p>免费额度：免费</p>",  # a free tier's allowance
        "<h3>Sarashina-2-7B</h3><p>価格：無料キャンペーン中</p>",  # a campaign, not a price
    ],
    ids=["free-users-zh", "trial-ja", "allowance-en", "no-model-en", "fine-tuning-en", "free-tier-zh", "campaign-ja"],
)
def test_free_words_that_are_not_a_free_price(page):
    assert SourceFormat.for_name("html").read(page, context=ReadContext(vendor="acme", lang="en")) == []


def test_a_free_price_takes_the_currency_the_page_prices_in():
    page = (
        "<p>料金は 100万トークンあたりの米ドルです。</p><table><tr><th>モデル</th><th>入力</th><th>出力</th></tr>"
        "<tr><td>Sonar-Pro</td><td>$3</td><td>$15</td></tr><tr><td>Sonar-Lite</td><td>無料</td><td>無料</td></tr></table>"
    )
    quotes = SourceFormat.for_name("html").read(page, context=ReadContext(vendor="acme", lang="ja"))
    assert {q.currency for q in quotes} == {"USD"} and len(quotes) == 4


# Tables flattened into a paragraph: the header's words give the price columns, however the header is written.
FLATTENED = {
    "types-in-one-word-en": (
        "Model Input/Output $/MTok\nQwen3-32B $0.20/$0.60\nLlama-3.3-70B $0.88/$0.88",
        "en",
        {("Qwen3-32B", "input", "0.20"), ("Qwen3-32B", "output", "0.60"), ("Llama-3.3-70B", "output", "0.88")},
    ),
    "header-runs-into-rows-zh": (
        "模型 输入价格(元/百万tokens) 输出价格(元/百万tokens) Baichuan4-Air 0.98 元 0.98 元 Baichuan4-Turbo 15 元 15 元",
        "zh",
        {("Baichuan4-Air", "input", "0.98"), ("Baichuan4-Turbo", "output", "15")},
    ),
    "size-column-ja": (
        "モデル サイズ 入力(100万トークンあたり) 出力(100万トークンあたり)\nPLaMo-2-Prime 100B ¥40 ¥200\nPLaMo-2-Lite 8B ¥10 ¥40",
        "ja",
        {("PLaMo-2-Prime", "input", "40"), ("PLaMo-2-Prime", "output", "200"), ("PLaMo-2-Lite", "input", "10")},
    ),
}


@pytest.mark.parametrize("name", sorted(FLATTENED))
def test_flattened_table_rows(name):
    text, lang, expected = FLATTENED[name]
    rows = {(r.model, r.price_type, str(r.mention.amount)) for r in read_flattened_rows(text, lang=lang, currency=None)}
    assert expected <= rows, rows


PLAN_TABLES = {
    "en-css-grid": (
        "en",
        "<p>API prices are per 1M tokens.</p><div class='grid'><div><span>Plan</span><span>Price</span>"
        "<span>Included</span></div><div><span>Free</span><span>$0</span><span>100K tokens</span></div>"
        "<div><span>Pro</span><span>$20/month</span><span>5M tokens</span></div>"
        "<div><span>Team</span><span>$30/user/month</span><span>10M tokens</span></div></div>",
    ),
    "zh-table": (
        "zh",
        "<p>单位：元/百万tokens</p><table><tr><th>套餐</th><th>价格</th></tr><tr><td>免费版</td><td>0</td></tr>"
        "<tr><td>专业版</td><td>免费</td></tr></table>",
    ),
    "ja-table": (
        "ja",
        "<p>100万トークンあたりの料金</p><table><tr><th>プラン</th><th>料金</th></tr><tr><td>無料</td><td>$0</td></tr>"
        "<tr><td>スタンダード</td><td>無料</td></tr></table>",
    ),
}


@pytest.mark.parametrize("name", sorted(PLAN_TABLES))
def test_a_table_of_plans_prices_no_model(name):
    """Rows under a 'Plan' / '套餐' / 'プラン' column are subscriptions: a $0 or 'Free' plan is no free model."""
    lang, body = PLAN_TABLES[name]
    page = f"<html><body><h1>Pricing</h1>{body}</body></html>"
    assert SourceFormat.for_name("html").read(page, context=ReadContext(vendor="acme", lang=lang)) == []


@pytest.mark.parametrize(
    ("url", "vendor"),
    [
        ("https://api.newvendor.ai/v1/pricing", "newvendor"),
        ("https://www.lingyao-ai.com.cn/docs/billing", "lingyao-ai"),
        ("https://api.hoshi.co.jp/pricing", "hoshi"),
        ("https://open.bigmodel.cn/pricing", "zhipu"),  # a name the vendor goes by
        ("https://dashscope.aliyuncs.com/api/pricing", "alibaba"),  # a known vendor's other id, below its own domain
        ("https://platform.kimi.ai/docs/pricing", "moonshot"),  # a known vendor's other id
        ("https://platform.deepseek.com/api-docs/pricing", "deepseek"),
        ("http://127.0.0.1:8000/page.html", None),
        ("pages/saved.html", None),
    ],
    ids=[
        "new-vendor",
        "country-second-level-zh",
        "country-second-level-ja",
        "vendor-name",
        "subdomain-alias",
        "alias",
        "known",
        "ip",
        "file",
    ],
)
def test_vendor_named_by_the_page_host(url, vendor):
    from pricewatch.vendors import vendor_of_host

    assert vendor_of_host(url) == vendor


def test_cli_parse_reads_a_saved_page_of_a_vendor_nobody_named(tmp_path):
    import subprocess
    import sys

    page = tmp_path / "pricing.html"
    page.write_text((FIXTURES / "pages" / "new_vendor_en.html").read_text(encoding="utf-8"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "app.cli", "parse", str(page), "--json"], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    quotes = json.loads(run.stdout)
    assert {(q["vendor"], q["model"]) for q in quotes} >= {("unknown", "vela-3-large"), ("unknown", "vela-3-small")}
    assert "--vendor" in run.stderr
    named = subprocess.run(
        [sys.executable, "-m", "app.cli", "parse", str(page), "--vendor", "acme", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert {q["vendor"] for q in json.loads(named.stdout)} == {"acme"} and "--vendor" not in named.stderr


def test_plain_pipe_tables_split_as_markdown_it_splits_them(monkeypatch):
    """The split of a plain pipe table without markdown-it gives the grid markdown-it's gives, on generated
    tables with ragged rows, empty cells, markup and aligned separators."""
    import random

    import pricewatch.readers.grid as grid

    fast = grid._simple_pipe_rows
    words = ["GPT-4o", "$2.50", "", " ", "**bold**", "0.5元", "a b", "入力", "^^", "x&y", "-", ":--"]
    rng = random.Random(7)
    taken = 0
    for _ in range(1500):
        columns = rng.randint(1, 4)

        def row(n: int) -> str:
            cells = "|".join(" " * rng.randint(0, 2) + rng.choice(words) + " " * rng.randint(0, 2) for _ in range(n))
            return rng.choice(["|", "", "| "]) + cells + rng.choice(["|", "", "| "])  # the end pipes are optional

        separator = "|" + "|".join(rng.choice(["---", ":--", "--:", ":-:", " - "]) for _ in range(columns)) + "|"
        lines = [row(columns), separator] + [row(columns + rng.choice([0, 0, -1, 1])) for _ in range(rng.randint(0, 3))]
        markdown = "\n".join(lines)
        taken += fast(markdown) is not None
        with_fast = grid.pipe_table_grids(markdown)
        monkeypatch.setattr(grid, "_simple_pipe_rows", lambda _markdown: None)
        assert grid.pipe_table_grids(markdown) == with_fast, markdown
        monkeypatch.setattr(grid, "_simple_pipe_rows", fast)
    assert taken > 600  # the plain path is the one mostly taken


@pytest.mark.parametrize(
    ("page", "lang", "expected"),
    [
        (
            "<h2>Where to run Llama 3.1 70B</h2><p>Prices per 1M tokens.</p><table><tr><th>Provider</th><th>Model</th>"
            "<th>Input</th><th>Output</th></tr><tr><td>Groq</td><td>llama-3.1-70b</td><td>$0.59</td><td>$0.79</td></tr>"
            "<tr><td>DeepInfra</td><td>llama-3.1-70b</td><td>$0.35</td><td>$0.40</td></tr></table>",
            "en",
            {
                ("groq", "input", "0.59"),
                ("groq", "output", "0.79"),
                ("deepinfra", "input", "0.35"),
                ("deepinfra", "output", "0.4"),
            },
        ),
        (
            "<h2>DeepSeek-V3 托管价格（元/百万tokens）</h2><table><tr><th>平台</th><th>模型</th><th>输入</th><th>输出</th>"
            "</tr><tr><td>阿里云</td><td>deepseek-v3</td><td>2</td><td>8</td></tr><tr><td>火山引擎</td><td>deepseek-v3</td>"
            "<td>1</td><td>4</td></tr></table>",
            "zh",
            {
                ("alibaba", "input", "2"),
                ("alibaba", "output", "8"),
                ("bytedance", "input", "1"),
                ("bytedance", "output", "4"),
            },
        ),
        (
            "<h2>料金（100万トークンあたり）</h2><table><tr><th>提供元</th><th>モデル</th><th>入力</th><th>出力</th></tr>"
            "<tr><td>Groq</td><td>llama-3.1-70b</td><td>$0.59</td><td>$0.79</td></tr><tr><td>Fireworks</td>"
            "<td>llama-3.1-70b</td><td>$0.90</td><td>$0.90</td></tr></table>",
            "ja",
            {
                ("groq", "input", "0.59"),
                ("groq", "output", "0.79"),
                ("fireworks", "input", "0.9"),
                ("fireworks", "output", "0.9"),
            },
        ),
    ],
    ids=["en", "zh", "ja"],
)
def test_a_provider_column_names_each_rows_vendor(page, lang, expected):
    """A page comparing where one model runs: each row is its provider's price, not the page's vendor's."""
    quotes = SourceFormat.for_name("html").read(page, context=ReadContext(lang=lang))
    assert {(q.vendor, q.price_type, str(q.price_per_mtok.normalize())) for q in quotes} == expected


PLAIN_IDS = [
    "gpt-4o-mini",
    "GLM-4-Flash",
    "qwen2.5-72b-instruct",
    "bench-3-model-7",
    "o3",
    "gemini-2.5-pro",
    "v1.",
    "A-B",
]


def test_an_id_written_as_apis_write_it_is_its_own_key(monkeypatch):
    """The shortcut for plain ids gives what the full tidying of a printed name gives."""
    from pricewatch import vendors

    shortcut = [(vendors.model_key.__wrapped__(n), vendors.model_display_name.__wrapped__(n)) for n in PLAIN_IDS]
    monkeypatch.setattr(vendors, "_is_plain_id", lambda name: False)
    vendors.model_key.cache_clear()
    tidied = [(vendors.model_key.__wrapped__(n), vendors.model_display_name.__wrapped__(n)) for n in PLAIN_IDS]
    vendors.model_key.cache_clear()
    assert shortcut == tidied
    assert not vendors._is_plain_id("acme-2-series") and not vendors._is_plain_id("Claude 3.5 Sonnet")


def test_a_row_naming_a_plain_id_reads_as_the_full_look_at_its_name_reads_it(monkeypatch):
    """A table row whose model is an API id skips the looks for a comparison, a list, a note and a description:
    none can be in such a name, so the quotes are those the full look gives."""
    from pricewatch.readers import tables

    rows = "".join(f"<tr><td>{name}</td><td>${i + 1}.50</td><td>${i + 2}</td></tr>" for i, name in enumerate(PLAIN_IDS))
    page = f"<table><tr><th>Model</th><th>Input</th><th>Output</th></tr>{rows}</table><p>Per 1M tokens.</p>"
    context = ReadContext(vendor="acme", lang="en")
    shortcut = SourceFormat.for_name("html").read(page, context=context)
    monkeypatch.setattr(tables, "is_plain_id", lambda name: False)
    assert SourceFormat.for_name("html").read(page, context=context) == shortcut
    assert len(shortcut) == 2 * len(PLAIN_IDS)
