"""A model's price history as the series a chart draws: one currency, one step per change, one style per type.

The bot's PNG (`bot/chart.py`) and the web's SVG (`app/web/svgchart.py`) both draw these, so a chart says the
same thing wherever it is seen. Pure: no matplotlib here, so the web needs no chart extra to draw its SVG.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from bot.alerts import PRICE_TYPE_LABEL, TYPE_ORDER
from storage.models import Observation, as_utc

# price type → (colour, dash as on/off lengths; empty is solid). Dashes tell equal lines apart where colour cannot.
STYLES: dict[str, tuple[str, tuple[float, ...]]] = {
    "input": ("#1f77b4", ()),
    "output": ("#d62728", (8, 4)),
    "cached_input": ("#2ca02c", (2, 3)),
    "cache_write": ("#9467bd", (10, 3, 2, 3)),
}
EXTRA_STYLES = [("#ff7f0e", (6, 2)), ("#8c564b", (1, 2)), ("#17becf", (12, 4)), ("#7f7f7f", (4, 2, 1, 2))]


@dataclass
class Series:
    label: str
    price_type: str
    points: list[tuple[datetime, Decimal]] = field(default_factory=list)  # oldest first, one per change

    def style(self, index: int) -> tuple[str, tuple[float, ...]]:
        return STYLES.get(self.price_type) or EXTRA_STYLES[index % len(EXTRA_STYLES)]


@dataclass
class PriceSeries:
    currency: str
    series: list[Series]
    other_currencies: list[str]


def price_series(observations: list[Observation], lang: str) -> PriceSeries:
    """The main currency's series (by tier and price type, vendor-named when several vendors sell the model)."""
    currencies = Counter(o.currency for o in observations)
    currency = currencies.most_common(1)[0][0] if currencies else "USD"
    labels = PRICE_TYPE_LABEL.get(lang, PRICE_TYPE_LABEL["en"])
    found: dict[tuple[str, str, str], list[tuple[datetime, Decimal]]] = {}
    for o in observations:
        if o.currency != currency:
            continue
        points = found.setdefault((o.tier_key, o.price_type, o.vendor), [])
        if not points or points[-1][1] != o.price_per_mtok:  # a step only where the price changed
            points.append((as_utc(o.observed_at), o.price_per_mtok))
    several_vendors = len({vendor for _, _, vendor in found}) > 1
    series = []
    for (tier, price_type, vendor), points in sorted(
        found.items(), key=lambda i: (i[0][0], TYPE_ORDER.get(i[0][1], 9))
    ):
        label = labels.get(price_type, price_type) + (f" [{tier}]" if tier else "")
        series.append(Series(f"{vendor} {label}" if several_vendors else label, price_type, points))
    return PriceSeries(currency, series, sorted(c for c in currencies if c != currency))
