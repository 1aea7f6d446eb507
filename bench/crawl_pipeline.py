"""Crawl pipeline: `pricewatch crawl` against a bare Scrapy spider over the same generated pages.

Every figure is a slope: each case is crawled at two sizes (SMALL and LARGE pages, each its own site,
sources and database) as the whole process a user starts, and the cost per page is
(cost at LARGE - cost at SMALL) / (LARGE - SMALL), so the fixed cost of starting a crawl is charged to
no page. Cost is wall time (pages/s) and CPU time of the whole process tree, from getrusage of the
reaped children: the crawler, and its forkserver and worker, which the crawler stops and reaps before
it exits. A round measures both sizes from scratch and gives its own slopes; the figures are the
medians over ROUNDS rounds (5: with 3, one slow round in a run of this shared machine moved the median by
twenty points), and every round's ratios are printed beside them: its noise moves single figures by a third.
The pages come from bench/loopback.py, a lean server in this process (its CPU, ~0.3–0.5 ms a page, is printed): it
shares the two cores with the crawlers, and a real vendor's server costs this machine nothing.
The cases, per size:
- pricewatch, first crawl: every page read and stored as a baseline;
- bare spider, full download (200); pricewatch, changed: a typical change, one model of twenty moved (three
  prices a page), so each page is read, diffed against its last snapshot, gives three events, linked and queued;
  twice each, in the order bare, changed, changed, bare, and each case's cost is the mean of its two. This
  machine's speed drifts by a fifth within a minute (a bare crawl of 2,000 pages took 6.3 s, then 9.0 s, then
  7.2 s, back to back): crawled in that order, both cases are centred on the same moment, so a steady drift
  charges them alike;
- bare spider with If-None-Match (304) and pricewatch, unchanged (every page answers 304): in the same order,
  bare, unchanged, unchanged, bare.
Targets (issue 13): pages/s on changed pages >= 70% of the bare spider's; the CPU pricewatch adds to the
bare 304 for an unchanged page <= 10% of the CPU it adds to the bare download for a changed page.
Both crawlers use the project's Scrapy settings with AutoThrottle and robots.txt off: politeness towards
a loopback server would only measure the throttle.

    .venv/bin/python bench/crawl_pipeline.py [--small 200] [--large 2000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.crawl import run_crawl  # noqa: E402
from bench.common import MODELS_PER_PAGE, machine, write_pages  # noqa: E402
from bench.loopback import LoopbackPages  # noqa: E402
from pricewatch.catalogue import load_catalogue  # noqa: E402

SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "ROBOTSTXT_OBEY": False,
    "LOG_LEVEL": "ERROR",
}
CASES = ("bare", "bare_304", "first", "changed", "unchanged")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line too")
    args = parser.parse_args()
    pages = args.large - args.small
    rounds: list[dict[str, float]] = []
    for round_ in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            small = measure_size(Path(tmp) / "small", args.small, f"r{round_}s")
            large = measure_size(Path(tmp) / "large", args.large, f"r{round_}l")
        slope = {key: (large[key] - small[key]) / pages for key in small if key != "events_per_page"}
        rounds.append(slope | {"events_per_page": large["events_per_page"]})
    figures = summarize(rounds, args)
    report(figures)
    if args.json:
        print(json.dumps(figures))


def measure_size(folder: Path, n: int, prefix: str) -> dict[str, float]:
    """Wall seconds ('bare') and CPU seconds ('bare_cpu') of each case at one size, and events per page."""
    site = folder / "site"
    write_pages(site, n)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.db"
    costs: dict[str, float] = {}
    with LoopbackPages(site) as server:
        urls = [server.url(f"p{i}.html") for i in range(n)]
        sources = load_catalogue(_catalogue(folder / "sources.toml", urls, prefix=f"{prefix}-"))
        costs["first"], costs["first_cpu"], _ = _timed(_crawl, sources)
        bare, changed = [_timed(_bare, urls)], []
        served = server.cpu_seconds
        for version in (1, 2):  # each a typical change from the one before: one model's prices moved
            write_pages(site, n, version=version, moved=1)
            changed.append(_timed(_crawl, sources))
        served = server.cpu_seconds - served  # what feeding the changed crawls cost the page server
        bare.append(_timed(_bare, urls))
        costs["bare"], costs["bare_cpu"] = _mean(bare)
        costs["changed"], costs["changed_cpu"] = _mean(changed)
        costs["server_cpu"] = served / len(changed)
        events = statistics.fmean(found for _, _, found in changed)
        etags = {url: _etag(site / f"p{i}.html") for i, url in enumerate(urls)}
        bare_304 = [_timed(_bare, urls, etags)]
        unchanged = [_timed(_crawl, sources), _timed(_crawl, sources)]
        bare_304.append(_timed(_bare, urls, etags))
        costs["bare_304"], costs["bare_304_cpu"] = _mean(bare_304)
        costs["unchanged"], costs["unchanged_cpu"] = _mean(unchanged)
    costs["events_per_page"] = events / n
    return costs


def _mean(runs: list[tuple[float, float, object]]) -> tuple[float, float]:
    """The mean wall and CPU seconds of runs of one case."""
    return statistics.fmean(r[0] for r in runs), statistics.fmean(r[1] for r in runs)


def _timed(fn, *args):  # noqa: ANN001, ANN202
    """Wall seconds, the CPU seconds of the child processes reaped meanwhile, and what FN returned."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = fn(*args)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), result


def summarize(rounds: list[dict[str, float]], args) -> dict:  # noqa: ANN001
    """The median of the rounds' per-page slopes for every case, and each target's ratio in every round."""
    per_page = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    changed_ratios = [r["bare"] / r["changed"] for r in rounds if r["changed"] > 0]
    unchanged_shares = [_unchanged_share(r) for r in rounds if _unchanged_share(r) is not None]
    return {
        "machine": machine(),
        "sizes": [args.small, args.large],
        "rounds": args.rounds,
        "ms_per_page": {case: round(value * 1000, 3) for case, value in per_page.items() if case != "events_per_page"},
        "pages_per_s": {case: round(1 / per_page[case], 1) if per_page[case] > 0 else None for case in CASES},
        "changed_ratio": statistics.median(changed_ratios),
        "changed_ratio_rounds": [round(r, 3) for r in changed_ratios],
        "first_ratio": per_page["bare"] / per_page["first"],
        "added_cpu_ms": {
            "changed": round((per_page["changed_cpu"] - per_page["bare_cpu"]) * 1000, 3),
            "unchanged": round((per_page["unchanged_cpu"] - per_page["bare_304_cpu"]) * 1000, 3),
        },
        "unchanged_share": statistics.median(unchanged_shares) if unchanged_shares else None,
        "unchanged_share_rounds": [round(r, 3) for r in unchanged_shares],
        "events_per_page": per_page["events_per_page"],
        "targets": {"changed_ratio_at_least": 0.7, "unchanged_share_at_most": 0.1},
    }


def _unchanged_share(slope: dict[str, float]) -> float | None:
    """CPU pricewatch adds to a bare 304 for an unchanged page, over what it adds to a bare 200 for a changed one."""
    added_changed = slope["changed_cpu"] - slope["bare_cpu"]
    return (slope["unchanged_cpu"] - slope["bare_304_cpu"]) / added_changed if added_changed > 0 else None


def report(f: dict) -> None:
    ms, rate = f["ms_per_page"], f["pages_per_s"]
    share = f["unchanged_share"]
    print(f"machine: {f['machine']}")
    small, large = f["sizes"]
    print(
        f"pages: {MODELS_PER_PAGE} models each; per-page cost = slope between crawls of {small} and {large} pages, "
        f"median of {f['rounds']} rounds (each round's own slope)"
    )
    print(f"bare spider, download (200):      {ms['bare']:6.2f} ms/page ({rate['bare']} pages/s)")
    print(f"bare spider, If-None-Match (304): {ms['bare_304']:6.2f} ms/page")
    print(
        f"pricewatch, first crawl:          {ms['first']:6.2f} ms/page = {f['first_ratio']:.0%} of the bare spider's pages/s"
    )
    ok = f["changed_ratio"] >= 0.7
    print(
        f"pricewatch, changed ({f['events_per_page']:.0f} events/page): {ms['changed']:6.2f} ms/page = "
        f"{f['changed_ratio']:.0%} of the bare spider's pages/s (target >= 70%: {'met' if ok else 'MISSED'}; "
        f"rounds: {', '.join(f'{r:.0%}' for r in f['changed_ratio_rounds'])})"
    )
    print(f"pricewatch, unchanged (304):      {ms['unchanged']:6.2f} ms/page")
    print(f"page server (bench/loopback.py), CPU while the changed crawl ran: {ms['server_cpu']:.2f} ms/page")
    verdict = "n/a" if share is None else ("met" if share <= 0.1 else "MISSED")
    print(
        f"CPU per page: bare {ms['bare_cpu']:.2f} ms, bare 304 {ms['bare_304_cpu']:.2f} ms, changed {ms['changed_cpu']:.2f} ms, "
        f"unchanged {ms['unchanged_cpu']:.2f} ms"
    )
    print(
        f"CPU pricewatch adds: unchanged page {f['added_cpu_ms']['unchanged']:.2f} ms against "
        f"{f['added_cpu_ms']['changed']:.2f} ms for a changed page = {'n/a' if share is None else f'{share:.0%}'} "
        f"(target <= 10%: {verdict}; rounds: {', '.join(f'{r:.0%}' for r in f['unchanged_share_rounds'])})"
    )


def _catalogue(path: Path, urls: list[str], prefix: str) -> Path:
    path.write_text(
        "".join(
            f'[[source]]\nid = "{prefix}{i}"\nvendor = "bench"\nurl = "{url}"\nobey_robots = false\n\n'
            for i, url in enumerate(urls)
        )
    )
    return path


def _etag(page: Path) -> str:
    return '"' + hashlib.sha256(page.read_bytes()).hexdigest()[:16] + '"'  # as app/pageserver.py gives it


def _bare(urls: list[str], etags: dict[str, str] | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "bench.bare_spider", json.dumps(urls), json.dumps(SETTINGS), json.dumps(etags or {})],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )


def _crawl(sources) -> int:  # noqa: ANN001
    results = run_crawl(sources, scrapy_settings=SETTINGS, timeout_s=3600)
    failed = [r for r in results if not r.ok]
    if failed:
        raise SystemExit(f"{len(failed)} sources failed, e.g. {failed[0]}")
    return sum(len(r.events) for r in results)


if __name__ == "__main__":
    main()
