"""Escalations to leaders and their one-tap instructions (批示); the last light seen

Revision ID: 0017
Revises: 0015
Create Date: 2027-06-02

`escalation`: one row per message a leader is asked to instruct on (a problem raised, a
project turned red, an assignment overdue), with the decision once taken. `project_light`:
the light the red-light job saw last per project.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "escalation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(length=150), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("leader_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=False),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=True),
        sa.Column("problem_id", sa.Integer(), sa.ForeignKey("problem.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column(
            "outbox_message_id", sa.Integer(), sa.ForeignKey("outbox_message.id"), nullable=True
        ),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("unit", sa.String(length=100), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_escalation_leader_id", "escalation", ["leader_id"])
    op.create_index("ix_escalation_project_id", "escalation", ["project_id"])
    op.create_index("ix_escalation_problem_id", "escalation", ["problem_id"])
    op.create_table(
        "project_light",
        sa.Column(
            "project_id",
            sa.Integer(),
            sa.ForeignKey("project.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("color", sa.String(length=10), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("project_light")
    op.drop_index("ix_escalation_problem_id", table_name="escalation")
    op.drop_index("ix_escalation_project_id", table_name="escalation")
    op.drop_index("ix_escalation_leader_id", table_name="escalation")
    op.drop_table("escalation")
