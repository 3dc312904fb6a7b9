"""Two-factor login: a TOTP secret per user who turns it on.

Revision ID: 0009_totp
Revises: 0008_retention_audit
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_totp"
down_revision = "0008_retention_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("totp_secret")
