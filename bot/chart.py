"""A model's price history as a PNG a channel can post (matplotlib, no display needed).

Prices hold until they change, so each series is a step line running on to now; the time axis spans at
least a week; each price type has its own colour, dash and marker, so equal lines stay visible; the legend
sits outside the data; words and dates are in the chat's language, drawn with Noto Sans CJK (installed by
`make browser` as Debian's fonts-noto-cjk), and one chart shows one currency.
"""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from bot.series import price_series  # noqa: E402
from storage.models import Observation  # noqa: E402

log = logging.getLogger(__name__)
MIN_SPAN = timedelta(days=7)
# Where Debian's fonts-noto-cjk puts the font (the Makefile installs it); the first found is used.
CJK_FONT_FILES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
)
MARKERS = "os^DvPX"  # a marker shape per series, beside its colour and dash (bot/series.py)
TITLE = {
    "en": "{model} · price per 1M tokens",
    "zh": "{model} · 每百万tokens价格",
    "ja": "{model} · 100万トークンあたりの料金",
}
AXIS = {"en": "{currency} per 1M tokens", "zh": "{currency}/百万tokens", "ja": "{currency}/100万トークン"}
CURRENCY_WORD = {
    "en": {},
    "zh": {"CNY": "元", "JPY": "日元", "USD": "美元", "EUR": "欧元"},
    "ja": {"CNY": "元", "JPY": "円", "USD": "ドル", "EUR": "ユーロ"},
}
OTHERS = {
    "en": "also priced in {codes} (see /price)",
    "zh": "另有 {codes} 价格（见 /price）",
    "ja": "{codes} 建ての料金もあり（/price）",
}
DATE_FORMAT = {"en": "%d %b", "zh": "%m月%d日", "ja": "%m月%d日"}
NOW = {"en": "now", "zh": "现在", "ja": "現在"}


@cache
def cjk_font() -> str | None:
    """The family name of the CJK font, registered with matplotlib; None (and a warning) when it is missing."""
    for path in CJK_FONT_FILES:
        if path.exists():
            font_manager.fontManager.addfont(str(path))
            return font_manager.FontProperties(fname=str(path)).get_name()
    log.warning("no Noto Sans CJK font (make browser installs fonts-noto-cjk): Chinese and Japanese draw as boxes")
    return None


def chart_png(model: str, observations: list[Observation], lang: str = "en", now: datetime | None = None) -> bytes:
    """The PNG of MODEL's history in its main currency, for a chat in LANG."""
    now = now or datetime.now(UTC)
    history = price_series(observations, lang)
    currency, series, others = history.currency, history.series, history.other_currencies
    font = cjk_font()
    with plt.rc_context({"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"]}):
        figure, axes = plt.subplots(figsize=(9, 4.8), dpi=100)
        start = min((s.points[0][0] for s in series), default=now - MIN_SPAN)
        for index, s in enumerate(series):
            colour, dash = s.style(index)
            times = [t for t, _ in s.points] + [now]
            prices = [float(p) for _, p in s.points] + [float(s.points[-1][1])]
            line_style = (0, dash) if dash else "-"
            axes.step(times, prices, where="post", color=colour, linestyle=line_style, linewidth=2.2, label=s.label)
            marker = MARKERS[index % len(MARKERS)]
            axes.plot(times[:-1], prices[:-1], linestyle="none", marker=marker, color=colour, markersize=6)
        axes.set_xlim(min(start, now - MIN_SPAN) - timedelta(hours=6), now + timedelta(hours=6))
        top = max((float(p) for s in series for _, p in s.points), default=1.0)
        axes.set_ylim(bottom=0, top=top * 1.15 or 1.0)
        axes.xaxis.set_major_formatter(mdates.DateFormatter(DATE_FORMAT.get(lang, DATE_FORMAT["en"])))
        axes.set_title(TITLE.get(lang, TITLE["en"]).format(model=model))
        code = CURRENCY_WORD.get(lang, {}).get(currency, currency)
        axes.set_ylabel(AXIS.get(lang, AXIS["en"]).format(currency=code))
        axes.grid(True, alpha=0.3)
        axes.annotate(NOW.get(lang, "now"), xy=(1, 0), xycoords="axes fraction", ha="right", va="top", fontsize=8)
        if others:
            figure.text(0.01, 0.01, OTHERS.get(lang, OTHERS["en"]).format(codes=", ".join(others)), fontsize=8)
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)  # outside the data
        figure.autofmt_xdate()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight")
        plt.close(figure)
    return buffer.getvalue()
