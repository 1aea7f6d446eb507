"""A snapshot's price list (table snapshotprices): the sorted rows its quotes_hash is the SHA-256 of, as JSON.

A changed page is compared with its last good snapshot's list first, so only the prices that differ are loaded
from the history and diffed (one row a page, not sixty). Snapshots stored before this revision have none: their
pages are diffed against every current row, as before.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snapshotprices",
        sa.Column("snapshot_id", sa.Integer(), sa.ForeignKey("snapshot.id"), primary_key=True),
        sa.Column("prices", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("snapshotprices")
