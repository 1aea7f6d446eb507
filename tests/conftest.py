"""Shared fixtures: the real corpus beside the repo, a loopback page server, a throwaway database."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from tests.mockserver import MisbehavingPageServer

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("PRICEWATCH_CORPUS", REPO.parent / "shared" / "corpus"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (CI always has it beside the repo)")
    return CORPUS


# Set by .ci/run (via `make test`) to run the database tests a second time on a real PostgreSQL server.
POSTGRES = os.environ.get("PRICEWATCH_TEST_POSTGRES")


def pytest_collection_modifyitems(config, items) -> None:  # noqa: ANN001
    """On PostgreSQL, only the tests that use a database: the rest ran on the SQLite pass already."""
    if not POSTGRES:
        return
    keep = [item for item in items if "database_url" in getattr(item, "fixturenames", ())]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


@pytest.fixture
def database_url(tmp_path, monkeypatch):
    """A fresh database per test: a SQLite file, or a new PostgreSQL database when PRICEWATCH_TEST_POSTGRES is set."""
    if not POSTGRES:
        url = f"sqlite:///{tmp_path}/pricewatch.db"
        monkeypatch.setenv("DATABASE_URL", url)
        yield url
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from storage.engine import dispose_engine

    name = f"pw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    try:
        yield url
    finally:
        dispose_engine(url)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def page_server(tmp_path):
    """A loopback HTTP server over tmp_path/site; tests copy pages in and switch them."""
    site = tmp_path / "site"
    site.mkdir()
    with MisbehavingPageServer(site) as server:
        yield server
