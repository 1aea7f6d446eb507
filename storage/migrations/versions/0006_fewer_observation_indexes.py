"""Observation indexes no query used: snapshot_id and model (each the first column of another index),
source_id and observed_at. Every changed page writes sixty observation rows, and each index with them.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DROPPED = ("snapshot_id", "model", "observed_at", "source_id")


def upgrade() -> None:
    for column in DROPPED:
        op.drop_index(f"ix_observation_{column}", table_name="observation")


def downgrade() -> None:
    for column in DROPPED:
        op.create_index(f"ix_observation_{column}", "observation", [column])
