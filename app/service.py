"""`pricewatch run`: the long-running service — scheduled crawls, alerts and the bot in one supervised process.

Each catalogue source is an APScheduler job on its own interval (with jitter, coalescing, one
run at a time). Crawls run in subprocesses with a timeout (app.crawl), so a hung or
crashed crawl is killed, counted as a failure of its sources, and the service carries on.
The first run of each source is placed from its persisted last attempt, so a restart does not
re-crawl everything at once.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from app.crawl import (
    CANCELLED,
    SKIPPED,
    SourceResult,
    cancel_running_crawls,
    clean_stale_crawl_folders,
    run_crawl,
)
from app.notifiers import Notifier
from pricewatch.catalogue import CatalogueError, Source, default_catalogue_path, load_catalogue
from pricewatch.settings import Settings, get_settings
from storage.engine import get_engine, new_session
from storage.models import utcnow
from storage.queries import source_health

log = logging.getLogger("app.service")
STARTUP_STAGGER = timedelta(seconds=5)  # overdue sources start in groups this far apart, not all at once
OVERDUE_GROUP = 25  # how many overdue sources share one start (and so one crawl process)
# Sources that fall due within CRAWL_GROUP_WINDOW_S share one crawl subprocess: one process start per cycle,
# not one per source. Short intervals (tests, local runs) shrink it to a quarter of the shortest interval.


def first_run_at(
    source: Source, last_attempt: datetime | None, now: datetime, overdue_index: int
) -> tuple[datetime, bool]:
    """When a source should next run: its last attempt plus its interval, or soon (staggered) if overdue."""
    if last_attempt is not None:
        due = last_attempt + source.interval
        if due > now:
            return due, False
    return now + STARTUP_STAGGER * (overdue_index // OVERDUE_GROUP), True


class Service:
    def __init__(
        self,
        *,
        settings: Settings | None = None,
        sources_path: Path | None = None,
        notifier_options: dict[str, object] | None = None,
        reload_check_s: float = 5.0,
    ) -> None:
        self.settings = settings or get_settings()
        self.sources_path = Path(sources_path) if sources_path else default_catalogue_path()
        self.notifier_options = notifier_options or {}
        self.reload_check_s = reload_check_s
        self.sources: dict[str, Source] = {}
        self.scheduler = AsyncIOScheduler(timezone="UTC")
        self.stopping = asyncio.Event()
        self.catalogue_mtime = 0.0
        self.rejected_error: str | None = None
        self.notifier: Notifier | None = None
        self.background: set[asyncio.Task[None]] = set()
        self.crawls: set[asyncio.Task[object]] = set()
        self.group: dict[str, Source] | None = None  # sources due now, waiting for the group's crawl to start
        self.group_task: asyncio.Task[object] | None = None

    # --- the catalogue ----------------------------------------------------------------

    def load(self) -> None:
        """Load the catalogue, or keep the old one (logging why) when the new file is bad."""
        try:
            sources = load_catalogue(self.sources_path)
        except CatalogueError as error:
            if not self.sources:
                raise
            log.error(
                "event=catalogue_rejected error=%r (keeping the %d sources already running)",
                str(error),
                len(self.sources),
            )
            self._tell_admins_once(str(error))
            return
        finally:
            self.catalogue_mtime = self._mtime()
        self._schedule(sources)
        self.rejected_error = None
        log.info("event=catalogue_loaded sources=%d path=%s", len(sources), self.sources_path)

    def _tell_admins_once(self, error: str) -> None:
        """Admins hear of a refused catalogue once per distinct error, not at every reload check."""
        if error == self.rejected_error or self.notifier is None:
            return
        self.rejected_error = error
        message = f"The sources file was refused; the {len(self.sources)} sources already running go on.\n{error}"
        task = asyncio.get_running_loop().create_task(self.notifier.tell_admins(message))
        self.background.add(task)
        task.add_done_callback(self.background.discard)

    def current_sources(self) -> list[Source]:
        """The catalogue the service runs on: the last good file, whatever the file says now."""
        return list(self.sources.values())

    def _mtime(self) -> float:
        try:
            return self.sources_path.stat().st_mtime
        except OSError:
            return 0.0

    def _schedule(self, sources: list[Source]) -> None:
        with new_session() as session:
            health = source_health(session=session)
        now = utcnow()
        wanted = {s.id: s for s in sources}
        for source_id in list(self.sources):
            if source_id not in wanted:
                self.scheduler.remove_job(source_id)
        overdue = 0
        for source in sources:
            old = self.sources.get(source.id)
            if old == source and self.scheduler.get_job(source.id):
                continue
            h = health.get(source.id)
            when, was_overdue = first_run_at(source, h.last_attempt if h else None, now, overdue)
            overdue += was_overdue
            seconds = int(source.interval.total_seconds())
            self.scheduler.add_job(
                self.crawl_source,
                IntervalTrigger(seconds=seconds, jitter=min(300, seconds // 10) or None),
                args=[source.id],
                id=source.id,
                name=source.id,
                next_run_time=when,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=max(60, seconds // 2),
                replace_existing=True,
            )
        self.sources = wanted

    # --- crawling -----------------------------------------------------------------------

    async def crawl(self, sources: list[Source]) -> list[SourceResult]:
        """Crawl now (schedule, /crawl): in a worker thread that waits on the crawl subprocess."""
        loop = asyncio.get_running_loop()
        results = await loop.run_in_executor(
            None,
            partial(run_crawl, sources, timeout_s=self.settings.crawl_timeout_s),
        )
        for r in results:
            level = logging.INFO if r.ok or r.error in (SKIPPED, CANCELLED) else logging.WARNING
            log.log(
                level,
                "event=crawl source=%s ok=%s quotes=%d events=%d error=%r",
                r.source_id,
                r.ok,
                r.quotes,
                len(r.events),
                r.error,
            )
        return results

    async def crawl_source(self, source_id: str) -> None:
        """A source fell due: it joins the group crawl starting within the window, and waits for it to end."""
        source = self.sources.get(source_id)
        if source is None or self.stopping.is_set():
            return
        if self.settings.crawl_group_window_s > 0:
            task = self._join_group(source)
        else:  # grouping off: every source is a crawl process of its own
            task = self._tracked(asyncio.create_task(self.crawl([source])))
        try:
            await asyncio.shield(task)  # the scheduler's job lasts as long as its crawl: no overlap
        except asyncio.CancelledError:
            log.info("event=crawl_cancelled source=%s (shutting down; it runs again after the restart)", source_id)

    def _join_group(self, source: Source) -> asyncio.Task[object]:
        if self.group is None or self.group_task is None:
            self.group = {}
            self.group_task = self._tracked(asyncio.create_task(self._crawl_group(self.group)))
        self.group[source.id] = source
        return self.group_task

    def _tracked(self, task: asyncio.Task[object]) -> asyncio.Task[object]:
        """Crawls the shutdown waits for (after killing their subprocesses)."""
        self.crawls.add(task)
        task.add_done_callback(self.crawls.discard)
        return task

    def group_window(self) -> float:
        window = timedelta(seconds=self.settings.crawl_group_window_s)
        shortest = min((s.interval for s in self.sources.values()), default=window)
        return min(window, shortest / 4).total_seconds()

    async def _crawl_group(self, group: dict[str, Source]) -> None:
        """After the window, crawl every source that joined in one subprocess; later arrivals start a new group."""
        await asyncio.sleep(self.group_window())
        self.group, self.group_task = None, None
        if self.stopping.is_set() or not group:
            return
        log.info("event=crawl_group sources=%d", len(group))
        await self.crawl(list(group.values()))

    # --- running ------------------------------------------------------------------------

    async def _cancel_crawls(self) -> None:
        """Shutdown within seconds: running crawls are stopped, counted neither as success nor failure."""
        stopped = await asyncio.get_running_loop().run_in_executor(None, partial(cancel_running_crawls, grace_s=5.0))
        if self.crawls:
            await asyncio.wait(list(self.crawls), timeout=5.0)
        if stopped:
            log.info("event=crawls_cancelled count=%d", stopped)

    def _start_web(self):  # noqa: ANN202 — WebServer | None, imported only when the web is on
        """The read-only web in this process when PRICEWATCH_WEB_PORT is set; a taken port is told, not fatal."""
        port = self.settings.pricewatch_web_port
        if port is None:
            return None
        from app.web.server import create_app
        from app.web.serving import WebServer

        host = self.settings.pricewatch_web_host
        try:
            web = WebServer(create_app(catalogue=self.current_sources), host=host, port=port)
        except OSError as error:
            log.error("event=web_not_started host=%s port=%d error=%r", host, port, str(error))
            return None
        web.start_task()
        log.info("event=web_started url=%s", web.url)
        return web

    async def run(self) -> int:
        # Stop signals are ours from the first moment: a SIGTERM during start-up is a clean stop, not a kill.
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.stopping.set)
        get_engine()  # create the database (and tables) before anything else touches it
        removed = clean_stale_crawl_folders()
        if removed:
            log.info("event=stale_crawl_folders_removed count=%d", removed)
        self.load()
        loop.add_signal_handler(signal.SIGHUP, self.load)
        notifier = Notifier.for_settings(
            self.settings,
            sources_path=str(self.sources_path),
            crawl_runner=self.crawl,
            catalogue=self.current_sources,
            **self.notifier_options,
        )
        await notifier.start()
        self.notifier = notifier
        web = self._start_web()
        self.scheduler.start()
        log.info("event=started notifier=%s sources=%d", notifier.name, len(self.sources))
        try:
            while not self.stopping.is_set():
                try:
                    await asyncio.wait_for(self.stopping.wait(), timeout=self.reload_check_s)
                except TimeoutError:
                    if self._mtime() != self.catalogue_mtime:
                        self.load()
        finally:
            log.info("event=stopping")
            self.scheduler.shutdown(wait=False)
            await self._cancel_crawls()
            await notifier.stop()
            if web is not None:
                await web.stop_task()
            log.info("event=stopped")
        return 0


def next_runs(sources: list[Source]) -> dict[str, datetime]:
    """Each source's next scheduled run, by the same rule the service uses."""
    with new_session() as session:
        health = source_health(session=session)
    now = utcnow()
    runs, overdue = {}, 0
    for source in sources:
        h = health.get(source.id)
        runs[source.id], was_overdue = first_run_at(source, h.last_attempt if h else None, now, overdue)
        overdue += was_overdue
    return runs
