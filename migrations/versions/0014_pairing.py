"""三个一: enterprises, the leader pairing table, service visits; problems of enterprises

Revision ID: 0014
Revises: 0013
Create Date: 2027-05-03

`enterprise`: 重点骨干企业 and 特困企业 from the roster. `pairing`: one row per leader (the
pairing table). `service_visit`: each service a leader or their liaison logged. `problem`
gains `enterprise_id`, and `project_id` becomes nullable: an enterprise's problem has the same
交办/进展/销号 lifecycle and history as a project's.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "enterprise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", S(length=200), nullable=False),
        sa.Column("kind", S(length=20), nullable=False),
        sa.Column("park_id", sa.Integer(), nullable=False),
        sa.Column("contact", S(length=100), nullable=False),
        sa.Column("note", S(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["park_id"], ["park.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_index("ix_enterprise_park_id", "enterprise", ["park_id"])
    op.create_table(
        "pairing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("backbone_id", sa.Integer(), nullable=True),
        sa.Column("struggling_id", sa.Integer(), nullable=True),
        sa.Column("liaison_id", sa.Integer(), nullable=True),
        sa.Column("milestones", S(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["leader_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"]),
        sa.ForeignKeyConstraint(["backbone_id"], ["enterprise.id"]),
        sa.ForeignKeyConstraint(["struggling_id"], ["enterprise.id"]),
        sa.ForeignKeyConstraint(["liaison_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("leader_id"),
    )
    op.create_index("ix_pairing_liaison_id", "pairing", ["liaison_id"])
    with op.batch_alter_table("problem") as batch:
        batch.alter_column("project_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("enterprise_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_problem_enterprise_id", "enterprise", ["enterprise_id"], ["id"]
        )
        batch.create_index("ix_problem_enterprise_id", ["enterprise_id"])
    op.create_table(
        "service_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("filed_by_id", sa.Integer(), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("asked", S(length=1000), nullable=False),
        sa.Column("done", S(length=1000), nullable=False),
        sa.Column("status", S(length=20), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["enterprise_id"], ["enterprise.id"]),
        sa.ForeignKeyConstraint(["leader_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["filed_by_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["problem_id"], ["problem.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_service_visit_enterprise_id", "service_visit", ["enterprise_id"])
    op.create_index("ix_service_visit_leader_id", "service_visit", ["leader_id"])


def downgrade() -> None:
    op.drop_table("service_visit")
    with op.batch_alter_table("problem") as batch:
        batch.drop_index("ix_problem_enterprise_id")
        batch.drop_constraint("fk_problem_enterprise_id", type_="foreignkey")
        batch.drop_column("enterprise_id")
        batch.alter_column("project_id", existing_type=sa.Integer(), nullable=False)
    op.drop_table("pairing")
    op.drop_table("enterprise")
