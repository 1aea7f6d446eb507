"""Distributed crawling on Scrapyd: with SCRAPYD_URLS set, crawls go to Scrapyd servers, results to the shared database.

The scheduler stays single (the service, /crawl, `pricewatch crawl`); each crawl is split across the
servers by host, scheduled there as a job of the `pricing` / `news` spider with the sources in a `job`
argument, and followed through listjobs.json. The spiders write to DATABASE_URL as they do locally,
so the results are read back from the database when the job ends. The project is deployed as an egg
that this module builds (`pricewatch scrapyd-deploy`, or automatically before the first job).
"""

from __future__ import annotations

import hashlib
import io
import json
import time
import zipfile
from collections import defaultdict
from datetime import datetime
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

import httpx
from sqlmodel import select

from pricewatch.catalogue import Source
from pricewatch.settings import get_settings
from spiders.known import seen_article_urls, validators_for
from storage.crawls import Fetched, record_crawl
from storage.engine import new_session
from storage.models import Event, Snapshot, SourceHealth, utcnow

PROJECT = "pricewatch"
PACKAGES = ("pricewatch", "spiders", "storage", "bot")


class ScrapydError(RuntimeError):
    """A Scrapyd server refused or could not be reached."""


def build_egg() -> tuple[bytes, str]:
    """(egg bytes, version): the project's packages with the entry point Scrapyd looks for."""
    buffer = io.BytesIO()
    digest = hashlib.sha256()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as egg:
        for package in PACKAGES:
            root = Path(str(resources.files(package)))
            for path in sorted(root.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                    data = path.read_bytes()
                    digest.update(path.name.encode() + data)
                    egg.writestr(f"{package}/{path.relative_to(root).as_posix()}", data)
        version = "r" + digest.hexdigest()[:12]
        egg.writestr("EGG-INFO/PKG-INFO", f"Metadata-Version: 1.1\nName: {PROJECT}\nVersion: {version}\n")
        egg.writestr("EGG-INFO/entry_points.txt", "[scrapy]\nsettings = spiders.settings\n")
        egg.writestr("EGG-INFO/top_level.txt", "\n".join(PACKAGES) + "\n")
    return buffer.getvalue(), version


def _call(
    base: str, endpoint: str, data: dict[str, str] | None = None, *, files: dict[str, bytes] | None = None
) -> dict:
    """One Scrapyd JSON endpoint: GET without data, a form POST with it (multipart when files are sent)."""
    url = f"{base.rstrip('/')}/{endpoint}"
    uploads = {name: (f"{name}.egg", blob, "application/octet-stream") for name, blob in (files or {}).items()}
    try:
        if data is None and not files:
            response = httpx.get(url, timeout=60)
        else:
            response = httpx.post(url, data=data or {}, files=uploads or None, timeout=60)
        answer = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise ScrapydError(f"{url}: {error}") from None
    if answer.get("status") != "ok":
        raise ScrapydError(f"{url}: {answer.get('message', answer)}")
    return answer


def deploy(servers: list[str]) -> str:
    """Upload the project egg to every server (skipped where this version is already there)."""
    egg, version = build_egg()
    for server in servers:
        try:
            versions = _call(server, f"listversions.json?project={PROJECT}").get("versions", [])
        except ScrapydError:
            versions = []
        if version not in versions:
            _call(server, "addversion.json", {"project": PROJECT, "version": version}, files={"egg": egg})
    return version


def shard_by_host(sources: list[Source], count: int) -> list[list[Source]]:
    """Sources split into COUNT shards, a host's sources kept together (politeness is per host)."""
    by_host: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        by_host[urlparse(source.url).netloc].append(source)
    shards: list[list[Source]] = [[] for _ in range(count)]
    for group in sorted(by_host.values(), key=len, reverse=True):
        min(shards, key=len).extend(group)
    return [s for s in shards if s]


def _job_argument(sources: list[Source], database_url: str) -> dict[str, str]:
    validators = validators_for(database_url, sources)
    seen = seen_article_urls(database_url, [s for s in sources if s.kind == "news"])
    return {
        "job": json.dumps(
            {"sources": [s.to_json() for s in sources], "validators": validators, "seen_urls": sorted(seen)}
        )
    }


def dispatch(
    sources: list[Source],
    *,
    servers: list[str],
    database_url: str,
    timeout_s: float,
    scrapy_settings: dict[str, object] | None = None,
) -> list[dict[str, object]]:
    """Run a crawl on the Scrapyd SERVERS; returns one report dict per source, read from the database."""
    started = utcnow()
    deploy(servers)
    settings = {"PRICEWATCH_DATABASE_URL": database_url, **(scrapy_settings or {})}
    jobs: list[tuple[str, str, list[Source]]] = []
    for server, shard in zip(servers, shard_by_host(sources, len(servers)), strict=False):
        for spider, kind in (("pricing", "pricing"), ("news", "news")):
            chosen = [s for s in shard if s.kind == kind]
            if not chosen:
                continue
            data = {
                "project": PROJECT,
                "spider": spider,
                "setting": [f"{k}={v}" for k, v in settings.items()],
                **_job_argument(chosen, database_url),
            }
            jobs.append((server, _call(server, "schedule.json", data)["jobid"], chosen))
    _wait(jobs, timeout_s)
    return _reports(sources, started, database_url)


def _wait(jobs: list[tuple[str, str, list[Source]]], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    pending = list(jobs)
    while pending:
        still = []
        for server, jobid, sources in pending:
            listing = _call(server, f"listjobs.json?project={PROJECT}")
            if not any(j.get("id") == jobid for j in listing.get("finished", [])):
                still.append((server, jobid, sources))
        pending = still
        if pending and time.monotonic() > deadline:
            for server, jobid, _ in pending:
                try:
                    _call(server, "cancel.json", {"project": PROJECT, "job": jobid})
                except ScrapydError:
                    pass
            raise TimeoutError(f"Scrapyd job(s) still running after {timeout_s:g}s were cancelled")
        if pending:
            time.sleep(0.5)


def _reports(sources: list[Source], started: datetime, database_url: str) -> list[dict[str, object]]:
    reports = []
    with new_session(database_url) as session:
        for source in sources:
            h = session.get(SourceHealth, source.id)
            if h is None or h.last_attempt is None or h.last_attempt < started:
                error = "the Scrapyd job ended without fetching this source"
                fetched = Fetched(source_id=source.id, url=source.url, error=error)
                report = record_crawl(session=session, fetched=fetched, recipients=get_settings().alert_recipients())
                reports.append({"source_id": source.id, "ok": False, "error": error, "events": report.events})
                continue
            kinds = session.exec(
                select(Event.kind).where(Event.source_id == source.id, Event.observed_at >= started)
            ).all()
            snapshot = session.get(Snapshot, h.last_good_snapshot_id) if h.last_good_snapshot_id else None
            reports.append(
                {
                    "source_id": source.id,
                    "ok": h.consecutive_failures == 0,
                    "error": h.last_error,
                    "events": list(kinds),
                    "quotes": snapshot.quote_count if snapshot else 0,
                    "unchanged": bool(snapshot and snapshot.taken_at < started and h.consecutive_failures == 0),
                }
            )
    return reports


def parse_servers(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]
