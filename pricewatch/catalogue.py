"""The sources catalogue: a TOML file of `[[source]]` entries, checked before anything is crawled."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

from pricewatch.readers.base import SourceFormat

SOURCES_ENV = "PRICEWATCH_SOURCES"
KINDS = ("pricing", "news")
LANGS = ("zh", "ja", "en")
CURRENCIES = ("USD", "CNY", "JPY", "EUR")
RENDERS = ("html", "browser")
DEFAULT_INTERVAL = {"pricing": "6h", "news": "30m"}
DEFAULT_FORMAT = {"pricing": "html", "news": "rss"}
_ID = re.compile(r"^[a-z0-9-]+$")
_INTERVAL = re.compile(r"^(\d+)\s*([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class CatalogueError(ValueError):
    """A catalogue that cannot be used; the message names the entry and the key."""


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
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Source:
        values = dict(data)
        values["interval"] = timedelta(seconds=int(values.pop("interval_s")))  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]


ALLOWED_KEYS = frozenset(
    {"id", "kind", "vendor", "url", "lang", "format", "currency", "interval", "render", "obey_robots", "links"}
)


def parse_interval(text: str) -> timedelta:
    """'6h' → 6 hours; '30m', '90s', '1d'."""
    match = _INTERVAL.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an interval like 30m, 6h or 1d")
    return timedelta(seconds=int(match.group(1)) * _UNIT_SECONDS[match.group(2)])


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


def parse_source(entry: dict[str, object], *, where: str) -> Source:
    """One [[source]] table → Source, or CatalogueError naming the key."""
    raw_id = entry.get("id")
    label = f"{where} ({raw_id})" if raw_id else where

    def fail(key: str, problem: str) -> CatalogueError:
        return CatalogueError(f"{label}: key {key!r}: {problem}")

    unknown = sorted(set(entry) - ALLOWED_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(ALLOWED_KEYS))})")
    for key in ("id", "url"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise fail(key, "missing or not a string")
    source_id = str(entry["id"])
    if not _ID.match(source_id):
        raise fail("id", f"{source_id!r} must match [a-z0-9-]+")
    kind = _choice(entry, "kind", KINDS, "pricing", fail)
    fmt = _choice(entry, "format", SourceFormat.names(kind), DEFAULT_FORMAT[kind], fail)
    url = str(entry["url"])
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https", "file") or (parsed.scheme != "file" and not parsed.netloc):
        raise fail("url", f"{url!r} is not an http(s) URL")
    try:
        interval = parse_interval(str(entry.get("interval", DEFAULT_INTERVAL[kind])))
    except ValueError as exc:
        raise fail("interval", str(exc)) from None
    vendor = entry.get("vendor")
    if vendor is not None and (not isinstance(vendor, str) or not _ID.match(vendor)):
        raise fail("vendor", f"{vendor!r} must be a lowercase vendor id")
    obey = entry.get("obey_robots", True)
    if not isinstance(obey, bool):
        raise fail("obey_robots", "must be true or false")
    links = entry.get("links")
    if links is not None and not isinstance(links, str):
        raise fail("links", "must be a CSS selector string")
    return Source(
        id=source_id,
        kind=kind,
        url=url,
        format=fmt,
        interval=interval,
        vendor=vendor,
        lang=_choice(entry, "lang", LANGS, None, fail),
        currency=_choice(entry, "currency", CURRENCIES, None, fail),
        render=_choice(entry, "render", RENDERS, "html", fail),
        obey_robots=obey,
        links=links,
    )


def _choice(entry: dict[str, object], key: str, allowed, default, fail):  # noqa: ANN001, ANN202
    value = entry.get(key, default)
    if value is None:
        return None
    if value not in allowed:
        raise fail(key, f"{value!r} is not one of {', '.join(allowed)}")
    return value


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
