"""Reader speed on the real pricing pages: pages/s for the generic HTML reader, each page read with cold caches.

Baseline, measured in the same run: parsing each page with lxml and taking its text, the floor any HTML
reader pays. Caches are cleared before every page so a page gains nothing from the one read before it
(in service, an unchanged page is not read again at all).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import html as lxml_html  # noqa: E402

from bench.common import machine  # noqa: E402
from pricewatch import grammar, normalize  # noqa: E402
from pricewatch.readers.base import ReadContext, SourceFormat  # noqa: E402

PRICING = ROOT.parent / "shared" / "corpus" / "pricing"
CACHES = (
    grammar._cell_prices,
    normalize._price_type_cached,
    normalize._token_unit_cached,
    normalize._detect_currency_cached,
)


def main() -> None:
    pages = [(p.read_text(encoding="utf-8"), p.stem.rsplit("_", 1)[-1]) for p in sorted(PRICING.glob("*.html"))]
    if not pages:
        raise SystemExit(f"no pages in {PRICING}")
    reader = SourceFormat.for_name("html")
    rounds = 3
    start = time.process_time()
    for _ in range(rounds):
        for text, _ in pages:
            lxml_html.document_fromstring(text).text_content()
    baseline = len(pages) * rounds / (time.process_time() - start)
    spent = 0.0
    for _ in range(rounds):
        for text, lang in pages:
            for cache in CACHES:
                cache.cache_clear()
            start = time.process_time()
            reader.read(text, context=ReadContext(vendor="bench", lang=lang))
            spent += time.process_time() - start
    print(f"machine: {machine()}")
    print(f"pages: {len(pages)} corpus HTML pages x {rounds} rounds")
    print(f"baseline (lxml parse + text only): {baseline:8.1f} pages/s per core")
    print(f"reader (cold caches):              {len(pages) * rounds / spent:8.1f} pages/s per core (CPU time)")


if __name__ == "__main__":
    main()
