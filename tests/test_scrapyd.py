"""Distributed crawling: a real Scrapyd on loopback runs the crawl, results land in the shared database."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from importlib import resources
from pathlib import Path

import pytest

from app.crawl import run_crawl
from app.scrapyd import build_egg, shard_by_host
from pricewatch.catalogue import load_catalogue
from storage.engine import new_session
from storage.queries import list_events

pytestmark = pytest.mark.slow  # real crawls, processes or servers: `pytest -m 'not slow'` skips them

DEMO = Path(str(resources.files("pricewatch").joinpath("demo_pages")))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def scrapyd(tmp_path):
    folder = tmp_path / "scrapyd"
    folder.mkdir()
    port = free_port()
    (folder / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = eggs\nlogs_dir = logs\n"
        "dbs_dir = dbs\nitems_dir =\njobs_to_keep = 20\nmax_proc = 4\npoll_interval = 0.2\n"
    )
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "scrapyd")],
        cwd=folder,
        stdout=(folder / "out.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/daemonstatus.json", timeout=2) as response:
                if json.loads(response.read())["status"] == "ok":
                    break
        except OSError:
            pass
        assert time.monotonic() < deadline, (folder / "out.log").read_text()
        time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=30)


# Scrapyd runs the crawl `pricewatch crawl` runs; how that crawl stores on PostgreSQL is test_crawl_e2e's.
@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_crawl_runs_on_scrapyd(tmp_path, page_server, database_url, scrapyd, monkeypatch):
    monkeypatch.setenv("SCRAPYD_URLS", scrapyd)
    for page in (DEMO / "before").glob("*.html"):
        shutil.copy(page, page_server.root / page.name)
    path = tmp_path / "sources.toml"
    path.write_text(
        "".join(
            f'[[source]]\nid = "{name}"\nvendor = "{name}"\nurl = "{page_server.url(name + ".html")}"\nlang = "zh"\n\n'
            for name in ("zhipu", "alibaba")
        )
    )
    sources = load_catalogue(path)
    first = {r.source_id: r for r in run_crawl(sources, timeout_s=120)}
    assert all(r.ok and r.quotes == 4 for r in first.values()), first
    for page in (DEMO / "after").glob("*.html"):
        shutil.copy(page, page_server.root / page.name)
    second = {r.source_id: r for r in run_crawl(sources, timeout_s=120)}
    assert sorted(second["zhipu"].events) == ["price_cut", "price_cut"]
    with new_session() as session:
        assert {e.model for e in list_events(session=session)} == {"glm-3-turbo", "qwen-long", "qwen-max"}


def test_egg_and_sharding():
    egg, version = build_egg()
    assert version.startswith("r") and len(egg) > 10_000
    from pricewatch.catalogue import Source, parse_interval

    def src(i, host):
        return Source(
            id=f"s{i}", kind="pricing", url=f"https://{host}/p{i}", format="html", interval=parse_interval("6h")
        )

    shards = shard_by_host([src(1, "a.test"), src(2, "a.test"), src(3, "b.test"), src(4, "c.test")], 2)
    assert sorted(len(s) for s in shards) == [2, 2]
    assert any({s.id for s in shard} == {"s1", "s2"} for shard in shards)  # one host stays on one server
