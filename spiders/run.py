"""Run one crawl in this process: `python -m spiders.run JOB.json`.

The Twisted reactor cannot restart, so pricewatch runs every crawl in a fresh
subprocess of this module; the job file names the sources, the database and
where to append one JSON report line per source.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from pricewatch.catalogue import Source
from spiders.known import seen_article_urls, validators_for
from spiders.pipelines.store import append_report
from spiders.spiders.news import NewsSpider
from spiders.spiders.pricing import PricingSpider
from storage.crawls import CrawlReport


def crawl_settings(job: dict[str, object], sources: list[Source]) -> Settings:
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.set("PRICEWATCH_DATABASE_URL", job["database_url"], priority="cmdline")
    settings.set("PRICEWATCH_REPORT_FILE", job["report_file"], priority="cmdline")
    for key, value in dict(job.get("scrapy_settings") or {}).items():
        settings.set(key, value, priority="cmdline")
    # With worker processes the pricing spider reads and stores pages off the reactor (its own choice of pipelines).
    settings.set("PRICEWATCH_PROCESS_WORKERS", int(job.get("process_workers", 0) or 0), priority="cmdline")
    if any(s.render == "browser" for s in sources):
        handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
        settings.set("DOWNLOAD_HANDLERS", {"http": handler, "https": handler}, priority="cmdline")
    return settings


def quiet_below_log_level(settings: Settings) -> None:
    """Scrapy's own loggers at the crawl's LOG_LEVEL. Scrapy puts the level on its log handler only, so two DEBUG lines
    for every page ('Crawled (200)', 'Scraped from') were built as records and then dropped (~2% of a crawl's CPU)."""
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL"))


BROWSER_EXTRA = "render = \"browser\" needs the browser extra: pip install 'pricewatch[browser]', then make browser"


def without_missing_extras(sources: list[Source], report_file: str | None) -> list[Source]:
    """Sources this installation can crawl; the others are reported as pricewatch's problem, not theirs."""
    if importlib.util.find_spec("scrapy_playwright") is not None:
        return sources
    for source in (s for s in sources if s.render == "browser"):
        append_report(Path(report_file) if report_file else None, CrawlReport(source.id, ok=False, error=BROWSER_EXTRA))
    return [s for s in sources if s.render != "browser"]


def main(argv: list[str]) -> int:
    with open(argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    sources = without_missing_extras([Source.from_json(s) for s in job["sources"]], job.get("report_file"))
    if not sources:
        return 0
    settings = crawl_settings(job, sources)
    process = CrawlerProcess(settings)
    quiet_below_log_level(settings)
    pricing = [s for s in sources if s.kind == "pricing"]
    news = [s for s in sources if s.kind == "news"]
    if pricing:
        process.crawl(PricingSpider, sources=pricing, validators=validators_for(job["database_url"], pricing))
    if news:
        process.crawl(NewsSpider, sources=news, seen_urls=seen_article_urls(job["database_url"], news))
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
