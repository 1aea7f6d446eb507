"""The database engine: a SQLite file by default, any SQLAlchemy URL through DATABASE_URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from pricewatch.settings import get_settings
from storage import models  # noqa: F401  (registers the tables)
from storage.migrate import upgrade

_engines: dict[str, Engine] = {}


class MissingDriver(RuntimeError):
    """DATABASE_URL names a database whose driver is not installed (PostgreSQL: the postgres extra)."""

    def __init__(self, url: str, module: str) -> None:
        backend = make_url(url).get_backend_name()
        extra = " pip install 'pricewatch[postgres]'" if backend == "postgresql" else f" install {module}"
        super().__init__(f"DATABASE_URL is {backend}, but its driver ({module}) is not installed:{extra}")


def database_url() -> str:
    return get_settings().database_url


def get_engine(url: str | None = None) -> Engine:
    """The engine for URL (default: DATABASE_URL), tables created on first use."""
    url = url or database_url()
    if url in _engines:
        return _engines[url]
    parsed = make_url(url)
    connect_args: dict[str, object] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        connect_args = {"timeout": 30, "check_same_thread": False}
    try:
        engine = create_engine(url, connect_args=connect_args)
    except ModuleNotFoundError as missing:  # the URL names a driver this installation lacks
        raise MissingDriver(url, missing.name or str(missing)) from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    upgrade(engine)  # the schema is Alembic's: an empty database is migrated to the newest revision
    _engines[url] = engine
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    # WAL lets the CLI read while a crawl subprocess writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL never corrupts the database; a power cut may lose the last commits, a crash does not.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def new_session(url: str | None = None) -> Session:
    return Session(get_engine(url), expire_on_commit=False)


def dispose_engine(url: str) -> None:
    """Close the pooled connections of URL's engine (before its database is dropped, in tests)."""
    engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()
