"""A blurred photo's public thumbnail, beside its public display version.

Revision ID: 0003_photo_public_thumbnail
Revises: 0002_seed_categories
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_photo_public_thumbnail"
down_revision = "0002_seed_categories"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_thumbnail_key", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.drop_column("public_thumbnail_key")
