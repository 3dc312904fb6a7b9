"""Joint follow-ups: approvals, frozen versions and texts per commitment; lägesbilder; activities
of many kinds counting toward several commitments; the kommunpolis role; periods per promise;
referrals of observations to owners outside the municipality, tracked until they answer.

Follow-ups published before this revision were never frozen (their figures followed today's
data), so they return to "ready for approval": both signatories approve them and publishing then
stores the first frozen version. They were readable only by logged-in users, never by the public.

Revision ID: 0013_joint_follow_ups
Revises: 0012_routing_rules
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_joint_follow_ups"
down_revision = "0012_routing_rules"
branch_labels = None
depends_on = None

OLD_ROLES = ("participant", "walk_leader", "safety_chief", "handler", "admin")
NEW_ROLES = (*OLD_ROLES, "police_coordinator")
OLD_SUBJECTS = ("walk", "observation", "action", "follow_up", "user")
NEW_SUBJECTS = (*OLD_SUBJECTS, "activity", "situation_report")
OLD_EVENT_KINDS = (
    "created",
    "status_changed",
    "updated",
    "commented",
    "assigned",
    "merged",
    "masked",
    "published",
    "withdrawn",
)
NEW_EVENT_KINDS = (*OLD_EVENT_KINDS, "approved", "deleted")
OLD_MESSAGE_KINDS = ("assigned", "due_soon", "overdue", "fixed")
NEW_MESSAGE_KINDS = (*OLD_MESSAGE_KINDS, "referral", "follow_up")
OLD_ACTIVITY_KINDS = (
    "safety_walk",
    "traffic_walk",
    "traffic_control",
    "parent_meeting",
    "information",
    "patrol",
    "other",
)
NEW_ACTIVITY_KINDS = (
    *OLD_ACTIVITY_KINDS[:-1],
    "cooperation_meeting",
    "dog_search",
    "home_visit",
    "concern_talk",
    "school_visit",
    "property_owner_meeting",
    "citizen_dialogue",
    "other",
)


def _in(column: str, values: tuple[str, ...]) -> sa.TextClause:
    return sa.text(f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")")


def _replace_check(table: str, name: str, column: str, values: tuple[str, ...]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(f"ck_{table}_{name}"), type_="check")
        batch_op.create_check_constraint(name, _in(column, values))


def _activity_kind(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(
        *values, name="activity_kind", native_enum=False, create_constraint=True, length=32
    )


def upgrade() -> None:
    op.create_table(
        "situation_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("dated_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("walks_from", sa.Date(), nullable=True),
        sa.Column("walks_to", sa.Date(), nullable=True),
        sa.Column("walk_figures", sa.JSON(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_situation_reports_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_situation_reports_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_situation_reports")),
    )
    with op.batch_alter_table("situation_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_situation_reports_municipality_id"), ["municipality_id"], unique=False
        )

    op.create_table(
        "activity_commitments",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_commitments_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_activity_commitments_commitment_id_commitments"),
        ),
        sa.PrimaryKeyConstraint(
            "activity_id", "commitment_id", name=op.f("pk_activity_commitments")
        ),
    )
    with op.batch_alter_table("activity_commitments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_commitments_commitment_id"), ["commitment_id"], unique=False
        )

    op.create_table(
        "follow_up_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("follow_up_id", sa.Integer(), nullable=False),
        sa.Column(
            "side",
            sa.Enum(
                "municipality",
                "police",
                name="side",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["follow_up_id"],
            ["follow_ups.id"],
            name=op.f("fk_follow_up_approvals_follow_up_id_follow_ups"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_follow_up_approvals_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_approvals")),
        sa.UniqueConstraint(
            "follow_up_id", "side", name=op.f("uq_follow_up_approvals_follow_up_id_side")
        ),
    )
    with op.batch_alter_table("follow_up_approvals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_follow_up_approvals_follow_up_id"), ["follow_up_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_follow_up_approvals_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "follow_up_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("follow_up_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("done_text", sa.Text(), nullable=False),
        sa.Column("outcome_text", sa.Text(), nullable=False),
        sa.Column("next_text", sa.Text(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_follow_up_texts_commitment_id_commitments"),
        ),
        sa.ForeignKeyConstraint(
            ["follow_up_id"],
            ["follow_ups.id"],
            name=op.f("fk_follow_up_texts_follow_up_id_follow_ups"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_follow_up_texts_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_texts")),
        sa.UniqueConstraint(
            "follow_up_id",
            "commitment_id",
            name=op.f("uq_follow_up_texts_follow_up_id_commitment_id"),
        ),
    )
    with op.batch_alter_table("follow_up_texts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_follow_up_texts_commitment_id"), ["commitment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_follow_up_texts_follow_up_id"), ["follow_up_id"], unique=False
        )

    op.create_table(
        "follow_up_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("follow_up_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("correction_note", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_follow_up_versions_number_positive")),
        sa.ForeignKeyConstraint(
            ["follow_up_id"],
            ["follow_ups.id"],
            name=op.f("fk_follow_up_versions_follow_up_id_follow_ups"),
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["users.id"],
            name=op.f("fk_follow_up_versions_published_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_versions")),
        sa.UniqueConstraint(
            "follow_up_id", "number", name=op.f("uq_follow_up_versions_follow_up_id_number")
        ),
    )
    with op.batch_alter_table("follow_up_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_follow_up_versions_follow_up_id"), ["follow_up_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_follow_up_versions_published_at"), ["published_at"], unique=False
        )

    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "sent",
                "answered",
                "withdrawn",
                name="referral_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("referred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("referred_by_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=80), nullable=False),
        sa.Column("expected_reply_on", sa.Date(), nullable=True),
        sa.Column("reminded_on", sa.Date(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_referrals_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observations.id"],
            name=op.f("fk_referrals_observation_id_observations"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_referrals_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["referred_by_id"], ["users.id"], name=op.f("fk_referrals_referred_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referrals_expected_reply_on"), ["expected_reply_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_referrals_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_referrals_observation_id"), ["observation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_referrals_organisation_id"), ["organisation_id"], unique=False
        )

    _replace_check("users", "role", "role", NEW_ROLES)
    _replace_check("outbox_messages", "message_kind", "kind", NEW_MESSAGE_KINDS)
    _replace_check("events", "subject_type", "subject_type", NEW_SUBJECTS)
    _replace_check("events", "event_kind", "kind", NEW_EVENT_KINDS)
    _replace_check("commitments", "activity_kind", "activity_kind", NEW_ACTIVITY_KINDS)

    # Activities: the commitment they counted for becomes the first of their commitments.
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("municipality_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "kind",
                _activity_kind(NEW_ACTIVITY_KINDS),
                nullable=False,
                server_default="other",
            )
        )
        batch_op.add_column(sa.Column("quantity", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "INSERT INTO activity_commitments (activity_id, commitment_id) "
        "SELECT id, commitment_id FROM activities"
    )
    op.execute(
        "UPDATE activities SET updated_at = created_at, "
        "municipality_id = (SELECT promises.municipality_id FROM commitments "
        "JOIN promises ON promises.id = commitments.promise_id "
        "WHERE commitments.id = activities.commitment_id), "
        "kind = (SELECT CASE WHEN commitments.activity_kind IN ('safety_walk', 'traffic_walk') "
        "THEN 'other' ELSE commitments.activity_kind END FROM commitments "
        "WHERE commitments.id = activities.commitment_id)"
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.alter_column("municipality_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column(
            "updated_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.drop_index(batch_op.f("ix_activities_commitment_id"))
        batch_op.create_index(
            batch_op.f("ix_activities_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.drop_constraint(
            batch_op.f("fk_activities_commitment_id_commitments"), type_="foreignkey"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_activities_municipality_id_municipalities"),
            "municipalities",
            ["municipality_id"],
            ["id"],
        )
        batch_op.create_check_constraint(
            "quantity_not_negative", sa.text("quantity IS NULL OR quantity >= 0")
        )
        batch_op.drop_column("commitment_id")

    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "status",
                sa.Enum(
                    "draft",
                    "ready",
                    "approved",
                    "published",
                    name="follow_up_status",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=False,
                server_default="draft",
            )
        )
        batch_op.add_column(sa.Column("due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("due_reminded_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("late_reminded_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("updated_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_follow_ups_updated_by_id_users"), "users", ["updated_by_id"], ["id"]
        )
    op.execute(
        "UPDATE follow_ups SET status = 'ready', published_at = NULL WHERE published_at IS NOT NULL"
    )
    op.execute("UPDATE follow_ups SET updated_at = created_at")
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.alter_column(
            "updated_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )

    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chief_title", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("police_area", sa.String(length=120), nullable=True))

    with op.batch_alter_table("promises", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("period_start_month", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(
            sa.Column("report_due_days", sa.Integer(), nullable=False, server_default="14")
        )
        batch_op.add_column(sa.Column("contact", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("situation_report_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_promises_situation_report_id"), ["situation_report_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_promises_situation_report_id_situation_reports"),
            "situation_reports",
            ["situation_report_id"],
            ["id"],
        )
        batch_op.create_check_constraint(
            "start_month_range", sa.text("period_start_month BETWEEN 1 AND 12")
        )
        batch_op.create_check_constraint(
            "due_days_range", sa.text("report_due_days BETWEEN 0 AND 180")
        )


def downgrade() -> None:
    raise NotImplementedError("walkapp migrates forward only; restore a backup to go back.")
