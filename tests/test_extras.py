"""Optional parts (browser, postgres, chart extras): an installation without one says so in one line where it is needed."""

from __future__ import annotations

import sys
from datetime import timedelta

import pytest

from pricewatch.catalogue import Source


def test_postgres_url_without_the_driver_names_the_extra(monkeypatch):
    from app.problems import is_storage_error, storage_problem
    from storage.engine import MissingDriver, get_engine

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the postgres extra were not installed
    with pytest.raises(MissingDriver) as caught:
        get_engine("postgresql+psycopg://pricewatch@127.0.0.1:1/nowhere")
    assert "pip install 'pricewatch[postgres]'" in str(caught.value)
    assert is_storage_error(caught.value) and "\n" not in storage_problem(caught.value)  # the CLI's one line


def test_browser_sources_without_the_extra_are_reported_not_crawled(monkeypatch, tmp_path):
    import json

    from spiders.run import BROWSER_EXTRA, without_missing_extras

    monkeypatch.setitem(sys.modules, "scrapy_playwright", None)
    hour = timedelta(hours=1)
    plain = Source(id="plain", kind="pricing", url="http://127.0.0.1:1/a", format="html", interval=hour)
    browser = Source(
        id="js", kind="pricing", url="http://127.0.0.1:1/b", format="html", interval=hour, render="browser"
    )
    report = tmp_path / "reports.jsonl"
    assert without_missing_extras([plain, browser], str(report)) == [plain]
    [line] = [json.loads(x) for x in report.read_text().splitlines()]
    assert (line["source_id"], line["ok"], line["error"]) == ("js", False, BROWSER_EXTRA)
    assert "pricewatch[browser]" in BROWSER_EXTRA


def test_chart_without_matplotlib_is_a_503_naming_the_extra(monkeypatch, database_url):
    from fastapi.testclient import TestClient

    from app.web.server import create_app

    monkeypatch.setitem(sys.modules, "bot.chart", None)
    with TestClient(create_app(catalogue=list)) as client:
        response = client.get("/models/qwen-long/chart.png")
    assert response.status_code == 503 and "pricewatch[chart]" in response.json()["error"]
