"""The baseline of bench/crawl_pipeline.py: a bare Scrapy spider that only downloads the same pages.

Given ETags (a JSON object url → ETag as a third argument), it asks with If-None-Match as pricewatch does
for a page it has seen, so an unchanged page costs it a 304 round trip too.
"""

from __future__ import annotations

import json
import sys
import time

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: list[str], etags: dict[str, str] | None = None, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.urls = urls
        self.etags = etags or {}
        self.pages = 0

    async def start(self):  # noqa: ANN201
        for url in self.urls:
            headers = {"If-None-Match": self.etags[url]} if url in self.etags else {}
            yield scrapy.Request(url, headers=headers, dont_filter=True, meta={"handle_httpstatus_list": [304]})

    def parse(self, response):  # noqa: ANN001, ANN201
        self.pages += 1


def main() -> None:
    urls = json.loads(sys.argv[1])
    overrides = json.loads(sys.argv[2])
    etags = json.loads(sys.argv[3]) if len(sys.argv) > 3 else None
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    for key, value in overrides.items():
        settings.set(key, value, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    start = time.perf_counter()
    process.crawl(crawler, urls=urls, etags=etags)
    process.start()
    print(json.dumps({"seconds": time.perf_counter() - start, "pages": crawler.spider.pages}))


if __name__ == "__main__":
    main()
