"""Extraction: articles per second per core for `extract` on the news dev sets.

Each article goes through what `pricewatch extract` does after reading the file: article text →
language → claims, with the per-text caches emptied before every article. Two comparisons, measured in
this run:
- the floor: sentence and clause splitting alone, which any extractor built on sentences pays;
- the reference: the extractor of the commit before the price grammar (issue 9: "no slower than
  today") on the same articles, alternating with this checkout's, median of the rounds.

    .venv/bin/python bench/extraction.py [--rounds 5]
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

CORPUS = ROOT.parent / "shared" / "corpus"
FOLDERS = ("news", "news2")
PASSES = 20  # each measuring process extracts every article this many times (~0.5 s: longer than a VM's stalls)


def articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for folder in FOLDERS for p in sorted((CORPUS / folder).glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no articles in {CORPUS}/news*")
    return texts


def measure_extractor() -> dict[str, float]:
    """In a subprocess: articles/s and claims of whichever pricewatch is first on sys.path."""
    from pricewatch.news.article import read_article
    from pricewatch.news.extract import extract_claims

    texts = articles()
    for text in texts:  # imports, compiled patterns, the OpenCC dictionaries, per-thread converters
        extract_claims(read_article(text).full_text)
    spent = 0.0
    claims = 0
    for _ in range(PASSES):
        for text in texts:
            clear_data_caches()
            start = time.process_time()
            article = read_article(text)
            claims += len(extract_claims(article.full_text, lang=article.lang))
            spent += time.process_time() - start
    return {"articles_per_s": len(texts) * PASSES / spent, "claims": claims / PASSES}


def floor(texts: list[str]) -> float:
    from pricewatch.news.extract import clauses, sentences

    start = time.process_time()
    for _ in range(PASSES):
        for text in texts:
            for _, sentence in sentences(text):
                clauses(sentence)
    return len(texts) * PASSES / (time.process_time() - start)


def main() -> None:
    if "--measure" in sys.argv:
        use_tree(sys.argv)
        print(json.dumps(measure_extractor()))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    texts = articles()
    split_rate = floor(texts)
    ours, theirs, ratios = side_by_side(Path(__file__), [], rounds=args.rounds, figure=lambda m: m["articles_per_s"])
    print(f"machine: {machine()}")
    print(
        f"articles: {len(texts)} dev-set articles ({' + '.join(FOLDERS)}) x {PASSES} passes, median of {args.rounds} rounds"
    )
    print(f"floor (sentence + clause split only):    {split_rate:8.0f} articles/s per core")
    print_comparison("extract", "articles/s", ours, theirs, digits=0, ratios=ratios)


if __name__ == "__main__":
    main()
