"""The sources catalogue: a TOML file of `[[source]]` entries, checked before anything is crawled."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, ValidationInfo, field_validator

from pricewatch import fastre
from pricewatch.errors import CatalogueError
from pricewatch.readers.base import SourceFormat

SOURCES_ENV = "PRICEWATCH_SOURCES"
KINDS = ("pricing", "news")
DEFAULT_INTERVAL = {"pricing": "6h", "news": "30m"}
DEFAULT_FORMAT = {"pricing": "html", "news": "rss"}
_INTERVAL = fastre.compile(r"^(\d+)\s*([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    url: str
    format: str
    interval: timedelta
    vendor: str | None = None
    lang: str | None = None
    currency: str | None = None
    render: str = "html"
    obey_robots: bool = True
    links: str | None = None  # news listing pages: CSS selector of article links
    allow_private_hosts: bool = False  # links found in feeds may point at private addresses too
    options: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "vendor": self.vendor,
            "url": self.url,
            "lang": self.lang,
            "format": self.format,
            "currency": self.currency,
            "interval_s": int(self.interval.total_seconds()),
            "render": self.render,
            "obey_robots": self.obey_robots,
            "links": self.links,
            "allow_private_hosts": self.allow_private_hosts,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Source:
        values = dict(data)
        values["interval"] = timedelta(seconds=int(values.pop("interval_s")))  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]


MIN_INTERVAL = timedelta(minutes=1)
MAX_INTERVAL = timedelta(days=30)


MIN_INTERVAL_ENV = "PRICEWATCH_MIN_INTERVAL"  # tests and local experiments only: e.g. "1s"


def parse_interval(text: str, *, shortest: timedelta = MIN_INTERVAL) -> timedelta:
    """'6h' → 6 hours; '30m', '90s', '1d'; between one minute (or SHORTEST) and 30 days."""
    match = _INTERVAL.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an interval like 30m, 6h or 1d")
    seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    if not shortest.total_seconds() <= seconds <= MAX_INTERVAL.total_seconds():
        raise ValueError(
            f"{text!r} is outside {shortest} to 30 days (a vendor is not crawled back to back, nor forgotten)"
        )
    return timedelta(seconds=seconds)


def shortest_interval() -> timedelta:
    """One minute, unless $PRICEWATCH_MIN_INTERVAL lowers it (never below one second)."""
    text = os.environ.get(MIN_INTERVAL_ENV)
    if not text:
        return MIN_INTERVAL
    match = _INTERVAL.match(text.strip())
    return (
        max(timedelta(seconds=1), timedelta(seconds=int(match.group(1)) * _UNIT_SECONDS[match.group(2)]))
        if match
        else MIN_INTERVAL
    )


class SourceEntry(BaseModel):
    """One [[source]] table as the file may write it: every key declared, unknown ones refused."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$", max_length=64)]
    url: str
    kind: Literal["pricing", "news"] = "pricing"
    vendor: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$", max_length=64)] | None = None
    lang: Literal["zh", "ja", "en"] | None = None
    format: str | None = None
    currency: Literal["USD", "CNY", "JPY", "EUR"] | None = None
    interval: str | None = None
    render: Literal["html", "browser"] = "html"
    obey_robots: bool = True
    allow_private_hosts: bool = False
    links: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        return check_source_url(url)

    @field_validator("interval")
    @classmethod
    def _interval(cls, interval: str | None, info: ValidationInfo) -> str | None:
        if interval is not None:
            parse_interval(interval, shortest=(info.context or {}).get("shortest", MIN_INTERVAL))
        return interval

    @field_validator("format")
    @classmethod
    def _format_of_kind(cls, fmt: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("kind", "pricing")
        names = SourceFormat.names(kind)
        if fmt is not None and fmt not in names:
            raise ValueError(f"{fmt!r} is not one of {', '.join(names)} for kind {kind!r}")
        return fmt

    def to_source(self, *, shortest: timedelta = MIN_INTERVAL) -> Source:
        return Source(
            id=self.id,
            kind=self.kind,
            url=self.url,
            format=self.format or DEFAULT_FORMAT[self.kind],
            interval=parse_interval(self.interval or DEFAULT_INTERVAL[self.kind], shortest=shortest),
            vendor=self.vendor,
            lang=self.lang,
            currency=self.currency,
            render=self.render,
            obey_robots=self.obey_robots,
            allow_private_hosts=self.allow_private_hosts,
            links=self.links,
        )


ALLOWED_KEYS = frozenset(SourceEntry.model_fields)


def check_source_url(url: str) -> str:
    """An http(s) URL with a host, parsed the way the crawler will parse it; ValueError otherwise."""
    try:
        parsed = urlsplit(url)
        parsed.port  # noqa: B018 — raises on a port that is not a number in range
    except ValueError as exc:
        raise ValueError(f"{url!r} is not a URL: {exc}") from None
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ValueError(f"{url!r} is not an http(s) URL with a host")
    return url


def default_catalogue_path() -> Path:
    """--sources, else $PRICEWATCH_SOURCES, else the sources.toml shipped with the project."""
    env = os.environ.get(SOURCES_ENV)
    if env:
        return Path(env)
    return Path(str(resources.files("pricewatch").joinpath("sources.toml")))


def load_catalogue(path: Path | str | None = None) -> list[Source]:
    """Read and check a catalogue; raise CatalogueError naming the entry and key at the first problem."""
    path = Path(path) if path else default_catalogue_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogueError(f"{path}: no such sources file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path}: cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{path}: not valid TOML: {exc}") from None
    unknown_top = set(data) - {"source"}
    if unknown_top:
        raise CatalogueError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown_top))}; expected [[source]]")
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise CatalogueError(f"{path}: 'source' must be an array of tables ([[source]])")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        source = parse_source(entry, where=f"{path}: source #{index}")
        if source.id in seen:
            raise CatalogueError(f"{path}: source #{index} ({source.id}): key 'id': duplicate id {source.id!r}")
        seen.add(source.id)
        sources.append(source)
    return sources


def parse_source(entry: object, *, where: str) -> Source:
    """One [[source]] table → Source, or CatalogueError naming the key and what is wrong with it."""
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: must be a table ([[source]] with key = value lines), not {entry!r}")
    raw_id = entry.get("id")
    label = f"{where} ({raw_id})" if isinstance(raw_id, str) and raw_id else where
    try:
        shortest = shortest_interval()
        return SourceEntry.model_validate(entry, context={"shortest": shortest}).to_source(shortest=shortest)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = str(error["loc"][0]) if error["loc"] else "source"
        problem = _problem(error, key)
        raise CatalogueError(f"{label}: key {key!r}: {problem}") from None


def _problem(error: dict[str, Any], key: str) -> str:
    """pydantic's error in the catalogue's words."""
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key (allowed: {', '.join(sorted(ALLOWED_KEYS))})"
    if kind == "missing":
        return "missing"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{error.get('input')!r}: {message}" if kind != "value_error" else message


def select_sources(sources: list[Source], ids: list[str]) -> list[Source]:
    """The sources named by id, in catalogue order; an unknown id is a CatalogueError."""
    if not ids:
        return sources
    known = {s.id for s in sources}
    missing = [i for i in ids if i not in known]
    if missing:
        raise CatalogueError(f"unknown source id(s): {', '.join(missing)}")
    wanted = set(ids)
    return [s for s in sources if s.id in wanted]


__all__ = ["CatalogueError", "Source", "SourceEntry", "load_catalogue", "parse_interval", "select_sources"]
