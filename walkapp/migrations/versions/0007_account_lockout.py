"""Account lock-out: wrong passwords in a row and the time the lock ends.

Revision ID: 0007_account_lockout
Revises: 0006_api_keys
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_account_lockout"
down_revision = "0006_api_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")
