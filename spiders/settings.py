"""Scrapy settings for pricewatch's spiders: polite by default."""

from __future__ import annotations

BOT_NAME = "pricewatch"
SPIDER_MODULES = ["spiders.spiders"]
NEWSPIDER_MODULE = "spiders.spiders"

USER_AGENT = "pricewatch/0.1 (+https://github.com/pricewatch/pricewatch; LLM API price monitor)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Outputs of one response handled in parallel. A pricing page yields one item and a feed a list of requests, all
# handled by synchronous pipelines, so parallelism buys nothing; and Scrapy starts this many tasks for every
# response (at its default of 100 that cost ~1.3 ms of CPU a page: the bare spider of bench/ over 2,000 pages).
CONCURRENT_ITEMS = 1
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "WARNING"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"

# Every request passes the outbound URL policy first (before robots.txt is asked for); a 429 or 503 with a
# short Retry-After is waited for before Scrapy's own retries.
DOWNLOADER_MIDDLEWARES = {
    "spiders.middlewares.OutboundPolicyMiddleware": 50,
    "spiders.middlewares.RetryAfterMiddleware": 560,
}
REDIRECT_MAX_TIMES = 5
# Backstops; each request carries the cap of its kind (spiders/middlewares.py MAX_BYTES).
DOWNLOAD_MAXSIZE = 32 << 20
DOWNLOAD_WARNSIZE = 8 << 20
PRICEWATCH_ALLOW_FILE_URLS = False

# Each spider declares its own pipelines (custom_settings): pricing pages and news articles never share one.

# render = "browser" sources go through scrapy-playwright with the system's Chromium.
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "headless": True,
    "executable_path": "/usr/bin/chromium",  # Debian's package; Playwright never downloads a browser here
    "args": [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ],
}
