"""Schema migrations (Alembic): `pricewatch db upgrade`, and automatically whenever the engine is made."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = "storage:migrations"
# The newest revision. Checked before Alembic loads its scripts, so an up-to-date database costs one query
# (and crawls running from a zipped egg on Scrapyd, where the scripts cannot be loaded, need none).
HEAD = "0003"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to REVISION (default: the newest); an up-to-date database is left alone."""
    if revision == "head" and current_revision(engine) == HEAD:
        return
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
