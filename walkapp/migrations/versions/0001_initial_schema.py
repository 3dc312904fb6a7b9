"""Initial schema: the whole domain model of DESIGN.md §3.

Revision ID: de96ac827683
Revises:
Create Date: 2026-11-23 13:49:47.414941
"""

import sqlalchemy as sa
from alembic import op

revision = "de96ac827683"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "categories",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("label_sv", sa.String(length=120), nullable=False),
        sa.Column("label_en", sa.String(length=120), nullable=False),
        sa.Column(
            "group",
            sa.Enum(
                "A",
                "B",
                "C",
                "D",
                "E",
                "-",
                name="category_group",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "default_polarity",
            sa.Enum(
                "problem",
                "proposal",
                "positive",
                name="polarity",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "default_organisation_kind",
            sa.Enum(
                "police",
                "municipal_unit",
                "property_owner",
                "road_authority",
                "other",
                name="organisation_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("is_sensitive", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_categories")),
    )
    op.create_table(
        "municipalities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("web_domain", sa.String(length=120), nullable=True),
        sa.Column("center_lat", sa.Double(), nullable=False),
        sa.Column("center_lon", sa.Double(), nullable=False),
        sa.Column("default_zoom", sa.Integer(), nullable=False),
        sa.Column("local_epsg", sa.Integer(), nullable=False),
        sa.Column(
            "follow_up_kind",
            sa.Enum(
                "tertial",
                "half_year",
                "year",
                name="follow_up_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "center_lat BETWEEN -90 AND 90", name=op.f("ck_municipalities_center_lat_range")
        ),
        sa.CheckConstraint(
            "center_lon BETWEEN -180 AND 180", name=op.f("ck_municipalities_center_lon_range")
        ),
        sa.CheckConstraint(
            "default_zoom BETWEEN 1 AND 19", name=op.f("ck_municipalities_zoom_range")
        ),
        sa.CheckConstraint(
            "local_epsg BETWEEN 3006 AND 3018", name=op.f("ck_municipalities_local_epsg_sweref99")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipalities")),
        sa.UniqueConstraint("name", name=op.f("uq_municipalities_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_municipalities_slug")),
        sa.UniqueConstraint("web_domain", name=op.f("uq_municipalities_web_domain")),
    )
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("document_url", sa.String(length=500), nullable=True),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_agreements_period_order")),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_agreements_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
    )
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agreements_municipality_id"), ["municipality_id"], unique=False
        )

    op.create_table(
        "localities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("center_lat", sa.Double(), nullable=False),
        sa.Column("center_lon", sa.Double(), nullable=False),
        sa.CheckConstraint(
            "center_lat BETWEEN -90 AND 90", name=op.f("ck_localities_center_lat_range")
        ),
        sa.CheckConstraint(
            "center_lon BETWEEN -180 AND 180", name=op.f("ck_localities_center_lon_range")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_localities_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_localities")),
        sa.UniqueConstraint(
            "municipality_id", "name", name=op.f("uq_localities_municipality_id_name")
        ),
    )
    with op.batch_alter_table("localities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_localities_municipality_id"), ["municipality_id"], unique=False
        )

    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "police",
                "municipal_unit",
                "property_owner",
                "road_authority",
                "other",
                name="organisation_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_organisations_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint(
            "municipality_id", "name", name=op.f("uq_organisations_municipality_id_name")
        ),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisations_municipality_id"), ["municipality_id"], unique=False
        )

    op.create_table(
        "promises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("situation_text", sa.Text(), nullable=False),
        sa.Column("focus_areas", sa.JSON(), nullable=False),
        sa.Column("signed_by", sa.Text(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column(
            "follow_up_kind",
            sa.Enum(
                "tertial",
                "half_year",
                "year",
                name="follow_up_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_promises_period_order")),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"], name=op.f("fk_promises_agreement_id_agreements")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_promises_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promises")),
    )
    with op.batch_alter_table("promises", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_promises_agreement_id"), ["agreement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_promises_municipality_id"), ["municipality_id"], unique=False
        )

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "participant",
                "walk_leader",
                "safety_chief",
                "handler",
                "admin",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("session_epoch", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "role <> 'handler' OR organisation_id IS NOT NULL",
            name=op.f("ck_users_handler_has_organisation"),
        ),
        sa.CheckConstraint(
            "role = 'admin' OR municipality_id IS NOT NULL",
            name=op.f("ck_users_municipality_unless_admin"),
        ),
        sa.CheckConstraint("email = lower(email)", name=op.f("ck_users_email_lowercase")),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_users_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_users_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_users_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_users_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "priority",
            sa.Enum(
                "low",
                "normal",
                "high",
                name="priority",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "planned",
                "in_progress",
                "done",
                "verified",
                "rejected",
                name="action_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("cost_note", sa.Text(), nullable=False),
        sa.Column("closing_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["users.id"], name=op.f("fk_actions_assignee_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_actions_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_actions_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_actions_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actions_assignee_id"), ["assignee_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_actions_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_actions_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_actions_status"), ["status"], unique=False)

    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("promise_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "responsible",
            sa.Enum(
                "police",
                "municipality",
                "both",
                name="responsible",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "activity_kind",
            sa.Enum(
                "safety_walk",
                "traffic_walk",
                "traffic_control",
                "parent_meeting",
                "information",
                "patrol",
                "other",
                name="activity_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("target_count", sa.Integer(), nullable=True),
        sa.Column("locality_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "target_count IS NULL OR target_count > 0", name=op.f("ck_commitments_target_positive")
        ),
        sa.ForeignKeyConstraint(
            ["locality_id"], ["localities.id"], name=op.f("fk_commitments_locality_id_localities")
        ),
        sa.ForeignKeyConstraint(
            ["promise_id"], ["promises.id"], name=op.f("fk_commitments_promise_id_promises")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
        sa.UniqueConstraint(
            "promise_id", "position", name=op.f("uq_commitments_promise_id_position")
        ),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitments_locality_id"), ["locality_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_commitments_promise_id"), ["promise_id"], unique=False)

    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("promise_id", sa.Integer(), nullable=False),
        sa.Column("period_label", sa.String(length=40), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_follow_ups_period_order")),
        sa.ForeignKeyConstraint(
            ["promise_id"], ["promises.id"], name=op.f("fk_follow_ups_promise_id_promises")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
        sa.UniqueConstraint(
            "promise_id", "period_label", name=op.f("uq_follow_ups_promise_id_period_label")
        ),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_ups_promise_id"), ["promise_id"], unique=False)

    op.create_table(
        "walks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("locality_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "safety",
                "traffic",
                name="walk_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "active",
                "closed",
                "followed_up",
                name="walk_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("join_code", sa.String(length=16), nullable=True),
        sa.Column("join_code_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("route_geojson", sa.Text(), nullable=True),
        sa.Column(
            "light_conditions",
            sa.Enum(
                "daylight",
                "dusk",
                "dark",
                name="light_conditions",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("weather_note", sa.String(length=200), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=True),
        sa.Column("repeat_of_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["leader_id"], ["users.id"], name=op.f("fk_walks_leader_id_users")),
        sa.ForeignKeyConstraint(
            ["locality_id"], ["localities.id"], name=op.f("fk_walks_locality_id_localities")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_walks_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["repeat_of_id"], ["walks.id"], name=op.f("fk_walks_repeat_of_id_walks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walks")),
        sa.UniqueConstraint("join_code", name=op.f("uq_walks_join_code")),
    )
    with op.batch_alter_table("walks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_walks_leader_id"), ["leader_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_walks_locality_id"), ["locality_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_walks_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_walks_repeat_of_id"), ["repeat_of_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_walks_status"), ["status"], unique=False)

    op.create_table(
        "walk_commitments",
        sa.Column("walk_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_walk_commitments_commitment_id_commitments"),
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"],
            ["walks.id"],
            name=op.f("fk_walk_commitments_walk_id_walks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("walk_id", "commitment_id", name=op.f("pk_walk_commitments")),
    )
    op.create_table(
        "walk_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("walk_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("display_name", sa.String(length=80), nullable=False),
        sa.Column(
            "represents",
            sa.Enum(
                "resident",
                "police",
                "municipality",
                "property_owner",
                "youth",
                "business",
                "association",
                "politician",
                "other",
                name="represents",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("consent_given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("wants_feedback", sa.Boolean(), nullable=False),
        sa.Column("feedback_email", sa.String(length=254), nullable=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_walk_participants_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walks.id"], name=op.f("fk_walk_participants_walk_id_walks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_participants")),
        sa.UniqueConstraint(
            "walk_id", "user_id", name=op.f("uq_walk_participants_walk_id_user_id")
        ),
    )
    with op.batch_alter_table("walk_participants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_walk_participants_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_walk_participants_walk_id"), ["walk_id"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "subject_type",
            sa.Enum(
                "walk",
                "observation",
                "action",
                "follow_up",
                "user",
                name="subject_type",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "created",
                "status_changed",
                "updated",
                "commented",
                "assigned",
                "merged",
                "masked",
                name="event_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("from_status", sa.String(length=32), nullable=True),
        sa.Column("to_status", sa.String(length=32), nullable=True),
        sa.Column("public_note", sa.Text(), nullable=True),
        sa.Column("internal_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_events_actor_id_users")),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["walk_participants.id"],
            name=op.f("fk_events_participant_id_walk_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_events_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            "ix_events_subject", ["subject_type", "subject_id", "at"], unique=False
        )

    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("walk_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("client_uuid", sa.Uuid(), nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("accuracy_m", sa.Double(), nullable=True),
        sa.Column(
            "location_source",
            sa.Enum(
                "gps",
                "map",
                "photo_exif",
                name="location_source",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("category_code", sa.String(length=32), nullable=False),
        sa.Column(
            "polarity",
            sa.Enum(
                "problem",
                "proposal",
                "positive",
                name="polarity",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("feeling", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "triaged",
                "action_planned",
                "referred",
                "long_term",
                "duplicate",
                "no_action",
                "fixed",
                "verified",
                name="observation_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("duplicate_of_id", sa.Integer(), nullable=True),
        sa.Column("is_masked", sa.Boolean(), nullable=False),
        sa.Column("public_note", sa.Text(), nullable=True),
        sa.Column("is_flagged", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "accuracy_m IS NULL OR accuracy_m >= 0", name=op.f("ck_observations_accuracy_positive")
        ),
        sa.CheckConstraint(
            "duplicate_of_id IS NULL OR duplicate_of_id <> id",
            name=op.f("ck_observations_not_own_duplicate"),
        ),
        sa.CheckConstraint(
            "feeling IS NULL OR feeling BETWEEN 0 AND 3", name=op.f("ck_observations_feeling_range")
        ),
        sa.CheckConstraint("lat BETWEEN -90 AND 90", name=op.f("ck_observations_lat_range")),
        sa.CheckConstraint("lon BETWEEN -180 AND 180", name=op.f("ck_observations_lon_range")),
        sa.CheckConstraint("severity BETWEEN 1 AND 3", name=op.f("ck_observations_severity_range")),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["walk_participants.id"],
            name=op.f("fk_observations_author_id_walk_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["category_code"],
            ["categories.code"],
            name=op.f("fk_observations_category_code_categories"),
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of_id"],
            ["observations.id"],
            name=op.f("fk_observations_duplicate_of_id_observations"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_observations_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walks.id"], name=op.f("fk_observations_walk_id_walks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
        sa.UniqueConstraint("client_uuid", name=op.f("uq_observations_client_uuid")),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_observations_author_id"), ["author_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_observations_category_code"), ["category_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_observations_duplicate_of_id"), ["duplicate_of_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_observations_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_observations_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_observations_walk_id"), ["walk_id"], unique=False)

    op.create_table(
        "action_observations",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["actions.id"],
            name=op.f("fk_action_observations_action_id_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observations.id"],
            name=op.f("fk_action_observations_observation_id_observations"),
        ),
        sa.PrimaryKeyConstraint("action_id", "observation_id", name=op.f("pk_action_observations")),
    )
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=True),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "before",
                "after",
                name="photo_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("public_storage_key", sa.String(length=200), nullable=True),
        sa.Column("thumbnail_key", sa.String(length=200), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(observation_id IS NULL) <> (action_id IS NULL)", name=op.f("ck_photos_one_owner")
        ),
        sa.CheckConstraint(
            "width > 0 AND height > 0 AND bytes > 0", name=op.f("ck_photos_positive_size")
        ),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name=op.f("fk_photos_action_id_actions")
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observations.id"],
            name=op.f("fk_photos_observation_id_observations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photos")),
        sa.UniqueConstraint("action_id", "sha256", name=op.f("uq_photos_action_id_sha256")),
        sa.UniqueConstraint(
            "observation_id", "sha256", name=op.f("uq_photos_observation_id_sha256")
        ),
    )
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_photos_action_id"), ["action_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_photos_observation_id"), ["observation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_photos_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_photos_sha256"))
        batch_op.drop_index(batch_op.f("ix_photos_observation_id"))
        batch_op.drop_index(batch_op.f("ix_photos_action_id"))

    op.drop_table("photos")
    op.drop_table("action_observations")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observations_walk_id"))
        batch_op.drop_index(batch_op.f("ix_observations_status"))
        batch_op.drop_index(batch_op.f("ix_observations_municipality_id"))
        batch_op.drop_index(batch_op.f("ix_observations_duplicate_of_id"))
        batch_op.drop_index(batch_op.f("ix_observations_category_code"))
        batch_op.drop_index(batch_op.f("ix_observations_author_id"))

    op.drop_table("observations")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_subject")
        batch_op.drop_index(batch_op.f("ix_events_participant_id"))
        batch_op.drop_index(batch_op.f("ix_events_actor_id"))

    op.drop_table("events")
    with op.batch_alter_table("walk_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_walk_participants_walk_id"))
        batch_op.drop_index(batch_op.f("ix_walk_participants_user_id"))

    op.drop_table("walk_participants")
    op.drop_table("walk_commitments")
    with op.batch_alter_table("walks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_walks_status"))
        batch_op.drop_index(batch_op.f("ix_walks_repeat_of_id"))
        batch_op.drop_index(batch_op.f("ix_walks_municipality_id"))
        batch_op.drop_index(batch_op.f("ix_walks_locality_id"))
        batch_op.drop_index(batch_op.f("ix_walks_leader_id"))

    op.drop_table("walks")
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_ups_promise_id"))

    op.drop_table("follow_ups")
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_promise_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_locality_id"))

    op.drop_table("commitments")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actions_status"))
        batch_op.drop_index(batch_op.f("ix_actions_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_actions_municipality_id"))
        batch_op.drop_index(batch_op.f("ix_actions_assignee_id"))

    op.drop_table("actions")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_users_municipality_id"))

    op.drop_table("users")
    with op.batch_alter_table("promises", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_promises_municipality_id"))
        batch_op.drop_index(batch_op.f("ix_promises_agreement_id"))

    op.drop_table("promises")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_municipality_id"))

    op.drop_table("organisations")
    with op.batch_alter_table("localities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_localities_municipality_id"))

    op.drop_table("localities")
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreements_municipality_id"))

    op.drop_table("agreements")
    op.drop_table("municipalities")
    op.drop_table("categories")
