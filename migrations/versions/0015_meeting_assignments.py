"""Meeting assignments (交办): problems decided at a dispatch meeting

Revision ID: 0015
Revises: 0014
Create Date: 2027-06-01

`problem` gains `meeting_id` (the 现场调度会 that decided it; an assignment may name no project)
and `leader_id` (the responsible leader, 责任领导).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("problem") as batch:
        batch.add_column(sa.Column("meeting_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("leader_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_problem_meeting_id", "meeting", ["meeting_id"], ["id"])
        batch.create_foreign_key("fk_problem_leader_id", "person", ["leader_id"], ["id"])
        batch.create_index("ix_problem_meeting_id", ["meeting_id"])


def downgrade() -> None:
    with op.batch_alter_table("problem") as batch:
        batch.drop_index("ix_problem_meeting_id")
        batch.drop_constraint("fk_problem_leader_id", type_="foreignkey")
        batch.drop_constraint("fk_problem_meeting_id", type_="foreignkey")
        batch.drop_column("leader_id")
        batch.drop_column("meeting_id")
