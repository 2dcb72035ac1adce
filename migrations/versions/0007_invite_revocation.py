"""invite revocation and re-bind invites

Revision ID: 0007
Revises: 0006
Create Date: 2027-01-10

An invite can be revoked before use (a newer invite, a binding, an operator's revoke), and a
re-bind invite is the only one that may move a binding from the person's current account.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("rebind", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.drop_column("rebind")
        batch_op.drop_column("revoked_at")
