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
    """On PostgreSQL, only the tests that use a database for what it is (not those marked sqlite_enough, where it
    only keeps the outcome of something else under test): the rest ran on the SQLite pass already."""
    if not POSTGRES:
        return
    keep = [
        item
        for item in items
        if any(name.endswith("database_url") for name in getattr(item, "fixturenames", ()))
        and not item.get_closest_marker("sqlite_enough")
    ]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


@pytest.fixture(scope="session")
def postgres_template():
    """A database migrated once per run: each test's database is a copy of it (no migrations per test)."""
    if not POSTGRES:
        yield None
        return
    from storage.engine import dispose_engine, get_engine

    name = _create_database(template=None)
    url = _url_of(name)
    get_engine(url)  # runs the migrations
    dispose_engine(url)  # a template must have no connections when it is copied
    try:
        yield name
    finally:
        _drop_database(name)


@pytest.fixture
def database_url(tmp_path, monkeypatch, postgres_template):
    """A fresh database per test, schema in place: a SQLite file, or a PostgreSQL database (PRICEWATCH_TEST_POSTGRES)."""
    yield from _fresh_database(tmp_path, monkeypatch, template=postgres_template)


@pytest.fixture
def empty_database_url(tmp_path, monkeypatch):
    """A fresh database with no tables at all, for the migration tests."""
    yield from _fresh_database(tmp_path, monkeypatch, template=None)


def _fresh_database(tmp_path, monkeypatch, *, template: str | None):  # noqa: ANN202
    if not POSTGRES:
        url = f"sqlite:///{tmp_path}/pricewatch.db"
        monkeypatch.setenv("DATABASE_URL", url)
        yield url
        return
    from storage.engine import dispose_engine

    name = _create_database(template=template)
    url = _url_of(name)
    monkeypatch.setenv("DATABASE_URL", url)
    try:
        yield url
    finally:
        dispose_engine(url)
        _drop_database(name)


def _admin():  # noqa: ANN202
    from sqlalchemy import create_engine

    return create_engine(POSTGRES, isolation_level="AUTOCOMMIT")


def _url_of(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)


def _create_database(*, template: str | None) -> str:
    from sqlalchemy import text

    name = f"pw_test_{uuid.uuid4().hex[:12]}"
    admin = _admin()
    with admin.connect() as connection:
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    admin.dispose()
    return name


def _drop_database(name: str) -> None:
    from sqlalchemy import text

    admin = _admin()
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


def fail_storing(monkeypatch: pytest.MonkeyPatch, source_id: str) -> None:
    """From now on, recording a crawl of SOURCE_ID raises (a page the database refuses); other sources store."""
    import storage.crawls as crawls

    apply = crawls._apply

    def apply_or_fail(session, fetched, *args):  # noqa: ANN001, ANN002, ANN202
        if fetched.source_id == source_id:
            raise RuntimeError("cannot store this page")
        return apply(session, fetched, *args)

    monkeypatch.setattr(crawls, "_apply", apply_or_fail)
