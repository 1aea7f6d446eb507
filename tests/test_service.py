"""`pricewatch run` as a user runs it: a real process, signals, a schedule, the loopback web and Bot API."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from urllib.request import urlopen

import pytest

from app.crawl import SKIPPED, run_crawl, source_locks
from pricewatch.catalogue import load_catalogue
from storage.engine import new_session
from storage.models import OutboxMessage, Subscription
from tests.botapi import TOKEN, FakeBotAPI, pending_alerts

pytestmark = pytest.mark.slow  # real crawls, processes or servers: `pytest -m 'not slow'` skips them

DEMO = Path(str(resources.files("pricewatch").joinpath("demo_pages")))


def start_service(tmp_path: Path, catalogue: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    log = (tmp_path / "service.log").open("a")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            "run",
            "--sources",
            str(catalogue),
            "--alert-log",
            str(tmp_path / "alerts.log"),
        ],
        cwd=tmp_path,
        env={**os.environ, "PRICEWATCH_MIN_INTERVAL": "1s", **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(process: subprocess.Popen[str], sig: int = signal.SIGTERM) -> int:
    process.send_signal(sig)
    return process.wait(timeout=30)


def wait(predicate, timeout: float = 40.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.fixture
def telegram_env(database_url):
    with FakeBotAPI() as api:
        yield (
            api,
            {
                "DATABASE_URL": database_url,
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_BASE_URL": api.base_url,
                "TELEGRAM_ADMIN_IDS": "7",
            },
        )


def demo_site(page_server, tmp_path: Path, interval: str = "2s") -> Path:
    for page in (DEMO / "before").glob("*.html"):
        shutil.copy(page, page_server.root / page.name)
    catalogue = tmp_path / "sources.toml"
    catalogue.write_text(
        f'[[source]]\nid = "zhipu"\nvendor = "zhipu"\nurl = "{page_server.url("zhipu.html")}"\n'
        f'lang = "zh"\ninterval = "{interval}"\n'
    )
    return catalogue


def test_schedule_sees_a_change_and_delivers_without_a_trigger(tmp_path, page_server, telegram_env):
    api, env = telegram_env
    with new_session() as session:
        session.add(Subscription(chat_id="1001"))
        session.commit()
    catalogue = demo_site(page_server, tmp_path)
    web = {"PRICEWATCH_WEB_PORT": "0", "PRICEWATCH_PUBLIC_URL": "https://prices.example.org"}
    service = start_service(tmp_path, catalogue, env | web)
    try:
        wait(lambda: any(p == "/zhipu.html" for p, _ in page_server.requests))  # the baseline crawl
        time.sleep(0.5)
        shutil.copy(DEMO / "after" / "zhipu.html", page_server.root / "zhipu.html")
        wait(lambda: any("GLM-3-Turbo" in t for t in api.texts_to(1001)))
        # The same process serves the web: the change is in the feed, the catalogue in the API.
        base = re.search(r"event=web_started url=(\S+)", (tmp_path / "service.log").read_text()).group(1)
        feed = json.loads(urlopen(f"{base}/feed.json?vendor=zhipu", timeout=30).read())
        assert any(i["_pricewatch"]["model"] == "glm-3-turbo" for i in feed["items"])
        assert [s["id"] for s in json.loads(urlopen(f"{base}/api/sources", timeout=30).read())] == ["zhipu"]
    finally:
        assert stop(service) == 0
    [alert] = [t for t in api.texts_to(1001) if "GLM-3-Turbo" in t]
    assert "CNY 5 → CNY 1" in alert
    assert "https://prices.example.org/models/glm-3-turbo" in alert  # the alert links the model's page
    assert "event=stopped" in (tmp_path / "service.log").read_text()


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_serve_answers_until_sigterm(tmp_path, database_url):
    catalogue = tmp_path / "sources.toml"
    catalogue.write_text('[[source]]\nid = "zhipu"\nvendor = "zhipu"\nurl = "https://open.bigmodel.cn/pricing"\n')
    serve = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", "0", "--sources", str(catalogue)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "DATABASE_URL": database_url},
    )
    try:
        base = re.search(r"serving (http://127\.0\.0\.1:\d+)/", serve.stdout.readline()).group(1)
        assert json.loads(urlopen(f"{base}/api/sources", timeout=30).read())[0]["id"] == "zhipu"
        assert urlopen(f"{base}/feed.atom", timeout=30).status == 200
    finally:
        assert stop(serve) == 0


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_sources_due_together_share_one_crawl_process(tmp_path, page_server, database_url):
    for page in (DEMO / "before").glob("*.html"):
        shutil.copy(page, page_server.root / page.name)
    catalogue = tmp_path / "sources.toml"
    catalogue.write_text(
        "".join(
            f'[[source]]\nid = "{name}"\nvendor = "{name}"\nurl = "{page_server.url(name + ".html")}"\n'
            f'lang = "zh"\ninterval = "1h"\n\n'
            for name in ("zhipu", "baidu", "alibaba")
        )
    )
    service = start_service(tmp_path, catalogue, {"DATABASE_URL": database_url, "TELEGRAM_BOT_TOKEN": ""})
    try:
        wait(lambda: {"/zhipu.html", "/baidu.html", "/alibaba.html"} <= {p for p, _ in page_server.requests})
        wait(lambda: "event=crawl source=alibaba" in (tmp_path / "service.log").read_text())
    finally:
        assert stop(service) == 0
    log = (tmp_path / "service.log").read_text()
    assert log.count("event=crawl_group") == 1 and "event=crawl_group sources=3" in log  # one process, not three


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_zero_config_console_alerts(tmp_path, page_server, database_url):
    catalogue = demo_site(page_server, tmp_path)
    service = start_service(tmp_path, catalogue, {"DATABASE_URL": database_url, "TELEGRAM_BOT_TOKEN": ""})
    try:
        wait(lambda: any(p == "/zhipu.html" for p, _ in page_server.requests))
        time.sleep(0.5)
        shutil.copy(DEMO / "after" / "zhipu.html", page_server.root / "zhipu.html")
        wait(lambda: (tmp_path / "alerts.log").exists() and "GLM-3-Turbo" in (tmp_path / "alerts.log").read_text())
    finally:
        assert stop(service, signal.SIGINT) == 0
    assert "price cut: zhipu GLM-3-Turbo input CNY 5 → CNY 1" in (tmp_path / "alerts.log").read_text()


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_reload_good_and_bad_catalogue(tmp_path, page_server, database_url):
    catalogue = demo_site(page_server, tmp_path, interval="1h")
    service = start_service(tmp_path, catalogue, {"DATABASE_URL": database_url, "TELEGRAM_BOT_TOKEN": ""})
    log = tmp_path / "service.log"
    try:
        wait(lambda: "event=started" in log.read_text())
        catalogue.write_text(
            catalogue.read_text() + '\n[[source]]\nid = "openai"\nvendor = "openai"\n'
            f'url = "{page_server.url("openai.html")}"\n'
        )
        service.send_signal(signal.SIGHUP)
        wait(lambda: "sources=2" in log.read_text())
        catalogue.write_text('[[source]]\nid = "broken"\nurl = "https://x.test/"\ncolour = "red"\n')
        service.send_signal(signal.SIGHUP)
        wait(lambda: "catalogue_rejected" in log.read_text())
        assert service.poll() is None  # still running, on the old catalogue
    finally:
        assert stop(service) == 0
    assert "keeping the 2 sources" in log.read_text() and "colour" in log.read_text()


# On PostgreSQL the kill is kept: no shutdown code runs and the server sees the connections drop. The database's
# part of a SIGTERM (pending rows sent and marked after the restart) is the same.
@pytest.mark.parametrize(
    "sig",
    [pytest.param(signal.SIGTERM, marks=pytest.mark.sqlite_enough), signal.SIGKILL],
    ids=["sigterm", "sigkill"],
)
def test_stopped_mid_delivery_then_restarted_delivers_the_rest_exactly_once(tmp_path, telegram_env, sig):
    api, env = telegram_env
    pending_alerts(8, chat_base=3000)
    api.send_delay = 0.3
    empty = tmp_path / "sources.toml"
    empty.write_text("")
    first = start_service(tmp_path, empty, env)
    # Stop it between two sends, not in the instant between Telegram taking a message and the commit that
    # records it (no client can close that instant; the README says so): three sent and recorded, the
    # fourth held 0.3 s by the stand-in when the signal lands.
    wait(lambda: len(api.sent) >= 3 and _recorded_sent() == len(api.sent))
    code = stop(first, sig)
    assert code == (0 if sig == signal.SIGTERM else -signal.SIGKILL)
    delivered_before_restart = len(api.sent)
    assert delivered_before_restart < 8
    second = start_service(tmp_path, empty, env)
    try:
        wait(lambda: len(api.sent) >= 8)
        time.sleep(1.0)  # anything sent twice would show up now
    finally:
        assert stop(second) == 0
    assert sorted(int(m["chat_id"]) for m in api.sent) == list(range(3000, 3008))
    with new_session() as session:
        from sqlmodel import select

        assert {r.status for r in session.exec(select(OutboxMessage)).all()} == {"sent"}


def _recorded_sent() -> int:
    from sqlmodel import select

    with new_session() as session:
        return len([r for r in session.exec(select(OutboxMessage)).all() if r.status == "sent"])


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_crawl_killed_with_sigkill_is_a_failure(tmp_path, page_server, database_url):
    path = tmp_path / "sources.toml"
    path.write_text(f'[[source]]\nid = "slow"\nvendor = "openai"\nurl = "{page_server.url("slow/20")}"\n')

    def kill_soon(pid: int) -> None:
        time.sleep(1.5)
        os.kill(pid, signal.SIGKILL)

    import threading

    results = []
    thread = threading.Thread(
        target=lambda: results.extend(
            run_crawl(
                load_catalogue(path), on_start=lambda pid: threading.Thread(target=kill_soon, args=(pid,)).start()
            )
        )
    )
    thread.start()
    thread.join(timeout=60)
    [result] = results
    assert not result.ok and "exit -9" in result.error


def test_a_source_is_never_crawled_twice_at_once(tmp_path, page_server, database_url):
    path = tmp_path / "sources.toml"
    path.write_text(f'[[source]]\nid = "zhipu"\nvendor = "zhipu"\nurl = "{page_server.url("zhipu.html")}"\n')
    sources = load_catalogue(path)
    with source_locks(sources, database_url) as (free, busy):
        assert [s.id for s in free] == ["zhipu"] and busy == []
        [result] = run_crawl(sources)  # e.g. `pricewatch crawl` while the service crawls it
        assert result.error == SKIPPED


BAD_EDITS = [
    'interval = "99999999999d"',
    'url = "http://[::1"',
    'interval = "0s"',
]


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_bad_edits_keep_the_old_catalogue_and_admins_hear_once(tmp_path, page_server, telegram_env):
    """Each bad value the issue found, written while `pricewatch run` runs: the service stays up on the
    old catalogue, /sources and /crawl still use it, and the admin is told once per distinct error."""
    api, env = telegram_env
    catalogue = demo_site(page_server, tmp_path, interval="1h")
    good = catalogue.read_text()
    service = start_service(tmp_path, catalogue, env)
    log = tmp_path / "service.log"
    try:
        wait(lambda: "event=started" in log.read_text())
        for number, edit in enumerate(BAD_EDITS, start=1):
            catalogue.write_text(good.replace('interval = "1h"', "") + edit + "\n")
            service.send_signal(signal.SIGHUP)
            service.send_signal(signal.SIGHUP)  # the same bad file twice: still one message
            wait(lambda n=number: len([t for t in api.texts_to(7) if "refused" in t]) == n)
        catalogue.write_text("source = [1, 2]\n")
        service.send_signal(signal.SIGHUP)
        wait(lambda: len([t for t in api.texts_to(7) if "refused" in t]) == 4)
        api.command("/sources", chat_id=7)
        wait(lambda: any("<code>zhipu</code>" in t for t in api.texts_to(7)))  # /sources: the old catalogue
        assert service.poll() is None
    finally:
        assert stop(service) == 0
    assert log.read_text().count("catalogue_rejected") >= 4
    assert "Traceback" not in log.read_text()


def crawl_children(parent_pid: int | None = None) -> list[int]:
    """Pids of running `spiders.run` crawl processes (children of PARENT_PID when given)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            status = (entry / "status").read_text()
        except OSError:
            continue
        if b"spiders.run" not in cmdline or "State:\tZ" in status:
            continue
        ppid = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
        if parent_pid is None or ppid == parent_pid:
            pids.append(int(entry.name))
    return pids


def slow_site(page_server, tmp_path: Path) -> Path:
    catalogue = tmp_path / "sources.toml"
    catalogue.write_text(f'[[source]]\nid = "slow"\nvendor = "openai"\nurl = "{page_server.url("slow/120")}"\n')
    return catalogue


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_sigterm_cancels_a_running_crawl_without_counting_it_as_a_failure(tmp_path, page_server, database_url):
    service = start_service(tmp_path, slow_site(page_server, tmp_path), {"DATABASE_URL": database_url})
    try:
        wait(lambda: crawl_children(service.pid) != [])
        wait(lambda: any(p.startswith("/slow/") for p, _ in page_server.requests))
    finally:
        started = time.monotonic()
        assert stop(service) == 0
    assert time.monotonic() - started < 15  # not CRAWL_TIMEOUT_S
    assert "event=crawls_cancelled count=1" in (tmp_path / "service.log").read_text()
    from storage.models import SourceHealth

    with new_session() as session:
        health = session.get(SourceHealth, "slow")
        assert health is None or health.consecutive_failures == 0


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_kill_9_takes_the_crawl_down_and_a_restart_cleans_up(tmp_path, page_server, database_url):
    catalogue = slow_site(page_server, tmp_path)
    service = start_service(tmp_path, catalogue, {"DATABASE_URL": database_url})
    wait(lambda: crawl_children(service.pid) != [])
    [child] = crawl_children(service.pid)
    folders = set(Path(tempfile.gettempdir()).glob("pricewatch-crawl-*"))
    assert folders
    service.kill()
    service.wait(timeout=30)
    wait(lambda: child not in crawl_children())  # died with its parent, not left crawling
    restarted = start_service(tmp_path, catalogue, {"DATABASE_URL": database_url})
    try:
        wait(lambda: "stale_crawl_folders_removed" in (tmp_path / "service.log").read_text())
        wait(lambda: not any(f.exists() for f in folders))
    finally:
        assert stop(restarted) == 0


@pytest.mark.sqlite_enough  # the database only keeps the outcome
def test_telegram_down_at_start_crawls_go_on_and_alerts_arrive_later(tmp_path, page_server, telegram_env):
    api, env = telegram_env
    api.fail("getMe", 502, times=3)  # Telegram answers nothing useful for the first tries
    with new_session() as session:
        session.add(Subscription(chat_id="1001"))
        session.commit()
    catalogue = demo_site(page_server, tmp_path)
    service = start_service(tmp_path, catalogue, env)
    log = tmp_path / "service.log"
    try:
        wait(lambda: "telegram_unreachable" in log.read_text())
        wait(lambda: any(p == "/zhipu.html" for p, _ in page_server.requests))  # crawling did not wait
        shutil.copy(DEMO / "after" / "zhipu.html", page_server.root / "zhipu.html")
        wait(lambda: any("GLM-3-Turbo" in t for t in api.texts_to(1001)), timeout=90)
        assert service.poll() is None
    finally:
        assert stop(service) == 0
    text = log.read_text()
    assert "telegram_connected" in text and "Traceback" not in text
    assert text.count("telegram_unreachable") == 1  # logged once a minute at most
