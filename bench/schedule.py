"""A full schedule cycle of `pricewatch run`: memory of the whole process tree and CPU per scheduled source.

Starts the real service (console notifier) on a generated catalogue — pricing pages and news feeds with
articles, 4 : 1, served by a loopback server — and lets it run until every source has been crawled once
(one full cycle: all are overdue at start, so the service staggers them in groups). Meanwhile it samples
the resident memory summed over the service and every process under it. CPU is the service's and all its
reaped children's (the crawl subprocesses), from getrusage once it has exited.

Two runs, same machine, same pages: grouped crawls (sources falling due together share one crawl process,
the default) and, as the baseline, one crawl process per source (CRAWL_GROUP_WINDOW_S=0). The baseline runs
on fewer sources (--baseline-sources) because it is slow; CPU is compared per source.

    .venv/bin/python bench/schedule.py [--sources 1000] [--baseline-sources 100] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.pageserver import PageServer  # noqa: E402
from bench.common import machine, write_pages  # noqa: E402

PAGES = 50
FEEDS = 20
NEWS_EVERY = 5  # one source in five is a news feed


def write_news(folder: Path) -> None:
    """FEEDS feeds of two articles each; an article tells a price, so extraction runs."""
    for feed in range(FEEDS):
        items = ""
        for n in range(2):
            name = f"a{feed}-{n}.html"
            (folder / name).write_text(
                f"<html><head><title>Price cut {feed}-{n}</title></head><body><article><h1>Price cut {feed}-{n}</h1>"
                f"<p>DeepSeek cut the API price of deepseek-chat: input from 2 yuan to {n + 1} yuan per million "
                "tokens, output from 8 yuan to 4 yuan per million tokens, starting today.</p>"
                + "<p>More.</p>" * 20
                + "</article></body></html>",
                encoding="utf-8",
            )
            items += f"<item><title>Price cut {feed}-{n}</title><link>{{base}}/{name}</link></item>"
        (folder / f"f{feed}.xml.tmpl").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>News {feed}</title>{items}</channel></rss>',
            encoding="utf-8",
        )


def catalogue(path: Path, server: PageServer, sources: int) -> None:
    entries = []
    for i in range(sources):
        if i % NEWS_EVERY == NEWS_EVERY - 1:
            url = server.url(f"f{i % FEEDS}.xml")
            entries.append(
                f'[[source]]\nid = "n{i}"\nkind = "news"\nformat = "rss"\nurl = "{url}"\nobey_robots = false\n'
            )
        else:
            url = server.url(f"p{i % PAGES}.html")
            entries.append(f'[[source]]\nid = "p{i}"\nvendor = "bench"\nurl = "{url}"\nobey_robots = false\n')
    path.write_text("\n".join(entries), encoding="utf-8")


def tree(pid: int) -> list[int]:
    """PID and every process under it (crawls are started from the service's worker threads)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(p) for p in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def crawled(database: Path) -> int:
    try:
        with sqlite3.connect(database, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM sourcehealth WHERE last_attempt IS NOT NULL").fetchone()[0]
    except sqlite3.Error:
        return 0


def cycle(tmp: Path, server: PageServer, sources: int, window: str) -> dict[str, float]:
    """One full cycle: peak tree RSS (MB), CPU seconds in all, crawl processes started, wall seconds."""
    path = tmp / f"sources-{sources}-{window}.toml"
    catalogue(path, server, sources)
    database = tmp / f"cycle-{sources}-{window}.db"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "TELEGRAM_BOT_TOKEN": "",
        "CRAWL_GROUP_WINDOW_S": window,
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    log = (tmp / f"service-{sources}-{window}.log").open("w")
    command = [sys.executable, "-m", "app.cli", "run", "--sources", str(path), "--alert-log", str(tmp / "alerts.log")]
    process = subprocess.Popen(command, env=env, cwd=tmp, stdout=log, stderr=subprocess.STDOUT)
    peak, spawned, seen = 0, 0, set()
    while crawled(database) < sources and time.monotonic() - started < 3600:
        pids = tree(process.pid)
        peak = max(peak, sum(rss_kb(p) for p in pids))
        spawned += len(set(pids) - seen - {process.pid})
        seen |= set(pids)
        time.sleep(0.2)
    wall = time.monotonic() - started
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"sources": sources, "peak_tree_mb": peak / 1024, "cpu_s": cpu, "processes": spawned, "wall_s": wall}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--baseline-sources", type=int, default=100)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        write_pages(site, PAGES)
        write_news(site)
        with PageServer(site) as server:
            for template in site.glob("*.xml.tmpl"):  # feeds link to articles on this server
                (site / template.name.removesuffix(".tmpl")).write_text(
                    template.read_text(encoding="utf-8").replace("{base}", server.base_url), encoding="utf-8"
                )
            grouped = cycle(Path(tmp), server, args.sources, "3")
            single = cycle(Path(tmp), server, args.baseline_sources, "0")
    per_grouped = grouped["cpu_s"] / grouped["sources"]
    per_single = single["cpu_s"] / single["sources"]
    result = {
        "machine": machine(),
        "grouped": grouped,
        "one_process_per_source": single,
        "cpu_per_source_ratio": per_single / per_grouped,
        "targets": {"peak_tree_mb_under": 300, "cpu_ratio_at_least": 5},
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"machine: {machine()}")
    for name, run in (("grouped crawls", grouped), ("baseline, one process per source", single)):
        print(
            f"{name:34} {run['sources']:5d} sources: peak tree RSS {run['peak_tree_mb']:6.1f} MB, "
            f"CPU {run['cpu_s']:7.1f} s ({run['cpu_s'] / run['sources'] * 1000:6.1f} ms/source), "
            f"{run['processes']:4d} processes, {run['wall_s']:5.0f} s"
        )
    mb = grouped["peak_tree_mb"]
    print(
        f"peak RSS of the whole tree, {args.sources} sources: {mb:.1f} MB (target < 300: {'met' if mb < 300 else 'MISSED'})"
    )
    ratio = result["cpu_per_source_ratio"]
    print(
        f"CPU per source, one process each / grouped: {ratio:.1f}x (target >= 5x: {'met' if ratio >= 5 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
