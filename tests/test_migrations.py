"""Alembic migrations: an empty database and one at the previous revision both reach the newest schema."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

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
