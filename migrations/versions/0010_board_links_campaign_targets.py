"""board links and campaign targets: the wall board's access and its headline targets

Revision ID: 0010
Revises: 0009
Create Date: 2027-03-01

`board_links`: signed read-only board links (city or one park), with expiry and revocation.
`campaign_targets`: one row per year, the campaign's targets the board's headline measures
against (new starts, projects in production, investment in 万元).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "board_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("park_id", sa.Integer(), nullable=True),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["park_id"], ["park.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "campaign_targets",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("new_starts", sa.Integer(), nullable=False),
        sa.Column("in_production", sa.Integer(), nullable=False),
        sa.Column("investment", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("year"),
    )


def downgrade() -> None:
    op.drop_table("campaign_targets")
    op.drop_table("board_links")
