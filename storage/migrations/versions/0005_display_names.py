"""Models' names as their pages print them ('Qwen-Long'), beside the ids they are keyed by.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString()
    op.add_column("observation", sa.Column("display", text, nullable=False, server_default=""))
    op.add_column("event", sa.Column("display", text, nullable=True))


def downgrade() -> None:
    op.drop_column("event", "display")
    op.drop_column("observation", "display")
