"""Article pages: encodings, noisy chrome, canonical URLs — through the `pricewatch extract` command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pricewatch.news.article import canonical_url
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "articles"

# file → claims as (model, kind, price_type, new, old). Sidebars and footers print phone, GPU and car
# prices, and a rumour about another model: none of them may come out.
EXPECTED = {
    "zh_qwen_utf-8.html": [
        ("qwen-long", "price_cut", "input", 0.5, 20.0),
        ("qwen-long", "price_cut", "output", 2.0, 20.0),
    ],
    "zh_qwen_gbk.html": [
        ("qwen-long", "price_cut", "input", 0.5, 20.0),
        ("qwen-long", "price_cut", "output", 2.0, 20.0),
    ],
    "zh_qwen_gb18030.html": [
        ("qwen-long", "price_cut", "input", 0.5, 20.0),
        ("qwen-long", "price_cut", "output", 2.0, 20.0),
    ],
    "zh_ernie_big5.html": [("ernie-speed", "free", None, 0.0, None), ("ernie-lite", "free", None, 0.0, None)],
    "ja_o3_shift_jis.html": [("o3", "price_cut", "input", 2.0, 10.0), ("o3", "price_cut", "output", 8.0, 40.0)],
    "ja_o3_euc-jp.html": [("o3", "price_cut", "input", 2.0, 10.0), ("o3", "price_cut", "output", 8.0, 40.0)],
    "ja_o3_sjis_nodecl.txt": [("o3", "price_cut", "input", 2.0, 10.0), ("o3", "price_cut", "output", 8.0, 40.0)],
}


def extract(path, *args):
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "extract", str(path), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_extract_article(name):
    result = extract(ARTICLES / name, "--json")
    assert result.returncode == 0, result.stderr
    claims = json.loads(result.stdout)
    assert [(c["model"], c["kind"], c["price_type"], c["new_price"], c["old_price"]) for c in claims] == EXPECTED[name]


def test_extract_human_output_and_missing_file(tmp_path):
    result = extract(ARTICLES / "ja_o3_euc-jp.html")
    assert result.returncode == 0 and "o3" in result.stdout
    missing = extract(tmp_path / "nope.html", "--json")
    assert missing.returncode == 2 and "no such file" in missing.stderr and missing.stdout == ""


def test_canonical_url_drops_tracking():
    assert canonical_url("https://News.Example.com/a?utm_source=x&id=3#top") == "https://news.example.com/a?id=3"
    html = '<link rel="canonical" href="https://example.cn/story.html">'
    assert canonical_url("https://m.example.cn/s?from=rss", html) == "https://example.cn/story.html"


@pytest.mark.parametrize("folder", ["news", "news2"])
@pytest.mark.parametrize("lang", ["zh", "ja", "en"])
def test_dev_set_scores_per_language(corpus, folder, lang):
    """../shared/tools/score_news.py on each labelled dev set, one language at a time (zh includes the
    Traditional Chinese zhtw_ files): it exits 1 below precision 0.9 or recall 0.9, or on any false 'free';
    we hold ourselves to 0.95 and 0.9. These are development figures: the sets were read while building."""
    scorer = corpus.parent / "tools" / "score_news.py"
    files = sorted(p.name for p in (corpus / folder).glob(f"{lang}*.txt"))
    pricewatch = Path(sys.executable).parent / "pricewatch"
    result = subprocess.run(
        [
            sys.executable,
            str(scorer),
            str(corpus / folder / "labels.json"),
            str(corpus / folder),
            str(pricewatch),
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout
    precision, recall, false_free = re.search(
        r"precision ([\d.]+).*recall ([\d.]+).*false 'free' (\d+)", result.stdout
    ).groups()
    assert float(precision) >= 0.95 and float(recall) >= 0.9 and false_free == "0", result.stdout


def test_the_feeds_date_wins_over_a_footer_year():
    from datetime import UTC, datetime

    from pricewatch.catalogue import Source, parse_interval
    from pricewatch.readers.base import SourceFormat
    from spiders.items import ArticleItem
    from spiders.pipelines.news_read import NewsReadPipeline

    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title>'
        b"<link>https://n.test/a</link><pubDate>Mon, 13 May 2024 09:30:00 +0800</pubDate></item></channel></rss>"
    )
    [entry] = SourceFormat.for_name("rss", "news").entries(feed)
    assert entry.published == datetime(2024, 5, 13, 1, 30, tzinfo=UTC)
    page = (
        "<html><body><article><h1>GPT-4o 降价</h1><p>"
        + "OpenAI 宣布 GPT-4o 输入价格降至每百万tokens 2.5美元。" * 3
        + "</p></article><footer>© 2025 Example News</footer></body></html>"
    ).encode()
    source = Source("n", "news", "https://n.test/feed", "rss", parse_interval("30m"), lang="zh")
    item = NewsReadPipeline().process_item(
        ArticleItem(
            source, "https://n.test/a", body=page, content_type="text/html; charset=utf-8", published=entry.published
        )
    )
    assert item.article.published == entry.published
