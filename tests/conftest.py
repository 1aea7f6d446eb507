"""Shared fixtures: the real corpus beside the repo, a loopback page server, a throwaway database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pricewatch.pageserver import PageServer

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("PRICEWATCH_CORPUS", REPO.parent / "shared" / "corpus"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (CI always has it beside the repo)")
    return CORPUS


@pytest.fixture
def database_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path}/pricewatch.db"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def page_server(tmp_path):
    """A loopback HTTP server over tmp_path/site; tests copy pages in and switch them."""
    site = tmp_path / "site"
    site.mkdir()
    with PageServer(site) as server:
        yield server
