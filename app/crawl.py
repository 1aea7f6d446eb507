"""Crawl runner: each crawl in a subprocess with a timeout, so a hung or crashed crawl costs one run, not the caller."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from app.scrapyd import ScrapydError, dispatch, parse_servers
from pricewatch.catalogue import Source
from pricewatch.settings import get_settings
from storage.crawls import CrawlReport, Fetched, record_crawl
from storage.engine import database_url as default_database_url
from storage.engine import new_session

# What a crawl tells its caller about one source: the store pipeline's report, passed through unchanged.
SourceResult = CrawlReport


SKIPPED = "skipped: a crawl of this source is already running"
CANCELLED = "cancelled: pricewatch was shutting down"
# What a crawl process dies of when the fault is on pricewatch's side (its disk, its database).
_OUR_FAULT = re.compile(
    r"OperationalError|DatabaseError|InterfaceError|No space left|disk I/O error|database is locked|"
    r"read-only file system|unable to open database",
    re.IGNORECASE,
)
TEMP_PREFIX = "pricewatch-crawl-"
# The bot's token stays in the service process; a crawl only needs to know that alerts go to Telegram.
_SECRET_ENV = ("TELEGRAM_BOT_TOKEN",)

# The crawls this process is running, each with the event that cancels it; once the process is shutting
# down (_closing), no new crawl starts.
_running: dict[subprocess.Popen[str], threading.Event] = {}
_running_lock = threading.Lock()
_closing = threading.Event()
# Sources in one crawl before reading and storing move to a worker process: a scheduled group (tens of
# pages) reads inline, and the process tree stays one crawl process beside the service.
OFFLOAD_FROM = 100


@contextmanager
def source_locks(sources: list[Source], database_url: str) -> Iterator[tuple[list[Source], list[Source]]]:
    """(free, busy): an exclusive lock per source, shared by every process using the same database.

    The service's schedule, /crawl and `pricewatch crawl` all go through here, so no source is
    ever crawled twice at once.
    """
    folder = Path(tempfile.gettempdir()) / "pricewatch-locks" / hashlib.sha256(database_url.encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    held, free, busy = [], [], []
    try:
        for source in sources:
            handle = open(folder / f"{source.id}.lock", "w")  # noqa: SIM115 — held until the crawl ends
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                busy.append(source)
                continue
            held.append(handle)
            free.append(source)
        yield free, busy
    finally:
        for handle in held:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()


def run_crawl(
    sources: list[Source],
    *,
    database_url: str | None = None,
    timeout_s: float = 600,
    scrapy_settings: dict[str, object] | None = None,
    on_result: Callable[[SourceResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> list[SourceResult]:
    """Crawl SOURCES now; every source gets a result, a failure if the crawl died before reaching it."""
    database_url = database_url or default_database_url()
    with source_locks(sources, database_url) as (free, busy):
        skipped = [SourceResult(s.id, ok=False, error=SKIPPED) for s in busy]
        for result in skipped:
            if on_result:
                on_result(result)
        if not free:
            return skipped
        servers = parse_servers(get_settings().scrapyd_urls)
        if servers:
            return _crawl_on_scrapyd(free, servers, database_url, timeout_s, scrapy_settings, on_result) + skipped
        return _crawl(free, database_url, timeout_s, scrapy_settings, on_result, on_start) + skipped


def _crawl_on_scrapyd(sources, servers, database_url, timeout_s, scrapy_settings, on_result) -> list[SourceResult]:  # noqa: ANN001
    try:
        reports = dispatch(
            sources, servers=servers, database_url=database_url, timeout_s=timeout_s, scrapy_settings=scrapy_settings
        )
        results = [SourceResult(**r) for r in reports]
        for result in results:
            if on_result:
                on_result(result)
        return results
    except (ScrapydError, TimeoutError) as error:
        return _fail_missing(sources, [], f"scrapyd: {error}", database_url, on_result)


def _crawl(sources, database_url, timeout_s, scrapy_settings, on_result, on_start) -> list[SourceResult]:  # noqa: ANN001
    if _closing.is_set():
        return [SourceResult(s.id, ok=False, error=CANCELLED) for s in sources]
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as tmp:
        (Path(tmp) / "owner.pid").write_text(str(os.getpid()))  # lets a restarted service clean up after us
        report_file = Path(tmp) / "reports.jsonl"
        job_file = Path(tmp) / "job.json"
        job = {
            "sources": [s.to_json() for s in sources],
            "database_url": database_url,
            "report_file": str(report_file),
            "scrapy_settings": scrapy_settings or {},
            # Big crawls read and store pages in a worker process beside the downloader (two cores);
            # a handful of pages is not worth starting one.
            "process_workers": 1 if len(sources) >= OFFLOAD_FROM and (os.cpu_count() or 1) > 1 else 0,
        }
        job_file.write_text(json.dumps(job), encoding="utf-8")
        env = crawl_environment(database_url)
        stderr_path = Path(tmp) / "stderr.log"
        # stderr goes to a file: a pipe nobody reads until the end would block a chatty crawl.
        with stderr_path.open("w", encoding="utf-8") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-m", "spiders.run", str(job_file)],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env=env,
                text=True,
                start_new_session=True,  # its own process group: stopped whole, Chromium included
                preexec_fn=_die_with_parent,
            )
            cancel = threading.Event()
            with _running_lock:
                _running[process] = cancel
                if _closing.is_set():  # shutdown began while this crawl was starting
                    cancel.set()
            try:
                if on_start:
                    on_start(process.pid)
                results, problem = _follow(process, report_file, timeout_s, on_result, stderr_path, cancel)
            finally:
                with _running_lock:
                    _running.pop(process, None)
    if problem and _OUR_FAULT.search(problem):
        # The crawl could not write its results (disk full, database down): pricewatch's error, not the source's.
        error = f"pricewatch error, not counted against the source: {problem}"
        done = {r.source_id for r in results}
        return results + [SourceResult(s.id, ok=False, error=error) for s in sources if s.id not in done]
    if problem == CANCELLED:
        # Neither a success nor a failure of the sources: the next run crawls them again.
        done = {r.source_id for r in results}
        return results + [SourceResult(s.id, ok=False, error=CANCELLED) for s in sources if s.id not in done]
    return results + _fail_missing(sources, results, problem, database_url, on_result)


def crawl_environment(database_url: str) -> dict[str, str]:
    """The environment of a crawl subprocess: this one without the bot token (also blanked over a .env file)."""
    env = {k: v for k, v in os.environ.items() if k not in _SECRET_ENV}
    env["DATABASE_URL"] = database_url
    env["TELEGRAM_BOT_TOKEN"] = ""
    if get_settings().telegram_configured:
        env["TELEGRAM_ALERTS"] = "1"
    return env


def _die_with_parent() -> None:
    """In the child, before exec: Linux kills it when the process that started it dies (kill -9 included)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def cancel_running_crawls(grace_s: float = 5.0) -> int:
    """Stop every crawl this process started (shutdown): SIGTERM to each group, SIGKILL after GRACE_S."""
    with _running_lock:
        _closing.set()
        running = dict(_running)
    for process, cancel in running.items():
        cancel.set()
        _signal_group(process, signal.SIGTERM)
    processes = list(running)
    deadline = time.monotonic() + grace_s
    for process in processes:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
    return len(processes)


def _signal_group(process: subprocess.Popen[str], signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def clean_stale_crawl_folders() -> int:
    """Temp folders left by crawls whose starting process is gone (a kill -9): removed at start."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*"):
        try:
            owner = int((folder / "owner.pid").read_text())
        except (OSError, ValueError):
            owner = None
        if owner is not None and _alive(owner):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _follow(
    process: subprocess.Popen[str],
    report_file: Path,
    timeout_s: float,
    on_result: Callable[[SourceResult], None] | None,
    stderr_path: Path,
    cancel: threading.Event,
) -> tuple[list[SourceResult], str | None]:
    results: list[SourceResult] = []
    deadline = time.monotonic() + timeout_s
    problem = None
    while True:
        results += _new_results(report_file, len(results), on_result)
        if cancel.is_set():
            _signal_group(process, signal.SIGKILL)
            process.wait()
            problem = CANCELLED
            break
        if process.poll() is not None:
            break
        if time.monotonic() > deadline:
            _signal_group(process, signal.SIGKILL)
            process.wait()
            problem = f"crawl timed out after {timeout_s:g}s and was stopped"
            break
        time.sleep(0.1)
    results += _new_results(report_file, len(results), on_result)
    stderr = stderr_path.read_text(encoding="utf-8", errors="replace")
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


def _fail_missing(
    sources: list[Source],
    results: list[SourceResult],
    problem: str | None,
    database_url: str,
    on_result: Callable[[SourceResult], None] | None,
) -> list[SourceResult]:
    """Sources the crawl never reported on count as failures of those sources."""
    done = {r.source_id for r in results}
    missing = [s for s in sources if s.id not in done]
    failed = []
    recipients = get_settings().alert_recipients()
    try:
        with new_session(database_url) as session:
            for source in missing:
                error = problem or "the crawl ended without fetching this source"
                fetched = Fetched(source_id=source.id, url=source.url, error=error)
                report = record_crawl(session=session, fetched=fetched, recipients=recipients)
                failed.append(SourceResult(source.id, ok=False, error=error, events=report.events))
    except (SQLAlchemyError, OSError) as exc:
        # The failure itself cannot be written: tell the caller, count nothing against the sources.
        error = f"pricewatch error, not counted against the source: could not record the crawl: {exc}"[:300]
        recorded = {r.source_id for r in failed}
        failed += [SourceResult(s.id, ok=False, error=error) for s in missing if s.id not in recorded]
    for result in failed:
        if on_result:
            on_result(result)
    return failed
