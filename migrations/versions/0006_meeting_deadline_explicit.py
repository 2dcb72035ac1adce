"""meeting deadline explicit

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Meetings written before this revision count as having the default deadline, so moving one
recomputes its deadline (DEADLINE_DAYS_BEFORE days before, at 18:00) instead of shifting it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("deadline_explicit", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("deadline_explicit")
