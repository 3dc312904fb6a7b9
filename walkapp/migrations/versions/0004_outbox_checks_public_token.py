"""Outbox of e-mail, checks of earlier observations on repeat walks, walks' public tokens.

Revision ID: 0004_outbox_checks_public_token
Revises: 0003_photo_public_thumbnail
Create Date: 2026-11-23
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0004_outbox_checks_public_token"
down_revision = "0003_photo_public_thumbnail"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "assigned",
                "due_soon",
                "overdue",
                "fixed",
                name="message_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("dedupe_key", sa.String(length=300), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_outbox_messages_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_outbox_messages_dedupe_key")),
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_messages_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_outbox_messages_municipality_id"), ["municipality_id"], unique=False
        )

    op.create_table(
        "observation_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("walk_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("client_uuid", sa.Uuid(), nullable=False),
        sa.Column(
            "verdict",
            sa.Enum(
                "fixed",
                "still_a_problem",
                "worse",
                name="check_verdict",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observations.id"],
            name=op.f("fk_observation_checks_observation_id_observations"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["walk_participants.id"],
            name=op.f("fk_observation_checks_participant_id_walk_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walks.id"], name=op.f("fk_observation_checks_walk_id_walks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observation_checks")),
        sa.UniqueConstraint("client_uuid", name=op.f("uq_observation_checks_client_uuid")),
    )
    with op.batch_alter_table("observation_checks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_observation_checks_observation_id"), ["observation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_observation_checks_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_observation_checks_walk_id"), ["walk_id"], unique=False
        )

    # Existing walks get their token before the column becomes required.
    with op.batch_alter_table("walks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_token", sa.String(length=32), nullable=True))
    connection = op.get_bind()
    walks = sa.table("walks", sa.column("id", sa.Integer), sa.column("public_token", sa.String))
    for (walk_id,) in connection.execute(sa.select(walks.c.id)).all():
        connection.execute(
            walks.update()
            .where(walks.c.id == walk_id)
            .values(public_token=secrets.token_urlsafe(16))
        )
    with op.batch_alter_table("walks", schema=None) as batch_op:
        batch_op.alter_column("public_token", existing_type=sa.String(length=32), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_walks_public_token"), ["public_token"])


def downgrade() -> None:
    with op.batch_alter_table("walks", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_walks_public_token"), type_="unique")
        batch_op.drop_column("public_token")

    with op.batch_alter_table("observation_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observation_checks_walk_id"))
        batch_op.drop_index(batch_op.f("ix_observation_checks_participant_id"))
        batch_op.drop_index(batch_op.f("ix_observation_checks_observation_id"))

    op.drop_table("observation_checks")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_messages_municipality_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_messages_created_at"))

    op.drop_table("outbox_messages")
