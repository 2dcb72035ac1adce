"""wizard state: the admin wizards' steps and answers survive a restart

Revision ID: 0008
Revises: 0007
Create Date: 2027-01-20

python-telegram-bot's persistence for the admin wizards (meeting, move, cancel, broadcast,
problem step): one row per conversation and per user's wizard data, as JSON.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "wizard_state",
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key"),
    )


def downgrade() -> None:
    op.drop_table("wizard_state")
