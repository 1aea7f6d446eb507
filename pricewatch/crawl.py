"""Crawl runner: each crawl in a subprocess with a timeout, so a hung or crashed crawl costs one run, not the caller."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pricewatch.catalogue import Source
from storage.crawls import Fetched, record_crawl
from storage.engine import database_url as default_database_url
from storage.engine import new_session


@dataclass
class SourceResult:
    source_id: str
    ok: bool
    quotes: int = 0
    events: list[str] = field(default_factory=list)
    error: str | None = None
    unchanged: bool = False


def run_crawl(
    sources: list[Source],
    *,
    database_url: str | None = None,
    timeout_s: float = 600,
    scrapy_settings: dict[str, object] | None = None,
    on_result: Callable[[SourceResult], None] | None = None,
) -> list[SourceResult]:
    """Crawl SOURCES now; every source gets a result, a failure if the crawl died before reaching it."""
    database_url = database_url or default_database_url()
    with tempfile.TemporaryDirectory(prefix="pricewatch-crawl-") as tmp:
        report_file = Path(tmp) / "reports.jsonl"
        job_file = Path(tmp) / "job.json"
        job = {
            "sources": [s.to_json() for s in sources],
            "database_url": database_url,
            "report_file": str(report_file),
            "scrapy_settings": scrapy_settings or {},
        }
        job_file.write_text(json.dumps(job), encoding="utf-8")
        env = dict(os.environ, DATABASE_URL=database_url)
        process = subprocess.Popen(
            [sys.executable, "-m", "spiders.run", str(job_file)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True,
        )
        results, problem = _follow(process, report_file, timeout_s, on_result)
    return results + _fail_missing(sources, results, problem, database_url, on_result)


def _follow(process: subprocess.Popen[str], report_file: Path, timeout_s: float, on_result) -> tuple[list[SourceResult], str | None]:  # noqa: ANN001
    results: list[SourceResult] = []
    deadline = time.monotonic() + timeout_s
    problem = None
    while True:
        results += _new_results(report_file, len(results), on_result)
        if process.poll() is not None:
            break
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            problem = f"crawl timed out after {timeout_s:g}s and was stopped"
            break
        time.sleep(0.1)
    results += _new_results(report_file, len(results), on_result)
    stderr = process.stderr.read() if process.stderr else ""
    if problem is None and process.returncode != 0:
        last = [line for line in stderr.strip().splitlines() if line.strip()][-1:] or ["no output"]
        problem = f"crawl process failed (exit {process.returncode}): {last[0][:200]}"
    return results, problem


def _new_results(report_file: Path, already: int, on_result) -> list[SourceResult]:  # noqa: ANN001
    if not report_file.exists():
        return []
    lines = report_file.read_text(encoding="utf-8").splitlines()
    fresh = []
    for line in lines[already:]:
        try:
            fresh.append(SourceResult(**json.loads(line)))
        except (ValueError, TypeError):
            break  # a line still being written: read it next time
    for result in fresh:
        if on_result:
            on_result(result)
    return fresh


def _fail_missing(sources: list[Source], results: list[SourceResult], problem: str | None, database_url: str, on_result) -> list[SourceResult]:  # noqa: ANN001
    """Sources the crawl never reported on count as failures of those sources."""
    done = {r.source_id for r in results}
    missing = [s for s in sources if s.id not in done]
    failed = []
    with new_session(database_url) as session:
        for source in missing:
            error = problem or "the crawl ended without fetching this source"
            report = record_crawl(session=session, fetched=Fetched(source_id=source.id, url=source.url, error=error))
            result = SourceResult(source.id, ok=False, error=error, events=report.events)
            failed.append(result)
            if on_result:
                on_result(result)
    return failed
