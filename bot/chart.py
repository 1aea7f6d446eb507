"""A model's price history as a PNG (matplotlib, no display needed)."""

from __future__ import annotations

import io
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from storage.models import Observation  # noqa: E402


def history_series(observations: list[Observation]) -> dict[str, list[tuple[object, float]]]:
    """(vendor price_type [tier] currency) → [(time, price per 1M)], one point per observation."""
    series: dict[str, list[tuple[object, float]]] = defaultdict(list)
    for o in observations:
        label = " ".join(filter(None, [o.vendor, o.price_type, o.tier, o.currency]))
        series[label].append((o.observed_at, float(o.price_per_mtok)))
    return series


def chart_png(model: str, observations: list[Observation]) -> bytes:
    figure, axes = plt.subplots(figsize=(8, 4.5), dpi=100)
    for label, points in sorted(history_series(observations).items()):
        times, prices = zip(*points, strict=True)
        axes.step(times, prices, where="post", marker="o", label=label)
    axes.set_title(f"{model}: price per 1M tokens")
    axes.set_ylabel("price per 1M tokens")
    axes.grid(True, alpha=0.3)
    axes.legend(fontsize="small")
    figure.autofmt_xdate()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()
