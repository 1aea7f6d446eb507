"""Schema migrations (Alembic): `pricewatch db upgrade`, and automatically whenever the engine is made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = "storage:migrations"
# The newest revision. Checked before Alembic loads its scripts, so an up-to-date database costs one query
# (and crawls running from a zipped egg on Scrapyd, where the scripts cannot be loaded, need none).
HEAD = "0008"


def alembic_config(url: str) -> Config:
    from alembic.config import Config  # Alembic is loaded only when there is something to migrate

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to REVISION (default: the newest); an up-to-date database is left alone."""
    if revision == "head" and current_revision(engine) == HEAD:
        return
    from alembic import command

    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The revision Alembic recorded (its one-row alembic_version table), read without loading Alembic."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
