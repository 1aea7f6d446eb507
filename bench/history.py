"""History: `/history` and `/price` latency (p50 / p95) over 1,000,000 observations, on SQLite and PostgreSQL.

The queries are the ones the bot and the web pages run (storage.queries.price_history, which returns
plain rows, and current_prices, which returns ORM objects), on a database migrated by Alembic like any
other. The baseline is a `SELECT 1` round trip on the same session. Target: p95 under 20 ms at 1M observations.

    .venv/bin/python bench/history.py [--observations 1000000] [--postgres URL]
      (URL: a server where the benchmark may create and drop a database, e.g. what .ci/postgres.sh prints;
       PRICEWATCH_BENCH_POSTGRES gives it when --postgres does not, so `make bench` measures both)
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.common import machine, percentile  # noqa: E402
from storage.engine import dispose_engine, get_engine, new_session  # noqa: E402
from storage.models import Observation, Snapshot, SourceHealth  # noqa: E402
from storage.queries import current_prices, price_history  # noqa: E402

MODELS = 2000
SOURCES = 40


def fill(url: str, observations: int) -> float:
    """Observations spread over 2,000 models, 40 sources and their snapshots; returns seconds taken."""
    engine = get_engine(url)
    per_snapshot = MODELS // SOURCES * 2  # each source prices its 50 models, input and output
    snapshots = observations // per_snapshot
    start = time.perf_counter()
    base = datetime(2024, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(Snapshot.__table__),
            [
                {
                    "id": i + 1,
                    "source_id": f"s{i % SOURCES}",
                    "taken_at": base + timedelta(hours=i),
                    "last_seen_at": base + timedelta(hours=i),
                    "content_hash": "",
                    "quotes_hash": "",
                    "quote_count": per_snapshot,
                }
                for i in range(snapshots)
            ],
        )
        batch = []
        for snap in range(snapshots):
            source = snap % SOURCES
            at = base + timedelta(hours=snap)
            for m in range(MODELS // SOURCES):
                model = f"model-{source * (MODELS // SOURCES) + m}"
                for price_type in ("input", "output"):
                    batch.append(
                        {
                            "snapshot_id": snap + 1,
                            "source_id": f"s{source}",
                            "observed_at": at,
                            # Every snapshot moves every price: a row ends with its source's next snapshot.
                            "ended_at": at + timedelta(hours=SOURCES) if snap + SOURCES < snapshots else None,
                            "vendor": "bench",
                            "model": model,
                            "price_type": price_type,
                            "tier": None,
                            "tier_key": "",
                            "price_per_mtok": Decimal(snap % 97) / 10,
                            "currency": "USD",
                            "raw": "",
                        }
                    )
            if len(batch) >= 20000:
                connection.execute(insert(Observation.__table__), batch)
                batch = []
        if batch:
            connection.execute(insert(Observation.__table__), batch)
        last = {}
        for snap in range(snapshots):
            last[snap % SOURCES] = snap + 1
        connection.execute(
            insert(SourceHealth.__table__),
            [
                {"source_id": f"s{s}", "consecutive_failures": 0, "broken": False, "last_good_snapshot_id": last[s]}
                for s in last
            ],
        )
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE"))
    return time.perf_counter() - start


def measure(url: str, runs: int = 300) -> dict[str, list[float]]:
    random.seed(7)
    timings: dict[str, list[float]] = {"select 1": [], "/history": [], "/price": []}
    with new_session(url) as session:
        for _ in range(runs):
            model = f"model-{random.randrange(MODELS)}"
            for name, call in (
                ("select 1", lambda: session.execute(text("SELECT 1")).all()),
                ("/history", lambda m=model: price_history(session=session, model=m)),
                ("/price", lambda m=model: current_prices(session=session, model=m)),
            ):
                start = time.perf_counter()
                call()
                timings[name].append((time.perf_counter() - start) * 1000)
    return timings


def report(label: str, url: str, observations: int) -> None:
    seconds = fill(url, observations)
    with new_session(url) as session:
        count = session.execute(text("SELECT count(*) FROM observation")).scalar_one()
        rows = len(price_history(session=session, model="model-7"))
    timings = measure(url)
    print(f"{label}: {count:,} observations (filled in {seconds:.0f} s); /history returns {rows} rows per model")
    for name, values in timings.items():
        p95 = percentile(values, 95)
        verdict = "" if name == "select 1" else f"  (target p95 < 20 ms: {'met' if p95 < 20 else 'MISSED'})"
        print(f"  {name:9} p50 {percentile(values, 50):7.2f} ms   p95 {p95:7.2f} ms{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--observations", type=int, default=1_000_000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("PRICEWATCH_BENCH_POSTGRES") or None,
        help="SQLAlchemy URL of a PostgreSQL server to create a scratch database on (or PRICEWATCH_BENCH_POSTGRES)",
    )
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        report("SQLite", f"sqlite:///{tmp}/history.db", args.observations)
    if args.postgres:
        name = f"pw_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(args.postgres).set(database=name).render_as_string(hide_password=False)
        try:
            report("PostgreSQL", url, args.observations)
        finally:
            dispose_engine(url)
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
