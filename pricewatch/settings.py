"""The one Settings object: environment variables and a .env file."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./data/pricewatch.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    pricewatch_sources: str | None = None
    crawl_timeout_s: int = 600
    user_agent: str = "pricewatch/0.1 (+https://github.com/pricewatch/pricewatch; LLM price monitor)"


def get_settings() -> Settings:
    """Read afresh each time: the service reloads, and tests change the environment."""
    return Settings()
