"""Crawl pipeline: `pricewatch crawl` against a bare Scrapy spider over the same 500 generated pages.

Prints pages/s for both, each timed as the whole process a user starts (the ratio is the figure;
target ≥ 70%), and the cost of an unchanged page (304 / same hash) against a changed one (target ≤ 10%),
both with the fixed cost of starting a crawl process (a one-page crawl, measured here too) taken off.
Both crawls use the project's Scrapy settings with AutoThrottle and robots.txt off: politeness
towards a loopback server would only measure the throttle.

    .venv/bin/python bench/crawl_pipeline.py [--pages 500]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.crawl import run_crawl  # noqa: E402
from app.pageserver import PageServer  # noqa: E402
from bench.common import MODELS_PER_PAGE, machine, write_pages  # noqa: E402
from pricewatch.catalogue import load_catalogue  # noqa: E402

SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "ROBOTSTXT_OBEY": False,
    "LOG_LEVEL": "ERROR",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=500)
    args = parser.parse_args()
    n = args.pages
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        site = tmp_path / "site"
        write_pages(site, n)
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp_path}/bench.db"
        with PageServer(site) as server:
            urls = [server.url(f"p{i}.html") for i in range(n)]
            sources = load_catalogue(_catalogue(tmp_path / "all.toml", urls))
            one = load_catalogue(_catalogue(tmp_path / "one.toml", urls[:1], prefix="solo"))

            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "bench.bare_spider", json.dumps(urls), json.dumps(SETTINGS)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            bare_s = time.perf_counter() - start
            startup = _crawl(one)["seconds"]  # a process start and one page: the fixed cost of any crawl
            first = _crawl(sources)  # baseline snapshots: every page read and stored
            unchanged = _crawl(sources)  # 304 Not Modified for every page
            write_pages(site, n, version=1)
            changed = _crawl(sources)  # every price moved: read, diffed, 60 events a page, linked, queued

    ratio = (n / first["seconds"]) / (n / bare_s)
    per_unchanged = (unchanged["seconds"] - startup) / n
    per_changed = (changed["seconds"] - startup) / n
    share = per_unchanged / per_changed
    print(f"machine: {machine()}")
    print(f"pages: {n} x {MODELS_PER_PAGE} models; a crawl process's fixed cost (one page): {startup:.2f} s")
    print(f"baseline bare spider (download only): {n / bare_s:7.1f} pages/s ({bare_s:.2f} s)")
    print(
        f"pricewatch crawl, first crawl:        {n / first['seconds']:7.1f} pages/s ({first['seconds']:.2f} s) "
        f"= {ratio:.0%} of the bare spider (target >= 70%: {'met' if ratio >= 0.7 else 'MISSED'})"
    )
    print(f"changed page ({changed['events']} events):    {per_changed * 1000:7.2f} ms/page")
    print(
        f"unchanged page ({unchanged['unchanged']} x 304):      {per_unchanged * 1000:7.2f} ms/page = {share:.0%} of a "
        f"changed page (target <= 10%: {'met' if share <= 0.1 else 'MISSED'})"
    )


def _catalogue(path: Path, urls: list[str], prefix: str = "p") -> Path:
    path.write_text(
        "".join(
            f'[[source]]\nid = "{prefix}{i}"\nvendor = "bench"\nurl = "{url}"\nobey_robots = false\n\n'
            for i, url in enumerate(urls)
        )
    )
    return path


def _crawl(sources) -> dict[str, float]:  # noqa: ANN001
    start = time.perf_counter()
    results = run_crawl(sources, scrapy_settings=SETTINGS, timeout_s=3600)
    seconds = time.perf_counter() - start
    failed = [r for r in results if not r.ok]
    if failed:
        raise SystemExit(f"{len(failed)} sources failed, e.g. {failed[0]}")
    return {
        "seconds": seconds,
        "events": sum(len(r.events) for r in results),
        "unchanged": sum(r.unchanged for r in results),
    }


if __name__ == "__main__":
    main()
