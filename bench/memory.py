"""Memory: peak RSS of `pricewatch run` with 1,000 sources in the catalogue.

Starts the real service (console notifier) on a generated catalogue of 1,000 pricing sources served
by a loopback server, lets it schedule them and run its first (staggered) crawls for --seconds, then
reads the process's peak resident set (VmHWM) and the largest crawl subprocess's. Baseline, same run:
the same service with a one-source catalogue. Target: under 300 MB for 1,000 sources.

    .venv/bin/python bench/memory.py [--sources 1000] [--seconds 30]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.pageserver import PageServer  # noqa: E402
from bench.common import machine, write_pages  # noqa: E402


def peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    """Child processes of every thread of PID (the crawls are started from worker threads)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def run_service(tmp: Path, server: PageServer, sources: int, seconds: float) -> tuple[int, int]:
    catalogue = tmp / f"sources-{sources}.toml"
    catalogue.write_text(
        "".join(
            f'[[source]]\nid = "p{i}"\nvendor = "bench"\nurl = "{server.url(f"p{i % 50}.html")}"\nobey_robots = false\n\n'
            for i in range(sources)
        )
    )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/memory-{sources}.db", "TELEGRAM_BOT_TOKEN": ""}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            "run",
            "--sources",
            str(catalogue),
            "--alert-log",
            str(tmp / "alerts.log"),
        ],
        env=env,
        cwd=tmp,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    child_peak = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for child in children(process.pid):
            child_peak = max(child_peak, peak_kb(child))
        time.sleep(0.2)
    service_peak = peak_kb(process.pid)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    return service_peak, child_peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        write_pages(site, 50)
        with PageServer(site) as server:
            base_peak, _ = run_service(Path(tmp), server, 1, args.seconds / 2)
            peak, child_peak = run_service(Path(tmp), server, args.sources, args.seconds)
    mb = peak / 1024
    print(f"machine: {machine()}")
    print(f"baseline pricewatch run, 1 source:          peak RSS {base_peak / 1024:6.1f} MB")
    print(
        f"pricewatch run, {args.sources} sources:          peak RSS {mb:6.1f} MB "
        f"(target < 300 MB: {'met' if mb < 300 else 'MISSED'}); largest crawl subprocess {child_peak / 1024:.1f} MB"
    )


if __name__ == "__main__":
    main()
