"""Photo evidence: hashes, EXIF time and place, shared locations, project locations

Revision ID: 0018
Revises: 0015
Create Date: 2027-06-02

`report_photo` gains the file's sha256, perceptual hash, size, EXIF time and GPS, how it came
(file or compressed) and the photo of another period it seems to reuse; `progress_report` the
location shared during the form; `project` its registered location.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("report_photo") as batch:
        batch.add_column(sa.Column("sha256", sa.String(64), nullable=True))
        batch.add_column(sa.Column("phash", sa.String(16), nullable=True))
        batch.add_column(sa.Column("size", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("taken_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("lat", sa.Float(), nullable=True))
        batch.add_column(sa.Column("lon", sa.Float(), nullable=True))
        batch.add_column(
            sa.Column("source", sa.String(20), nullable=False, server_default="compressed")
        )
        batch.add_column(sa.Column("duplicate_of_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_report_photo_duplicate_of_id",
            "report_photo",
            ["duplicate_of_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_report_photo_phash", ["phash"])
    with op.batch_alter_table("progress_report") as batch:
        batch.add_column(sa.Column("lat", sa.Float(), nullable=True))
        batch.add_column(sa.Column("lon", sa.Float(), nullable=True))
        batch.add_column(sa.Column("located_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("project") as batch:
        batch.add_column(sa.Column("lat", sa.Float(), nullable=True))
        batch.add_column(sa.Column("lon", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("project") as batch:
        batch.drop_column("lon")
        batch.drop_column("lat")
    with op.batch_alter_table("progress_report") as batch:
        batch.drop_column("located_at")
        batch.drop_column("lon")
        batch.drop_column("lat")
    with op.batch_alter_table("report_photo") as batch:
        batch.drop_index("ix_report_photo_phash")
        batch.drop_constraint("fk_report_photo_duplicate_of_id", type_="foreignkey")
        for name in ("duplicate_of_id", "source", "lon", "lat", "taken_at", "size", "phash"):
            batch.drop_column(name)
        batch.drop_column("sha256")
