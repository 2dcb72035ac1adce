"""status indexes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_period_current"))
        batch_op.create_index(
            "ix_report_period_cover",
            ["period", "is_current", "project_id", "investment_month"],
            unique=False,
        )
        batch_op.create_index("ix_report_submitted", ["submitted_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.drop_index("ix_report_submitted")
        batch_op.drop_index("ix_report_period_cover")
        batch_op.create_index(
            batch_op.f("ix_report_period_current"), ["period", "is_current"], unique=False
        )
