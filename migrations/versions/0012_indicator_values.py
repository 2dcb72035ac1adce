"""indicator values and park reporters: the assessment's values filed per park and month

Revision ID: 0012
Revises: 0011
Create Date: 2027-05-01

`indicator_values`: every filing of an assessment indicator's value (year-to-date, with the
base year's figure for growth indicators) by a park's reporter in chat or by an XLSX import;
the newest filing per (park, indicator, month) counts, earlier ones stay as history. Numbers
are stored as exact decimal text. `park_reporters`: who files each park's values.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicator_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("park_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("month", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("base", sa.String(length=40), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("filed_by_id", sa.Integer(), nullable=True),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["park_id"], ["park.id"]),
        sa.ForeignKeyConstraint(["filed_by_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_indicator_values_lookup", "indicator_values", ["park_id", "indicator", "month"]
    )
    op.create_table(
        "park_reporters",
        sa.Column("park_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["park_id"], ["park.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("park_id", "person_id"),
    )
    op.create_index("ix_park_reporters_person_id", "park_reporters", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_park_reporters_person_id", table_name="park_reporters")
    op.drop_table("park_reporters")
    op.drop_index("ix_indicator_values_lookup", table_name="indicator_values")
    op.drop_table("indicator_values")
