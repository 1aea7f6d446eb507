"""Reader speed on the real pricing pages: pages/s for the generic HTML reader, each page read with cold caches.

Two comparisons, both measured in this run:
- the floor: parsing each page with lxml and taking its text, which any HTML reader pays; beside it,
  parsing with BeautifulSoup on the same lxml parser, which is why the readers walk lxml trees directly;
- the reference: the same pages read by the reader of the commit before the price grammar (issue 9:
  "no slower than today"), alternating with this checkout's reader, median of the rounds.
Per-text caches are cleared before every page, so a page gains nothing from the one read before it (in
service, an unchanged page is not read again at all).

    .venv/bin/python bench/reading.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402
from bench.reference import clear_data_caches, print_comparison, side_by_side, use_tree  # noqa: E402

PRICING = ROOT.parent / "shared" / "corpus" / "pricing"
PASSES = 8  # each measuring process reads every page this many times (~1.5 s: longer than a VM's stalls)


def corpus_pages() -> list[tuple[str, str]]:
    pages = [(p.read_text(encoding="utf-8"), p.stem.rsplit("_", 1)[-1]) for p in sorted(PRICING.glob("*.html"))]
    if not pages:
        raise SystemExit(f"no pages in {PRICING}")
    return pages


def measure_reader() -> dict[str, float]:
    """In a subprocess: pages/s of whichever pricewatch is first on sys.path."""
    from pricewatch.readers.base import ReadContext, SourceFormat

    pages = corpus_pages()
    reader = SourceFormat.for_name("html")
    reader.read(pages[0][0], context=ReadContext(vendor="bench", lang=pages[0][1]))  # imports and compiles
    spent = 0.0
    for _ in range(PASSES):
        for text, lang in pages:
            clear_data_caches()
            start = time.process_time()
            reader.read(text, context=ReadContext(vendor="bench", lang=lang))
            spent += time.process_time() - start
    return {"pages_per_s": len(pages) * PASSES / spent}


def floors(pages: list[tuple[str, str]]) -> tuple[float, float]:
    """Pages/s for lxml parse + text, and for BeautifulSoup(lxml) parse + text."""
    from bs4 import BeautifulSoup
    from lxml import html as lxml_html

    start = time.process_time()
    for _ in range(PASSES):
        for text, _ in pages:
            lxml_html.document_fromstring(text).text_content()
    lxml_rate = len(pages) * PASSES / (time.process_time() - start)
    start = time.process_time()
    for text, _ in pages:
        BeautifulSoup(text, "lxml").get_text()
    soup_rate = len(pages) / (time.process_time() - start)
    return lxml_rate, soup_rate


def main() -> None:
    if "--measure" in sys.argv:
        use_tree(sys.argv)
        print(json.dumps(measure_reader()))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    pages = corpus_pages()
    lxml_rate, soup_rate = floors(pages)
    ours, theirs, ratios = side_by_side(Path(__file__), [], rounds=args.rounds, figure=lambda m: m["pages_per_s"])
    print(f"machine: {machine()}")
    print(f"pages: {len(pages)} corpus HTML pages x {PASSES} passes, median of {args.rounds} rounds")
    print(f"floor (lxml parse + text only):          {lxml_rate:8.1f} pages/s per core")
    print(f"BeautifulSoup(lxml) parse + text only:   {soup_rate:8.1f} pages/s per core")
    print_comparison("reader", "pages/s", ours, theirs, digits=1, ratios=ratios)


if __name__ == "__main__":
    main()
