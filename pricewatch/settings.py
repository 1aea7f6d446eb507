"""The one Settings object: environment variables and a .env file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./data/pricewatch.db"


@dataclass(frozen=True)
class AlertRecipients:
    """Who hears of events besides the subscribers: the admins (health events) and the channel (price events)."""

    admin_ids: tuple[str, ...] = ()
    channel_id: str | None = None
    channel_lang: str = "en"


NOBODY = AlertRecipients()  # alerts off (no Telegram): subscribers' rows only


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    pricewatch_sources: str | None = None
    crawl_timeout_s: int = 600
    # Scheduled sources falling due within this many seconds share one crawl process; 0: one process each.
    crawl_group_window_s: float = 3.0
    scrapyd_urls: str = ""  # comma-separated Scrapyd servers; empty = crawl in local subprocesses
    user_agent: str = "pricewatch/0.1 (+https://github.com/pricewatch/pricewatch; LLM price monitor)"

    # The read-only web (pages, feeds, API): off in `pricewatch run` unless a port is given.
    pricewatch_web_port: int | None = None
    pricewatch_web_host: str = "127.0.0.1"
    pricewatch_public_url: str | None = None  # where the web is reachable: alerts and feeds link to it
    pricewatch_fx: str = ""  # "CNY=0.14,JPY=0.0066[@2026-11-01]": USD per unit, for the LiteLLM-format map

    telegram_bot_token: str | None = None
    telegram_channel_id: str | None = None  # "@name" or a numeric id
    telegram_channel_lang: str = "en"
    telegram_admin_ids: str = ""  # comma-separated numeric user ids
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    # Set by the crawl runner for its subprocesses, which get no token: alerts still go to the outbox.
    telegram_alerts: bool = False

    @property
    def telegram_configured(self) -> bool:
        """Whether alerts are queued for Telegram (the service has a token, or a crawl works for one that has)."""
        return bool(self.telegram_bot_token) or self.telegram_alerts

    def alert_recipients(self) -> AlertRecipients:
        """The admins and channel that storage queues alerts for (nobody when Telegram is not configured)."""
        if not self.telegram_configured:
            return NOBODY
        admins = tuple(str(a) for a in self.admin_ids)
        return AlertRecipients(admins, self.telegram_channel_id or None, self.telegram_channel_lang)

    @property
    def admin_ids(self) -> list[int]:
        return [int(part) for part in self.telegram_admin_ids.replace(" ", "").split(",") if part.lstrip("-").isdigit()]


_ENV_KEYS = tuple(name.upper() for name in Settings.model_fields)
_cache: dict[tuple[object, ...], Settings] = {}


def get_settings() -> Settings:
    """The settings for the environment as it is now (tests change it; a crawl reads it per page, so cached)."""
    env_file = Path(".env")
    key = (*(os.environ.get(name) for name in _ENV_KEYS), env_file.stat().st_mtime if env_file.exists() else None)
    if key not in _cache:
        _cache.clear()
        _cache[key] = Settings()
    return _cache[key]
