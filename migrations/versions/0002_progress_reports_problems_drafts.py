"""progress reports, problems, drafts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("report_draft", schema=None) as batch_op:
        batch_op.create_index("ix_draft_person_status", ["person_id", "status"], unique=False)

    op.create_table(
        "progress_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("investment_month", sa.BigInteger(), nullable=False),
        sa.Column("investment_cumulative", sa.BigInteger(), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("percent", sa.Numeric(precision=4, scale=1), nullable=False),
        sa.Column("progress", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("problems", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "period", "revision"),
    )
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.create_index(
            "ix_report_current", ["project_id", "is_current", "period"], unique=False
        )
        batch_op.create_index("ix_report_period_current", ["period", "is_current"], unique=False)

    op.create_table(
        "problem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("raised_by_id", sa.Integer(), nullable=True),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("assigned_unit", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["progress_report.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_problem_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_problem_status"), ["status"], unique=False)

    op.create_table(
        "report_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("file_unique_id", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("local_path", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["progress_report.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("report_photo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_photo_report_id"), ["report_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("report_photo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_photo_report_id"))

    op.drop_table("report_photo")
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_problem_status"))
        batch_op.drop_index(batch_op.f("ix_problem_project_id"))

    op.drop_table("problem")
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.drop_index("ix_report_period_current")
        batch_op.drop_index("ix_report_current")

    op.drop_table("progress_report")
    with op.batch_alter_table("report_draft", schema=None) as batch_op:
        batch_op.drop_index("ix_draft_person_status")

    op.drop_table("report_draft")
