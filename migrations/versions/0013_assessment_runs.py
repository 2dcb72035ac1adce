"""assessment runs, publications and objections

Revision ID: 0013
Revises: 0012
Create Date: 2027-05-02

`assessment_runs`: each scoring of a period, stored whole (every park's explained score) and
never edited; numbered per period. `publications`: a run (or the pairing table) published
with its objection window; open until the window closes, then final. `objections`: a park's
objection under a real name and the command centre's answer; an accepted one points to the
re-scored run it made.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", S(length=20), nullable=False),
        sa.Column("period", S(length=10), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("content", sa.JSON(), nullable=True),
        sa.Column("status", S(length=10), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("closes_at", sa.DateTime(), nullable=False),
        sa.Column("final_at", sa.DateTime(), nullable=True),
        sa.Column("actor", S(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_publications_status", "publications", ["status"])
    op.create_table(
        "assessment_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", S(length=10), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("scheme_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("actor", S(length=100), nullable=False),
        sa.Column("reason", S(length=200), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["publication_id"], ["publications.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period", "number"),
    )
    op.create_index("ix_assessment_runs_period", "assessment_runs", ["period"])
    op.create_index("ix_assessment_runs_publication_id", "assessment_runs", ["publication_id"])
    op.create_table(
        "objections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("park_id", sa.Integer(), nullable=True),
        sa.Column("item", S(length=100), nullable=False),
        sa.Column("reason", S(length=1000), nullable=False),
        sa.Column("attachment", S(length=300), nullable=True),
        sa.Column("filer_id", sa.Integer(), nullable=False),
        sa.Column("filer_name", S(length=50), nullable=False),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.Column("status", S(length=10), nullable=False),
        sa.Column("answer", S(length=1000), nullable=True),
        sa.Column("corrected_value", sa.String(length=40), nullable=True),
        sa.Column("corrected_base", sa.String(length=40), nullable=True),
        sa.Column("answered_by", S(length=100), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["filer_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["park_id"], ["park.id"]),
        sa.ForeignKeyConstraint(["publication_id"], ["publications.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_objections_publication_id", "objections", ["publication_id"])


def downgrade() -> None:
    op.drop_index("ix_objections_publication_id", table_name="objections")
    op.drop_table("objections")
    op.drop_index("ix_assessment_runs_publication_id", table_name="assessment_runs")
    op.drop_index("ix_assessment_runs_period", table_name="assessment_runs")
    op.drop_table("assessment_runs")
    op.drop_index("ix_publications_status", table_name="publications")
    op.drop_table("publications")
