"""`pricewatch demo` in a terminal, then headless Chromium reads the pages it serves, as a visitor would."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
# Without these Chromium keeps dialling Google's hosts, which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Terminal:
    """A command on a pseudo-terminal: it sees a user's terminal, and Ctrl-C is a real SIGINT."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.output = ""

    def read_until(self, pattern: str, timeout: float = 240) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if found := re.search(pattern, self.output):
                return found
            ready, _, _ = select.select([self.master], [], [], 1.0)
            if ready:
                try:
                    self.output += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:  # the command ended and closed the terminal
                    break
        raise AssertionError(f"{pattern!r} never appeared; the terminal showed:\n{self.output[-3000:]}")

    def interrupt(self) -> int:
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        finally:
            os.close(self.master)


@pytest.fixture
def demo_site(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser installs it; .ci/run does)")
    env = {**os.environ, "PRICEWATCH_WEB_PORT": "0", "COLUMNS": "200", "TERM": "dumb"}
    env.pop("DATABASE_URL", None)
    terminal = Terminal([sys.executable, "-m", "app.cli", "demo"], env)
    try:
        terminal.read_until(r"Serving until Ctrl-C")
        base = re.search(r"(http://127\.0\.0\.1:\d+)/models/qwen-long", terminal.output).group(1)
        yield base
    finally:
        code = terminal.interrupt()
    assert code == 0, terminal.output[-2000:]


def test_pages_show_the_demo_prices_and_a_drawn_chart(demo_site, tmp_path):
    from playwright.sync_api import sync_playwright

    # `make screenshots` keeps them (for the README) in docs/screenshots; otherwise they are the test's own.
    SCREENSHOTS = Path(os.environ.get("PRICEWATCH_SCREENSHOTS") or tmp_path)  # noqa: N806
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 900}, locale="en-US")

        page.goto(f"{demo_site}/")
        assert page.locator("#latest article.alert").count() >= 5
        assert "qwen-long" in page.locator("table.moves").first.inner_text()
        page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)

        page.goto(f"{demo_site}/models/qwen-long")
        current = page.locator("#current").inner_text()
        assert "CNY 0.5" in current and "CNY 2" in current  # input and output after the cut
        assert page.locator("#history tbody tr").count() >= 4  # before and after, input and output
        chart = page.locator("figure.chart svg")
        assert chart.locator("path.series").count() == 2  # a line each for input and output
        assert chart.bounding_box()["width"] > 300
        page.screenshot(path=str(SCREENSHOTS / "model-qwen-long.png"), full_page=True)

        chart_png = page.request.get(f"{demo_site}/models/qwen-long/chart.png?lang=zh")  # what /chart sends
        assert chart_png.ok and chart_png.body().startswith(b"\x89PNG")
        (SCREENSHOTS / "chart-qwen-long-zh.png").write_bytes(chart_png.body())

        page.goto(f"{demo_site}/vendors/baidu?lang=zh")
        models = page.locator("#models").inner_text()
        assert "ERNIE-Speed-8K" in models and "免费" in models  # the names as the page prints them
        page.screenshot(path=str(SCREENSHOTS / "vendor-baidu-zh.png"), full_page=True)
        browser.close()


def test_demo_piped_prints_the_served_addresses_and_exits(tmp_path):
    env = {**os.environ, "PRICEWATCH_WEB_PORT": "0"}
    env.pop("DATABASE_URL", None)
    piped = subprocess.run(
        [sys.executable, "-m", "app.cli", "demo"], capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path
    )
    assert piped.returncode == 0, piped.stderr[-2000:]
    served = re.findall(r"^\s*(\d{3})\s+(http://127\.0\.0\.1:\d+\S*)$", piped.stdout, flags=re.MULTILINE)
    assert {url.split("/", 3)[-1] for _, url in served} >= {"", "feed.atom", "models/qwen-long", "vendors/baidu"}
    assert {status for status, _ in served} == {"200"}
    assert "Serving until Ctrl-C" not in piped.stdout  # not a terminal: it exits once the addresses are shown


def test_demo_no_serve_skips_the_web(monkeypatch):
    import app.demo
    from app.cli import main

    asked = []
    monkeypatch.setattr(app.demo, "run_demo", lambda console, *, serve: asked.append(serve) or 0)
    assert main(["demo", "--no-serve"]) == 0 and main(["demo"]) == 0
    assert asked == [False, True]
