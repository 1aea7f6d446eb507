"""Alembic migrations: an empty database and one at the previous revision both reach the newest schema."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

from storage import models  # noqa: F401  (the tables compared against)
from storage.migrate import HEAD, alembic_config, current_revision, upgrade


def test_head_constant_is_alembics_head():
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() == HEAD


def _schema_diff(engine) -> list:
    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)


def test_empty_database_is_migrated_to_head(empty_database_url):
    result = subprocess.run([sys.executable, "-m", "app.cli", "db", "upgrade"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == HEAD
    engine = create_engine(empty_database_url)
    assert current_revision(engine) == HEAD and _schema_diff(engine) == []


def test_previous_revision_with_data_is_upgraded(empty_database_url):
    engine = create_engine(empty_database_url)
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO event (kind, source_id, vendor, model, price_type, old_price, new_price, currency, change_pct,"
                " observed_at) VALUES ('price_cut', 'zhipu', 'zhipu', 'glm-3-turbo', 'input', '5', '1', 'CNY', -80,"
                " :at)"
            ),
            {"at": datetime(2024, 5, 11, tzinfo=UTC)},
        )
    upgrade(engine)
    assert current_revision(engine) == HEAD and _schema_diff(engine) == []
    with engine.connect() as connection:
        row = connection.execute(text("SELECT model, new_price, linked_event_id FROM event")).one()
    assert (row.model, str(row.new_price), row.linked_event_id) in {
        ("glm-3-turbo", "1", None),
        ("glm-3-turbo", "1.000000000000", None),
    }


def test_a_chats_subscription_survives_the_move_to_several_per_chat(empty_database_url):
    engine = create_engine(empty_database_url)
    upgrade(engine, "0003")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO subscription (chat_id, active, vendors, models, min_cut, created_at)"
                " VALUES ('1001', TRUE, 'deepseek', '', 50, :at)"
            ),
            {"at": datetime(2024, 5, 11, tzinfo=UTC)},
        )
    upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, chat_id, vendors, kinds, min_cut FROM subscription")).all()
    assert [tuple(r) for r in rows] == [(1, "1001", "deepseek", "", 50)]
    assert _schema_diff(engine) == []


def _observations(engine) -> list[tuple]:
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT snapshot_id, model, price_per_mtok, ended_at FROM observation ORDER BY snapshot_id, model")
        ).all()
    return [(snapshot, model, Decimal(price).normalize(), ended is not None) for snapshot, model, price, ended in rows]


def test_observations_become_periods_and_back(empty_database_url):
    """0007: rows of a superseded snapshot end when the next one was taken; downgrading puts each source's
    current prices back into its last good snapshot, where 0006 reads them."""
    engine = create_engine(empty_database_url)
    upgrade(engine, "0006")
    days = {n: datetime(2024, 5, n, tzinfo=UTC) for n in (6, 11)}
    with engine.begin() as connection:
        for day in (6, 11):
            connection.execute(
                text(
                    "INSERT INTO snapshot (source_id, taken_at, last_seen_at, content_hash, quotes_hash,"
                    " quote_count) VALUES ('ds', :at, :at, '', '', 2)"  # ids 1 and 2, from the table's sequence
                ),
                {"at": days[day]},
            )
        for snapshot, model, price in ((1, "a", "2"), (1, "b", "2"), (2, "a", "1"), (2, "b", "2")):
            connection.execute(
                text(
                    "INSERT INTO observation (snapshot_id, source_id, observed_at, vendor, model, price_type,"
                    f" tier_key, price_per_mtok, currency, raw, display) VALUES (:snapshot, 'ds', :at, 'deepseek',"
                    f" :model, 'input', '', {price}, 'CNY', '', '')"
                ),
                {"snapshot": snapshot, "model": model, "at": days[6 if snapshot == 1 else 11]},
            )
        connection.execute(
            text(
                "INSERT INTO sourcehealth (source_id, consecutive_failures, broken, last_good_snapshot_id)"
                " VALUES ('ds', 0, FALSE, 2)"
            )
        )
    upgrade(engine)
    assert _schema_diff(engine) == []
    two, one = Decimal(2), Decimal(1)
    assert _observations(engine) == [
        (1, "a", two, True),
        (1, "b", two, True),
        (2, "a", one, False),
        (2, "b", two, False),
    ]

    # A crawl at the newest revision writes only the price that moved: b.
    from pricewatch.quotes import Quote
    from storage.crawls import Fetched, record_crawl
    from storage.engine import dispose_engine, new_session

    quotes = [Quote("deepseek", m, "input", None, one, "CNY", "1") for m in ("a", "b")]
    with new_session(empty_database_url) as session:
        record_crawl(session=session, fetched=Fetched(source_id="ds", url="http://x/ds", quotes=quotes))
    dispose_engine(empty_database_url)
    assert _observations(engine)[-1] == (3, "b", one, False)

    command.downgrade(alembic_config(empty_database_url), "0006")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT model, price_per_mtok FROM observation WHERE snapshot_id = 3")).all()
    assert sorted((model, Decimal(price).normalize()) for model, price in rows) == [("a", one), ("b", one)]


def test_current_prices_index_is_partial(empty_database_url):
    """The model leaves the predicate to migration 0007, and compare_metadata does not look at predicates."""
    engine = create_engine(empty_database_url)
    upgrade(engine)
    if engine.dialect.name == "sqlite":
        statement = "SELECT sql FROM sqlite_master WHERE name = 'ix_observation_current'"
    else:
        statement = "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_observation_current'"
    with engine.connect() as connection:
        definition = connection.execute(text(statement)).scalar_one()
    assert "ended_at IS NULL" in definition.replace("(", "").replace(")", "")
