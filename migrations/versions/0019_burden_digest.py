"""The burden cap (减负): folded outbox messages and the digest that lists them

Revision ID: 0019
Revises: 0015
Create Date: 2027-06-02

`outbox_message` gains `digest_id`: a message folded over a person's daily or meeting-cycle cap
(status "folded") points at the one digest message that listed it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_message") as batch:
        batch.add_column(sa.Column("digest_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_outbox_message_digest_id", "outbox_message", ["digest_id"], ["id"]
        )
        batch.create_index("ix_outbox_person_sent", ["person_id", "status", "sent_at"])


def downgrade() -> None:
    with op.batch_alter_table("outbox_message") as batch:
        batch.drop_index("ix_outbox_person_sent")
        batch.drop_constraint("fk_outbox_message_digest_id", type_="foreignkey")
        batch.drop_column("digest_id")
