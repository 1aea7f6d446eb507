"""Real Scrapy crawls in a subprocess against the loopback page server: before, after, broken, unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from app.crawl import run_crawl
from pricewatch.catalogue import load_catalogue
from storage.engine import new_session
from storage.queries import list_events

pytestmark = pytest.mark.slow  # real crawls, processes or servers: `pytest -m 'not slow'` skips them

DEMO = Path(str(resources.files("pricewatch").joinpath("demo_pages")))
JS_SHELL = '<html><head><script src="/app.js"></script></head><body><div id="root"></div></body></html>'


def serve(server, which: str) -> None:
    for page in (DEMO / which).glob("*.html"):
        shutil.copy(page, server.root / page.name)


def catalogue(tmp_path: Path, server, *names: str, extra: str = "") -> Path:
    vendors = {"alibaba": "alibaba", "baidu": "baidu", "zhipu": "zhipu", "openai": "openai", "deepseek": "deepseek"}
    body = "".join(
        f'[[source]]\nid = "{n}"\nvendor = "{vendors.get(n, n)}"\nurl = "{server.url(n + ".html")}"\nlang = "zh"\n\n'
        for n in names
    )
    path = tmp_path / "sources.toml"
    path.write_text(body + extra, encoding="utf-8")
    return path


# On PostgreSQL the same pages are crawled, diffed and stored through the worker by
# test_a_big_crawl_reads_in_a_worker_process_with_the_same_results, and source_broken is test_storage's.
@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_before_after_broken(tmp_path, page_server, database_url):
    serve(page_server, "before")
    sources = load_catalogue(catalogue(tmp_path, page_server, "alibaba", "baidu", "zhipu"))
    first = {r.source_id: r for r in run_crawl(sources)}
    assert all(r.ok and r.events == [] for r in first.values()), first
    serve(page_server, "after")
    (page_server.root / "zhipu.html").write_text(JS_SHELL)
    second = {r.source_id: r for r in run_crawl(sources)}
    assert second["alibaba"].events.count("price_cut") == 3
    assert sorted(second["baidu"].events) == ["now_free"] * 4
    assert not second["zhipu"].ok and second["zhipu"].error.startswith("unreadable: JavaScript shell")
    with new_session() as session:
        events = list_events(session=session)
    assert {e.source_id for e in events} == {"alibaba", "baidu"}
    qwen = next(e for e in events if e.model == "qwen-long" and e.price_type == "input")
    assert (str(qwen.old_price), str(qwen.new_price), qwen.change_pct) == ("20", "0.5", -97.5)
    # The third failure in a row raises source_broken, once.
    zhipu = [s for s in sources if s.id == "zhipu"]
    assert [run_crawl(zhipu)[0].events for _ in range(3)] == [[], ["source_broken"], []]


def test_unchanged_page_uses_a_conditional_request(tmp_path, page_server, database_url):
    serve(page_server, "before")
    sources = load_catalogue(catalogue(tmp_path, page_server, "openai"))
    run_crawl(sources)
    again = run_crawl(sources)
    assert again[0].ok and again[0].unchanged and again[0].events == []
    page_requests = [headers for path, headers in page_server.requests if path == "/openai.html"]
    assert "If-None-Match" in page_requests[-1]


def test_http_errors_and_robots(tmp_path, page_server, database_url):
    (page_server.root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (page_server.root / "private").mkdir()
    extra = (
        f'[[source]]\nid = "down"\nurl = "{page_server.url("status/503")}"\n\n'
        f'[[source]]\nid = "secret"\nvendor = "openai"\nurl = "{page_server.url("private/p.html")}"\n\n'
        f'[[source]]\nid = "missing"\nvendor = "openai"\nurl = "{page_server.url("nope.html")}"\n'
    )
    sources = load_catalogue(catalogue(tmp_path, page_server, extra=extra))
    results = {r.source_id: r for r in run_crawl(sources, scrapy_settings={"RETRY_TIMES": 0})}
    assert results["down"].error.startswith("HTTP 503")
    assert "robots.txt" in results["secret"].error
    assert results["missing"].error.startswith("HTTP 404")


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_hung_crawl_is_killed_and_counted_as_a_failure(tmp_path, page_server, database_url):
    extra = f'[[source]]\nid = "slow"\nvendor = "openai"\nurl = "{page_server.url("slow/20")}"\n'
    sources = load_catalogue(catalogue(tmp_path, page_server, extra=extra))
    [result] = run_crawl(sources, timeout_s=4)
    assert not result.ok and "timed out" in result.error


def pricewatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, timeout=120)


def test_cli_crawl_events_history_sources_json(tmp_path, page_server, database_url):
    serve(page_server, "before")
    path = str(catalogue(tmp_path, page_server, "zhipu"))
    assert pricewatch("crawl", "--sources", path).returncode == 0
    serve(page_server, "after")
    crawl = pricewatch("crawl", "zhipu", "--sources", path, "--json")
    assert crawl.returncode == 0, crawl.stderr
    assert json.loads(crawl.stdout)[0]["events"] == ["price_cut", "price_cut"]
    events = json.loads(pricewatch("events", "--since", "7d", "--json").stdout)
    assert {tuple(sorted(e)) for e in events} == {
        tuple(
            sorted(
                [
                    "id",
                    "vendor",
                    "model",
                    "kind",
                    "price_type",
                    "tier",
                    "old_price",
                    "new_price",
                    "currency",
                    "change_pct",
                    "source",
                    "url",
                    "observed_at",
                    "linked_event_id",
                    "condition",
                    "sources",
                ]
            )
        )
    }
    assert {(e["model"], e["old_price"], e["new_price"]) for e in events} == {("glm-3-turbo", 5.0, 1.0)}
    assert json.loads(pricewatch("events", "--kind", "now_free", "--json").stdout) == []
    history = json.loads(pricewatch("history", "GLM-3-Turbo", "--json").stdout)
    assert [h["price_per_mtok"] for h in history if h["price_type"] == "input"] == [5.0, 1.0]
    sources = json.loads(pricewatch("sources", "--sources", path, "--json").stdout)
    assert sources[0]["id"] == "zhipu" and sources[0]["consecutive_failures"] == 0 and sources[0]["next_run"]


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_cli_crawl_exit_code_when_every_source_failed(tmp_path, page_server, database_url):
    path = str(catalogue(tmp_path, page_server, "absent"))
    result = pricewatch("crawl", "--sources", path, "--json")
    assert result.returncode == 1
    assert "HTTP 404" in json.loads(result.stdout)[0]["error"]


BAD_CATALOGUES = [
    ("unknown key", '[[source]]\nid = "a"\nurl = "https://x.test/"\ncolour = "red"\n', "key 'colour'"),
    (
        "duplicate id",
        '[[source]]\nid = "a"\nurl = "https://x.test/"\n[[source]]\nid = "a"\nurl = "https://y.test/"\n',
        "duplicate id",
    ),
    ("bad url", '[[source]]\nid = "a"\nurl = "ftp//nowhere"\n', "key 'url'"),
    ("unknown format", '[[source]]\nid = "a"\nurl = "https://x.test/"\nformat = "pdf"\n', "key 'format'"),
    ("unknown kind", '[[source]]\nid = "a"\nurl = "https://x.test/"\nkind = "rumours"\n', "key 'kind'"),
    ("bad id", '[[source]]\nid = "Bad ID"\nurl = "https://x.test/"\n', "key 'id'"),
    ("not toml", "[[source]\n", "not valid TOML"),
    ("huge interval", '[[source]]\nid = "a"\nurl = "https://x.test/"\ninterval = "99999999999d"\n', "key 'interval'"),
    ("zero interval", '[[source]]\nid = "a"\nurl = "https://x.test/"\ninterval = "0s"\n', "key 'interval'"),
    ("broken ipv6 url", '[[source]]\nid = "a"\nurl = "http://[::1"\n', "key 'url'"),
    ("file url", '[[source]]\nid = "a"\nurl = "file:///proc/self/environ"\n', "key 'url'"),
    ("bad port", '[[source]]\nid = "a"\nurl = "http://x.test:99999/"\n', "key 'url'"),
    ("entries not tables", "source = [1, 2]\n", "must be a table"),
    (
        "string for a boolean",
        '[[source]]\nid = "a"\nurl = "https://x.test/"\nobey_robots = "yes"\n',
        "key 'obey_robots'",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_CATALOGUES, ids=[c[0] for c in BAD_CATALOGUES])
def test_bad_catalogue_is_refused_with_exit_2(tmp_path, name, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    result = pricewatch("crawl", "--sources", str(path))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_shipped_catalogue_is_valid():
    sources = load_catalogue()
    ids = {s.id for s in sources}
    assert {
        "openai",
        "anthropic",
        "google-gemini",
        "mistral",
        "deepseek-zh",
        "deepseek-en",
        "alibaba-bailian",
        "baidu-qianfan",
        "volcengine-ark",
        "zhipu-bigmodel",
        "moonshot-kimi",
        "minimax-zh",
        "tencent-hunyuan",
        "litellm",
        "openrouter",
    } <= ids
    news = {s.lang for s in sources if s.kind == "news"}
    assert news == {"zh", "ja", "en"}


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_scrapy_crawl_pricing_from_the_root_crawls_the_catalogue(tmp_path, page_server, database_url):
    """A Scrapy user's `scrapy crawl pricing -a sources=FILE -a ids=…` goes through the same pipelines and storage."""
    serve(page_server, "before")
    path = catalogue(tmp_path, page_server, "zhipu", "alibaba")
    root = Path(__file__).resolve().parent.parent
    scrapy = Path(sys.executable).parent / "scrapy"
    result = subprocess.run(
        [str(scrapy), "crawl", "pricing", "-a", f"sources={path}", "-a", "ids=zhipu"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    sources = json.loads(pricewatch("sources", "--sources", str(path), "--json").stdout)
    state = {s["id"]: s["last_ok"] for s in sources}
    assert state["zhipu"] is not None and state["alibaba"] is None  # only the source asked for


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_cli_crawl_of_a_source_being_crawled_says_skipped_and_exits_0(tmp_path, page_server, database_url):
    from app.crawl import source_locks

    path = catalogue(tmp_path, page_server, "zhipu")
    with source_locks(load_catalogue(path), database_url) as (free, _):
        assert free  # held here, as a running crawl would hold it
        done = subprocess.run(
            [sys.executable, "-m", "app.cli", "crawl", "--sources", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert "skipped" in done.stdout and "failed" not in done.stdout
    assert page_server.requests == []


def test_a_big_crawl_reads_in_a_worker_process_with_the_same_results(tmp_path, page_server, database_url, monkeypatch):
    """Past OFFLOAD_FROM sources, reading and storing move to a forkserver worker: same quotes, same events."""
    import app.crawl

    monkeypatch.setattr(app.crawl, "OFFLOAD_FROM", 2)
    serve(page_server, "before")
    sources = load_catalogue(catalogue(tmp_path, page_server, "alibaba", "baidu", "zhipu"))
    assert all(r.ok and r.quotes > 0 for r in run_crawl(sources))
    serve(page_server, "after")
    second = {r.source_id: r for r in run_crawl(sources)}
    assert second["alibaba"].events.count("price_cut") == 3 and sorted(second["baidu"].events) == ["now_free"] * 4
    with new_session() as session:
        ernie = next(e for e in list_events(session=session) if e.model == "ernie-speed-8k")
    assert ernie.display == "ERNIE-Speed-8K"  # the name as the page prints it, kept beside the id
