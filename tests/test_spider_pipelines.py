"""Each spider declares its own pipelines: pricing pages and news articles never pass through each other's."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings

from spiders.spiders.news import NewsSpider
from spiders.spiders.pricing import PricingSpider


def pipelines_of(spider: type, **settings: object) -> set[str]:
    crawl_settings = Settings()
    crawl_settings.setmodule("spiders.settings", priority="project")
    for key, value in settings.items():
        crawl_settings.set(key, value, priority="cmdline")
    spider.update_settings(crawl_settings)
    return set(crawl_settings.getdict("ITEM_PIPELINES"))


@pytest.mark.parametrize(
    ("spider", "settings", "expected"),
    [
        (PricingSpider, {}, {"spiders.pipelines.read.ReadPipeline", "spiders.pipelines.store.StorePipeline"}),
        (PricingSpider, {"PRICEWATCH_PROCESS_WORKERS": 2}, {"spiders.pipelines.offload.OffloadPipeline"}),
        (
            NewsSpider,
            {"PRICEWATCH_PROCESS_WORKERS": 2},
            {"spiders.pipelines.news_read.NewsReadPipeline", "spiders.pipelines.news_store.NewsStorePipeline"},
        ),
    ],
    ids=["pricing", "pricing-with-worker-processes", "news"],
)
def test_each_spider_declares_its_pipelines(spider, settings, expected):
    assert pipelines_of(spider, **settings) == expected
