"""Several subscriptions per chat: an id of their own, the chat id indexed; kinds as a filter.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subscription_new",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("vendors", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("models", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kinds", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("min_cut", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute(
        "INSERT INTO subscription_new (chat_id, active, vendors, models, kinds, min_cut, created_at) "
        "SELECT chat_id, active, vendors, models, '', min_cut, created_at FROM subscription"
    )
    op.drop_table("subscription")
    op.rename_table("subscription_new", "subscription")
    op.create_index(op.f("ix_subscription_chat_id"), "subscription", ["chat_id"], unique=False)


def downgrade() -> None:
    raise NotImplementedError("several subscriptions per chat cannot be folded back into one")
