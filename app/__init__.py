"""The application: the only place that wires the layers together.

`cli` (the `pricewatch` command), `service` (`pricewatch run`: APScheduler, reload, shutdown), `crawl` (crawl
subprocesses, locks, cancellation), `scrapyd` (distributed crawls), `notifiers` (console or Telegram),
`demo`, `output` (how the CLI prints) and `pageserver` (the demo's loopback site).
"""
