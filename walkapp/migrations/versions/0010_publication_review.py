"""Publication after review (approved notes and photos, versioned public photos, blur proposals).

Also drops the per-account lock-out columns: failed logins are now counted per address in the
rate limiter's storage, so nobody can lock the owner out of an account.

Revision ID: 0010_publication_review
Revises: 0009_totp
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_publication_review"
down_revision = "0009_totp"
branch_labels = None
depends_on = None

OLD_EVENT_KINDS = (
    "created",
    "status_changed",
    "updated",
    "commented",
    "assigned",
    "merged",
    "masked",
)
NEW_EVENT_KINDS = (*OLD_EVENT_KINDS, "published", "withdrawn")


def _event_kind_check(kinds: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"


def upgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note_approved_at", sa.DateTime(timezone=True)))
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("approved_at", sa.DateTime(timezone=True)))
        batch_op.add_column(
            sa.Column("public_version", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(
            sa.Column(
                "detection_status",
                sa.Enum(
                    "pending",
                    "done",
                    "failed",
                    name="detection_status",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=False,
                server_default="pending",
            )
        )
        batch_op.add_column(sa.Column("blur_proposals", sa.JSON()))
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "auto_publish_clean_notes",
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
            )
        )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_events_event_kind"), type_="check")
        batch_op.create_check_constraint("event_kind", sa.text(_event_kind_check(NEW_EVENT_KINDS)))

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")

    # What a safety chief already worked on counts as reviewed: masked notes and blurred photos.
    # Everything else waits for review, as new observations do.
    observations = sa.table(
        "observations",
        sa.column("note_approved_at", sa.DateTime(timezone=True)),
        sa.column("received_at", sa.DateTime(timezone=True)),
        sa.column("is_masked", sa.Boolean()),
    )
    op.execute(
        observations.update()
        .where(observations.c.is_masked == sa.true())
        .values(note_approved_at=observations.c.received_at)
    )
    # A merged duplicate's photos leave the public (the survivor's page can approve them again).
    op.execute(
        "UPDATE photos SET approved_at = created_at WHERE public_storage_key IS NOT NULL "
        "AND observation_id IN (SELECT id FROM observations WHERE status <> 'duplicate')"
    )
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.alter_column("public_version", server_default=None)
        batch_op.alter_column("detection_status", server_default=None)
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.alter_column("auto_publish_clean_notes", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.execute("DELETE FROM events WHERE kind IN ('published', 'withdrawn')")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_events_event_kind"), type_="check")
        batch_op.create_check_constraint("event_kind", sa.text(_event_kind_check(OLD_EVENT_KINDS)))
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.drop_column("auto_publish_clean_notes")
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.drop_column("blur_proposals")
        batch_op.drop_column("detection_status")
        batch_op.drop_column("public_version")
        batch_op.drop_column("approved_at")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("note_approved_at")
