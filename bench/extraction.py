"""Extraction: articles per second per core for `extract` on the news dev set.

Each article goes through what `pricewatch extract` does after reading the file: article text →
language → claims. The baseline, measured in the same run, is the sentence and clause splitting
alone: the floor any extractor built on sentences pays.

    .venv/bin/python bench/extraction.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402
from pricewatch.news.article import read_article  # noqa: E402
from pricewatch.news.extract import clauses, extract_claims, sentences  # noqa: E402

NEWS = ROOT.parent / "shared" / "corpus" / "news"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(NEWS.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no articles in {NEWS}")
    articles = len(texts) * args.rounds

    start = time.process_time()
    for _ in range(args.rounds):
        for text in texts:
            for _, sentence in sentences(text):
                clauses(sentence)
    baseline = articles / (time.process_time() - start)

    start = time.process_time()
    claims = 0
    for _ in range(args.rounds):
        for text in texts:
            article = read_article(text)
            claims += len(extract_claims(article.full_text, lang=article.lang))
    rate = articles / (time.process_time() - start)
    print(f"machine: {machine()}")
    print(
        f"articles: {len(texts)} dev-set articles x {args.rounds} rounds = {articles}; {claims // args.rounds} claims a round"
    )
    print(f"baseline (sentence + clause split only): {baseline:9.0f} articles/s per core")
    print(f"extract (read + language + claims):      {rate:9.0f} articles/s per core (CPU time, one process)")


if __name__ == "__main__":
    main()
