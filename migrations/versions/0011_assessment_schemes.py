"""assessment schemes: each imported scheme version, stored whole as validated JSON

Revision ID: 0011
Revises: 0010
Create Date: 2027-04-01

`assessment_schemes`: one row per imported version of the assessment scheme (park types,
categories, indicators). A scheme is read and written whole and never edited in place, so
it is one JSON document per version rather than rows in several tables.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assessment_schemes",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )


def downgrade() -> None:
    op.drop_table("assessment_schemes")
