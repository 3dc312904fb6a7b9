"""Retention settings per municipality, anonymised participants, and the audit log.

Revision ID: 0008_retention_audit
Revises: 0007_account_lockout
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_retention_audit"
down_revision = "0007_account_lockout"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "viewed",
                "exported",
                "access_request",
                "erased",
                "retention",
                name="audit_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_audit_entries_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_audit_entries_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entries_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entries_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_audit_entries_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anonymise_participants_months", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("delete_photo_originals_months", sa.Integer(), nullable=True))
    # Existing municipalities get the same defaults as new ones.
    municipalities = sa.table(
        "municipalities",
        sa.column("anonymise_participants_months", sa.Integer),
        sa.column("delete_photo_originals_months", sa.Integer),
    )
    op.execute(
        municipalities.update().values(
            anonymise_participants_months=12, delete_photo_originals_months=24
        )
    )

    with op.batch_alter_table("walk_participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("walk_participants", schema=None) as batch_op:
        batch_op.drop_column("anonymised_at")

    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.drop_column("delete_photo_originals_months")
        batch_op.drop_column("anonymise_participants_months")

    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entries_user_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entries_municipality_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entries_at"))

    op.drop_table("audit_entries")
