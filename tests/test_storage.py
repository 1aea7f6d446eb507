"""record_crawl on a real SQLite file: the guard, source health and idempotence."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from pricewatch.quotes import Quote
from storage.crawls import Fetched, KnownSources, record_crawl, record_crawls, record_unchanged
from storage.engine import new_session
from storage.models import Event, Observation, Snapshot, SnapshotPrices, SourceHealth, as_utc
from storage.queries import current_prices, latest_prices, list_events, price_history
from tests.conftest import fail_storing


def quotes(**prices):
    return [Quote("deepseek", m.replace("_", "-"), "input", None, Decimal(p), "CNY", p) for m, p in prices.items()]


def ok(*, content="h1", **prices):
    return Fetched(source_id="ds", url="http://x/ds", quotes=quotes(**prices), content_hash=content)


def fail(error="HTTP 503"):
    return Fetched(source_id="ds", url="http://x/ds", error=error)


def test_baseline_then_cut_then_same_content_changes_nothing(database_url):
    with new_session() as session:
        first = record_crawl(session=session, fetched=ok(deepseek_chat="2", deepseek_coder="2"))
        assert first.ok and first.events == []
        cut = record_crawl(session=session, fetched=ok(content="h2", deepseek_chat="1", deepseek_coder="2"))
        assert cut.events == ["price_cut"]
        before = [len(session.exec(select(t)).all()) for t in (Snapshot, Observation, Event)]
        again = record_crawl(session=session, fetched=ok(content="h2", deepseek_chat="1", deepseek_coder="2"))
        assert again.ok and again.unchanged and again.events == []
        assert [len(session.exec(select(t)).all()) for t in (Snapshot, Observation, Event)] == before
        event = list_events(session=session)[0]
        assert (event.model, event.old_price, event.new_price, event.change_pct) == (
            "deepseek-chat",
            Decimal(2),
            Decimal(1),
            -50.0,
        )
        history = price_history(session=session, model="DeepSeek-Chat")
        assert [o.price_per_mtok for o in history] == [Decimal(2), Decimal(1)]
        assert {o.price_per_mtok for o in current_prices(session=session, model="deepseek-chat")} == {Decimal(1)}


def test_a_changed_page_stores_only_the_prices_that_moved_or_went(database_url):
    first, second, third = (datetime(2024, 5, day, tzinfo=UTC) for day in (6, 11, 15))
    with new_session() as session:
        record_crawl(session=session, fetched=ok(a_1="2", b_1="2", c_1="2"), now=first)
        record_crawl(session=session, fetched=ok(content="h2", a_1="1", b_1="2", c_1="2"), now=second)
        # c-1 leaves the page (one of three: a removal, not a broken page) and d-1 comes.
        record_crawl(session=session, fetched=ok(content="h3", a_1="1", b_1="2", d_1="3"), now=third)
        rows = session.exec(select(Observation).order_by(Observation.id)).all()
        periods = [(o.model, o.price_per_mtok, as_utc(o.observed_at), o.ended_at and as_utc(o.ended_at)) for o in rows]
        assert periods == [
            ("a-1", Decimal(2), first, second),
            ("b-1", Decimal(2), first, None),  # unchanged since the first crawl: one row
            ("c-1", Decimal(2), first, third),
            ("a-1", Decimal(1), second, None),
            ("d-1", Decimal(3), third, None),
        ]
        current = {o.model: o.price_per_mtok for o in latest_prices(session=session)}
        assert current == {"a-1": Decimal(1), "b-1": Decimal(2), "d-1": Decimal(3)}
        # The next crawl compares against all three current prices, whichever snapshot first showed them.
        cut = record_crawl(session=session, fetched=ok(content="h4", a_1="1", b_1="1", d_1="3"), now=third)
        assert cut.events == ["price_cut"]


def test_half_lost_page_is_a_health_failure_not_model_removed(database_url):
    with new_session() as session:
        record_crawl(session=session, fetched=ok(a_1="1", b_1="1", c_1="1"))
        report = record_crawl(session=session, fetched=ok(content="h2", a_1="1"))
        assert not report.ok and "lost 2 of its 3" in report.error
        assert list_events(session=session) == []
        # The good prices are still the last good snapshot: coming back with them raises nothing.
        back = record_crawl(session=session, fetched=ok(content="h3", a_1="1", b_1="1", c_1="1"))
        assert back.ok and back.events == []


def test_empty_page_never_means_free_or_removed(database_url):
    with new_session() as session:
        record_crawl(session=session, fetched=ok(a_1="1"))
        report = record_crawl(session=session, fetched=ok(content="h2"))
        assert not report.ok and report.error == "no prices found on the page"
        assert list_events(session=session) == []


def test_three_failures_raise_source_broken_once_then_recovered(database_url):
    with new_session() as session:
        record_crawl(session=session, fetched=ok(a_1="1"))
        kinds = [record_crawl(session=session, fetched=fail()).events for _ in range(5)]
        assert kinds == [[], [], ["source_broken"], [], []]
        health = session.get(SourceHealth, "ds")
        assert health.consecutive_failures == 5 and health.last_error == "HTTP 503" and health.broken
        assert record_crawl(session=session, fetched=ok(a_1="1")).events == ["source_recovered"]
        health = session.get(SourceHealth, "ds")
        assert health.consecutive_failures == 0 and health.last_error is None and not health.broken
        assert [e.kind for e in list_events(session=session)] == ["source_recovered", "source_broken"]


def unchanged(source_id: str) -> Fetched:
    return Fetched(source_id=source_id, url=f"http://x/{source_id}", unchanged=True)


def test_unchanged_pages_of_a_crawl_are_recorded_together(database_url):
    """One transaction for many 304s: 'last seen' moves, nothing new is written, a broken source recovers."""
    t0, t1, t2 = (datetime(2026, 11, day, tzinfo=UTC) for day in (1, 2, 3))
    with new_session() as session:
        for source in ("a", "b"):
            record_crawl(session=session, fetched=Fetched(source, f"http://x/{source}", quotes(m_1="1")), now=t0)
        for _ in range(3):
            record_crawl(session=session, fetched=Fetched("b", "http://x/b", error="HTTP 503"), now=t1)
        rows_before = [len(session.exec(select(t)).all()) for t in (Snapshot, Observation)]
        known = KnownSources()
        reports = record_unchanged(session=session, fetched=[unchanged("a"), unchanged("b")], known=known, now=t2)
        assert [(r.source_id, r.ok, r.unchanged, r.quotes, r.events) for r in reports] == [
            ("a", True, True, 1, []),
            ("b", True, True, 1, ["source_recovered"]),
        ]
        assert [len(session.exec(select(t)).all()) for t in (Snapshot, Observation)] == rows_before
    with new_session() as session:  # what was committed, read afresh
        seen = {s.source_id: as_utc(s.last_seen_at) for s in session.exec(select(Snapshot)).all()}
        assert seen == {"a": t2, "b": t2}
        health = {h.source_id: h for h in session.exec(select(SourceHealth)).all()}
        assert not health["b"].broken and health["b"].consecutive_failures == 0 and as_utc(health["b"].last_ok) == t2


def test_record_unchanged_takes_unchanged_pages_only(database_url):
    with new_session() as session, pytest.raises(ValueError, match="unchanged pages only"):
        record_unchanged(session=session, fetched=[unchanged("a"), ok()])


def test_one_crawl_shares_what_it_loaded_across_sources(database_url):
    """KnownSources: changed and unchanged pages of one crawl through one session, as the pipelines record them."""
    with new_session() as session:
        record_crawl(session=session, fetched=ok(a_1="2"))
    with new_session() as session:
        known = KnownSources()
        cut = record_crawl(session=session, fetched=ok(content="h2", a_1="1"), known=known)
        assert cut.events == ["price_cut"]
        [again] = record_unchanged(session=session, fetched=[unchanged("ds")], known=known)
        assert again.ok and again.quotes == 1
        fresh = record_crawl(session=session, fetched=ok(content="h3", a_1="1"), known=known)
        assert fresh.unchanged and fresh.events == []  # the same prices as the snapshot the cut wrote


def test_money_round_trips_exactly(database_url):
    with new_session() as session:
        record_crawl(session=session, fetched=ok(tiny="0.0000001", big="123456.789"))
    with new_session() as session:
        prices = {o.model: o.price_per_mtok for o in session.exec(select(Observation)).all()}
    assert prices == {"tiny": Decimal("0.0000001"), "big": Decimal("123456.789")}


@pytest.mark.parametrize("command", [["events"], ["history", "gpt-4o"], ["sources"]])
def test_cli_storage_failure_is_one_line(tmp_path, command):
    """A database that cannot be opened (a path under a file here; a full disk or a down server alike)."""
    import os
    import subprocess
    import sys

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{blocker}/pricewatch.db"}
    result = subprocess.run([sys.executable, "-m", "app.cli", *command], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("pricewatch: storage error") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_events_limit_fields_and_plain_text_when_piped(database_url):
    import json
    import subprocess
    import sys
    from decimal import Decimal

    from storage.engine import new_session
    from storage.models import Event

    with new_session() as session:
        for n in range(60):
            session.add(
                Event(
                    kind="price_cut",
                    source_id="s",
                    vendor="alibaba",
                    model=f"qwen-{n}",
                    price_type="input",
                    old_price=Decimal(2),
                    new_price=Decimal(1),
                    currency="CNY",
                    change_pct=-50.0,
                )
            )
        session.commit()

    def pricewatch(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True)

    rows = json.loads(pricewatch("events", "--json").stdout)
    assert len(rows) == 50 and {"linked_event_id", "sources", "condition"} <= set(rows[0])
    assert len(json.loads(pricewatch("events", "--limit", "5", "--json").stdout)) == 5
    plain = pricewatch("events", "--limit", "3").stdout.splitlines()
    assert plain[0].startswith("# 3 event(s)") and plain[1].split()[:2] == ["when", "kind"]
    assert "qwen-59" in plain[2] and "2 → 1 CNY" in plain[2] and "…" not in "".join(plain)  # nothing cut
    refused = pricewatch("events", "--limit", "²")
    assert refused.returncode == 2 and "whole number" in refused.stderr


def test_storage_queues_alerts_for_the_recipients_it_is_given_not_for_telegram_settings(database_url, monkeypatch):
    """The admins and the channel are passed in by the caller; storage reads no Telegram settings."""
    from pricewatch.settings import AlertRecipients
    from storage.models import OutboxMessage

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:ignored-by-storage")
    monkeypatch.setenv("TELEGRAM_CHANNEL_ID", "@not-from-settings")
    recipients = AlertRecipients(admin_ids=("7",), channel_id="@given", channel_lang="zh")
    with new_session() as session:
        record_crawl(session=session, fetched=ok(deepseek_chat="2"), recipients=recipients)
        record_crawl(session=session, fetched=ok(content="h2", deepseek_chat="1"), recipients=recipients)
        for _ in range(3):
            record_crawl(session=session, fetched=fail(), recipients=recipients)
        rows = {(r.chat_id, r.lang, r.group_key.endswith(":health")) for r in session.exec(select(OutboxMessage))}
    assert rows == {("@given", "zh", False), ("7", "en", True)}  # the cut to the channel, source_broken to the admin


def _page(source_id: str, price: str) -> Fetched:
    return Fetched(
        source_id=source_id, url=f"http://x/{source_id}", quotes=quotes(deepseek_chat=price), content_hash=price
    )


def test_pages_recorded_together_share_one_transaction(database_url, monkeypatch):
    """record_crawls: each page as record_crawl would; a failure keeps nothing of the batch."""
    with new_session() as session:
        known = KnownSources()
        first = record_crawls(session=session, fetched=[_page("a", "2"), _page("b", "2")], known=known)
        assert [(r.source_id, r.ok, r.events) for r in first] == [("a", True, []), ("b", True, [])]
        cut = record_crawls(session=session, fetched=[_page("a", "1"), _page("b", "2")], known=known)
        assert [r.events for r in cut] == [["price_cut"], []]
        with monkeypatch.context() as patch, pytest.raises(RuntimeError):
            fail_storing(patch, "c")
            record_crawls(session=session, fetched=[_page("a", "0.5"), _page("c", "1")], known=known)
        assert [e.kind for e in list_events(session=session)] == ["price_cut"]  # a's second cut rolled back
        assert record_crawl(session=session, fetched=_page("a", "0.5"), known=known).events == ["price_cut"]


def test_a_batch_naming_a_source_twice_compares_its_second_page_with_its_first(database_url):
    """A batch's prices are loaded before any of it is written: a source's second page in it goes in a batch of its own."""
    with new_session() as session:
        known = KnownSources()
        record_crawls(session=session, fetched=[_page("a", "2")], known=known)
        reports = record_crawls(
            session=session, fetched=[_page("a", "1"), _page("b", "2"), _page("a", "0.5")], known=known
        )
        assert [(r.source_id, r.events) for r in reports] == [("a", ["price_cut"]), ("b", []), ("a", ["price_cut"])]
        rows = session.exec(select(Observation).where(Observation.source_id == "a").order_by(Observation.id)).all()
        assert [(o.price_per_mtok, o.ended_at is None) for o in rows] == [
            (Decimal(2), False),
            (Decimal(1), False),
            (Decimal("0.5"), True),
        ]
        cuts = [(e.old_price, e.new_price) for e in list_events(session=session)]
        assert sorted(cuts) == [(Decimal("1"), Decimal("0.5")), (Decimal(2), Decimal(1))]


def test_pages_stored_together_get_their_own_snapshots_rows_and_events(database_url):
    """One statement inserts a batch's snapshots and one its events: each row still names its own page's snapshot."""
    sources = [f"s{i}" for i in range(12)]
    with new_session() as session:
        known = KnownSources()
        record_crawls(session=session, fetched=[_page(s, "2") for s in sources], known=known)
        moved = [_page(s, str(i + 3)) if i % 2 else _page(s, "2") for i, s in enumerate(sources)]
        reports = record_crawls(session=session, fetched=moved, known=known)
        assert [bool(r.events) for r in reports] == [bool(i % 2) for i in range(12)]
        snapshot_of = {s.id: s.source_id for s in session.exec(select(Snapshot)).all()}
        latest = {}
        for snapshot_id, source_id in sorted(snapshot_of.items()):
            latest[source_id] = snapshot_id
        events = session.exec(select(Event).order_by(Event.id)).all()
        assert [e.source_id for e in events] == sources[1::2]  # in the order of the pages
        assert all(snapshot_of[e.snapshot_id] == e.source_id == f"s{int(e.new_price) - 3}" for e in events)
        assert all(e.snapshot_id == latest[e.source_id] for e in events)
        rows = session.exec(select(Observation).where(Observation.ended_at == None)).all()  # noqa: E711
        assert {(o.source_id, o.price_per_mtok) for o in rows} == {
            (s, Decimal(i + 3) if i % 2 else Decimal(2)) for i, s in enumerate(sources)
        }
        assert all(snapshot_of[o.snapshot_id] == o.source_id for o in rows)


def _forget_price_lists(session) -> None:
    """As a database upgraded from before revision 0008 has them: snapshots without a price list."""
    session.connection().exec_driver_sql("DELETE FROM snapshotprices")
    session.commit()


@pytest.mark.parametrize("listed", [True, False], ids=["price-list", "stored-before-price-lists"])
def test_a_changed_page_gives_the_same_events_and_rows_with_or_without_a_price_list(database_url, listed):
    """With its snapshot's price list a page loads only the prices that moved; without one, every current row."""
    with new_session() as session:
        record_crawl(session=session, fetched=ok(a_1="2", b_1="2", c_1="2", d_1="2", e_1="0"))
        if not listed:
            _forget_price_lists(session)
        # a cut, b rises, c unchanged, d goes, e no longer free, f new.
        report = record_crawl(session=session, fetched=ok(content="h2", a_1="1", b_1="3", c_1="2", e_1="1", f_1="4"))
        assert sorted(report.events) == ["model_removed", "new_model", "no_longer_free", "price_cut", "price_increase"]
        rows = session.exec(select(Observation).where(Observation.ended_at == None)).all()  # noqa: E711
        assert {(o.model, o.price_per_mtok) for o in rows} == {
            ("a-1", Decimal(1)),
            ("b-1", Decimal(3)),
            ("c-1", Decimal(2)),
            ("e-1", Decimal(1)),
            ("f-1", Decimal(4)),
        }
        assert len(session.exec(select(Observation)).all()) == 5 + 4  # c kept its row; a, b, e moved, f came
        latest = session.exec(select(Snapshot).order_by(Snapshot.id.desc())).first()
        assert session.get(SnapshotPrices, latest.id) is not None  # the new snapshot keeps its list either way


@pytest.mark.parametrize("listed", [True, False], ids=["price-list", "stored-before-price-lists"])
def test_the_guards_read_the_last_snapshot_with_or_without_a_price_list(database_url, listed):
    with new_session() as session:
        record_crawl(session=session, fetched=ok(a_1="1", b_1="2", c_1="3"))
        if not listed:
            _forget_price_lists(session)
        lost = record_crawl(session=session, fetched=ok(content="h2", a_1="1"))
        zeroed = record_crawl(session=session, fetched=ok(content="h3", a_1="0", b_1="0", c_1="0"))
        assert "lost 2 of its 3" in lost.error and "every price went to zero" in zeroed.error
        assert list_events(session=session) == []


def test_an_amount_written_otherwise_is_the_same_price(database_url):
    """'2' read as '2.00' differs in the price list, not in value: no event, and its row stays."""
    with new_session() as session:
        record_crawl(session=session, fetched=ok(a_1="2", b_1="2"))
        report = record_crawl(session=session, fetched=ok(content="h2", a_1="2.00", b_1="1"))
        assert report.events == ["price_cut"]
        rows = session.exec(select(Observation).where(Observation.model == "a-1")).all()
        assert [(o.price_per_mtok, o.ended_at) for o in rows] == [(Decimal(2), None)]


def test_a_price_list_digests_as_the_snapshots_stored_before_it_were_hashed():
    """The digest is compared with quotes_hash of snapshots already stored: if its text changed, every source would
    look changed once after an upgrade (a new snapshot each, and their rows rewritten)."""
    from storage.crawls import PriceList

    listed = PriceList.of(
        [
            Quote("deepseek", "deepseek-chat", "output", "batch", Decimal("2.5"), "CNY", "2.5元"),
            Quote("deepseek", "deepseek-chat", "input", None, Decimal("1"), "CNY", "1元"),
        ]
    )
    assert listed.rows[0][2] == "input"  # sorted, whatever order the page gave
    assert listed.digest == "ba75a850f7cbe92523185f8ee81abbd3ee9e47e258e3711ca33afe89016eb4bc"
