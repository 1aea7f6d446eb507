"""Observations as periods: a row holds a price from the snapshot that first showed it until `ended_at`, when
a later snapshot changed or dropped it. A changed page then writes only the prices that moved, not all of them.

Rows already stored keep their meaning: a row of an older snapshot ended when the source's next snapshot was
taken; the rows of each source's last good snapshot are its current prices. Downgrading copies each source's
current rows into its last good snapshot, as revision 0006 expects to find them there.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CURRENT = sa.text("ended_at IS NULL")

# An older snapshot's rows ended when the source's next snapshot was taken.
END_SUPERSEDED = """
UPDATE observation SET ended_at = (
    SELECT MIN(later.taken_at) FROM snapshot AS later
    WHERE later.source_id = observation.source_id AND later.id > observation.snapshot_id
)
WHERE snapshot_id NOT IN (
    SELECT last_good_snapshot_id FROM sourcehealth WHERE last_good_snapshot_id IS NOT NULL
)
"""

# Each source's current prices that an older snapshot first showed, copied into its last good snapshot.
COPY_CURRENT = """
INSERT INTO observation (snapshot_id, source_id, observed_at, vendor, model, price_type, tier, tier_key,
                         price_per_mtok, currency, raw, display)
SELECT health.last_good_snapshot_id, o.source_id, snap.taken_at, o.vendor, o.model, o.price_type, o.tier,
       o.tier_key, o.price_per_mtok, o.currency, o.raw, o.display
FROM observation AS o
JOIN sourcehealth AS health ON health.source_id = o.source_id
JOIN snapshot AS snap ON snap.id = health.last_good_snapshot_id
WHERE o.ended_at IS NULL AND o.snapshot_id <> health.last_good_snapshot_id
"""


def upgrade() -> None:
    op.add_column("observation", sa.Column("ended_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.execute(END_SUPERSEDED)
    op.create_index(
        "ix_observation_current", "observation", ["source_id"], sqlite_where=CURRENT, postgresql_where=CURRENT
    )


def downgrade() -> None:
    op.execute(COPY_CURRENT)
    op.drop_index("ix_observation_current", table_name="observation")
    op.drop_column("observation", "ended_at")
