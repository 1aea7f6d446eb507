from __future__ import annotations

from decimal import Decimal

import pytest

from pricewatch.quotes import Quote
from storage.diff import diff_quotes, lost_models


def q(model, price, price_type="input", tier=None, currency="CNY"):
    return Quote("alibaba", model, price_type, tier, Decimal(price), currency, price)


CASES = [
    ("cut", [q("qwen-long", "20")], [q("qwen-long", "0.5")], [("price_cut", "20", "0.5", -97.5)]),
    ("increase", [q("qwen-max", "40")], [q("qwen-max", "120")], [("price_increase", "40", "120", 200.0)]),
    ("now free", [q("ernie-speed", "4")], [q("ernie-speed", "0")], [("now_free", "4", "0", -100.0)]),
    ("no longer free", [q("glm-4-flash", "0")], [q("glm-4-flash", "0.1")], [("no_longer_free", "0", "0.1", None)]),
    ("new model", [q("a", "1")], [q("a", "1"), q("b", "2")], [("new_model", None, "2", None)]),
    ("removed", [q("a", "1"), q("b", "2")], [q("a", "1")], [("model_removed", "2", None, None)]),
    ("unchanged", [q("a", "1")], [q("a", "1.0")], []),
    (
        "tiers apart",
        [q("a", "1", tier="batch"), q("a", "2")],
        [q("a", "1", tier="batch"), q("a", "1")],
        [("price_cut", "2", "1", -50.0)],
    ),
    ("currency change is not a cut", [q("a", "7", currency="CNY")], [q("a", "1", currency="USD")], []),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), CASES, ids=[c[0] for c in CASES])
def test_diff(name, old, new, expected):
    changes = diff_quotes(old, new)
    got = [
        (
            c.kind,
            None if c.old_price is None else str(c.old_price),
            None if c.new_price is None else str(c.new_price),
            c.change_pct,
        )
        for c in changes
    ]
    assert got == [(k, o and str(Decimal(o)), n and str(Decimal(n)), p) for k, o, n, p in expected]


def test_first_crawl_is_a_baseline():
    assert diff_quotes(None, [q("a", "1")]) == []


def test_lost_models_counts_models_not_prices():
    old = [q("a", "1"), q("a", "2", "output"), q("b", "1"), q("c", "1")]
    assert lost_models({(p.vendor, p.model) for p in old}, [q("a", "1")]) == (2, 3)
