"""render = "browser": a page that builds its price table with JavaScript, read through headless Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.crawl import run_crawl
from pricewatch.catalogue import load_catalogue
from tests.conftest import FIXTURES

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_enough]  # a real browser crawl; the database only keeps the outcome

CHROMIUM = Path("/usr/bin/chromium")


def test_js_built_table_needs_the_browser(tmp_path, page_server, database_url):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser installs it; .ci/run does)")
    shutil.copy(FIXTURES / "site" / "js_table.html", page_server.root / "pricing.html")
    path = tmp_path / "sources.toml"
    url = page_server.url("pricing.html")
    path.write_text(
        f'[[source]]\nid = "plain"\nvendor = "mistral"\nurl = "{url}"\n\n'
        f'[[source]]\nid = "rendered"\nvendor = "mistral"\nurl = "{url}"\nrender = "browser"\n',
        encoding="utf-8",
    )
    results = {r.source_id: r for r in run_crawl(load_catalogue(path), timeout_s=120)}
    assert not results["plain"].ok and "JavaScript shell" in results["plain"].error
    assert results["rendered"].ok and results["rendered"].quotes == 4, results["rendered"]
