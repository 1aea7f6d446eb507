"""Helpers shared by the benchmarks: generated pages, timing, the machine they ran on."""

from __future__ import annotations

import os
import platform
import statistics
import time
from pathlib import Path

MODELS_PER_PAGE = 20


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def pricing_page(page: int, version: int = 0, moved: int = MODELS_PER_PAGE) -> str:
    """A vendor-style pricing page: 20 models as rows, prices per 1M tokens; VERSION shifts the prices of the
    first MOVED models (all by default; a typical change moves one or two)."""
    rows = "".join(
        f"<tr><td>bench-{page}-model-{m}</td><td>${(m + 1) * 0.25 + shift:.2f}</td>"
        f"<td>${(m + 1) * 0.05 + shift:.3f}</td><td>${(m + 1) * 1.0 + shift:.2f}</td></tr>"
        for m in range(MODELS_PER_PAGE)
        for shift in [version if m < moved else 0]
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pricing</title></head><body>'
        '<nav><a href="/">Home</a><a href="/docs">Docs</a></nav><main><h1>Pricing</h1>'
        "<p>Prices per 1M tokens.</p><table><thead><tr><th>Model</th><th>Input</th><th>Cached input</th>"
        f"<th>Output</th></tr></thead><tbody>{rows}</tbody></table></main><footer>© bench</footer></body></html>"
    )


def write_pages(folder: Path, count: int, version: int = 0, moved: int = MODELS_PER_PAGE) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for page in range(count):
        (folder / f"p{page}.html").write_text(pricing_page(page, version, moved), encoding="utf-8")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed(fn, *args, **kwargs) -> tuple[float, object]:  # noqa: ANN001
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def median(values: list[float]) -> float:
    return statistics.median(values)
