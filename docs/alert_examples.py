"""Writes docs/alerts.md: an alert and a digest exactly as the bot renders them (`make docs`; a test keeps it current).

The alert is the demo's Alibaba Cloud crawl (the May 2024 figures); the digest is a price war of 120 changes
in one crawl, more than one message should carry,, so it is cut to the largest changes and "… and N more".
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.render import alert_parts  # noqa: E402
from storage.models import Event  # noqa: E402

SEEN = datetime(2024, 5, 21, 9, 30, tzinfo=UTC)
OUT = Path(__file__).resolve().parent / "alerts.md"


def cut(model: str, price_type: str, old: str, new: str, vendor: str = "alibaba", **extra: object) -> Event:
    old_price, new_price = Decimal(old), Decimal(new)
    change = float((new_price - old_price) / old_price * 100)
    kind = "now_free" if new_price == 0 else "price_cut"
    return Event(
        kind=kind, source_id="alibaba-bailian", vendor=vendor, model=model, price_type=price_type,
        old_price=old_price, new_price=new_price, currency="CNY", change_pct=round(change, 1), observed_at=SEEN,
        url="https://help.aliyun.com/zh/model-studio/billing", **extra,
    )  # fmt: skip


def demo_alert() -> list[Event]:
    return [
        cut("qwen-long", "input", "20", "0.5"),
        cut("qwen-long", "output", "20", "2"),
        cut("qwen-max", "input", "120", "40"),
    ]


def price_war() -> list[Event]:
    """120 made-up models, each cut by a different share: only the digest's shape matters here."""
    return [cut(f"model-{n:03d}", "input", "10", str(Decimal(10) - Decimal(n) / 20)) for n in range(1, 121)]


def as_markdown(parts: list[str]) -> str:
    """Telegram HTML shown as it reads: bold kept as **, links as their text, the rest as is."""
    text = "\n\n— next message —\n\n".join(parts)
    text = re.sub(r"<b>(.*?)</b>", r"**\1**", text)
    text = re.sub(r'<a href="([^"]+)">(.*?)</a>', r"[\2](\1)", text)
    text = re.sub(r"</?i>", "_", text)
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def render() -> str:
    sections = [
        "# Alerts as subscribers read them",
        "",
        "Made by `docs/alert_examples.py` (`make docs`) with the bot's own renderer; a test keeps this file current.",
        "",
        "## One crawl of one vendor (English)",
        "",
        as_markdown(alert_parts(demo_alert(), "en")),
        "",
        "## The same alert in Chinese and Japanese",
        "",
        as_markdown(alert_parts(demo_alert(), "zh")),
        "",
        as_markdown(alert_parts(demo_alert(), "ja")),
        "",
        "## A price war: more than 15 changes in one crawl become a digest, largest first",
        "",
        as_markdown(alert_parts(price_war(), "en")),
        "",
    ]
    return "\n".join(sections)


README = OUT.parent.parent / "README.md"
MARKERS = ("<!-- alert-examples:start -->", "<!-- alert-examples:end -->")


def readme_with_examples(readme: str) -> str:
    """The README with its example region holding the English alert and the digest."""
    start, end = MARKERS
    before, _, rest = readme.partition(start)
    _, _, after = rest.partition(end)
    examples = [
        "One crawl of one vendor, as an English subscriber reads it (more, and in zh/ja, in `docs/alerts.md`):",
        "",
        as_markdown(alert_parts(demo_alert(), "en")),
        "",
        "A price war of 120 changes in one crawl, as one digest:",
        "",
        as_markdown(alert_parts(price_war(), "en")),
    ]
    return before + start + "\n" + "\n".join(examples) + "\n" + end + after


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    README.write_text(readme_with_examples(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {OUT} and the examples in {README}")
