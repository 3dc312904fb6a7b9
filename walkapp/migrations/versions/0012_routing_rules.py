"""Routing rules per municipality, the owner of an observation's place, and owners' action links.

Revision ID: 0012_routing_rules
Revises: 0011_field_tiles_tracks
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_routing_rules"
down_revision = "0011_field_tiles_tracks"
branch_labels = None
depends_on = None

PLACE_OWNERS = ("municipality", "private_property", "state_road", "private_road")


def _place_owner() -> sa.Enum:
    return sa.Enum(
        *PLACE_OWNERS,
        name="place_owner",
        native_enum=False,
        create_constraint=True,
        length=32,
    )


def upgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("place_owner", _place_owner(), nullable=True))
    op.create_table(
        "routing_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("category_code", sa.String(length=32), nullable=False),
        sa.Column("place_owner", _place_owner(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_code"],
            ["categories.code"],
            name=op.f("fk_routing_rules_category_code_categories"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_routing_rules_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_routing_rules_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_rules")),
    )
    with op.batch_alter_table("routing_rules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_routing_rules_category_code"), ["category_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_routing_rules_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_routing_rules_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "action_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name=op.f("fk_action_links_action_id_actions")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_action_links_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_action_links_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_links")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_action_links_token_sha256")),
    )
    with op.batch_alter_table("action_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_links_action_id"), ["action_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_action_links_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("action_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_links_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_action_links_action_id"))
    op.drop_table("action_links")
    with op.batch_alter_table("routing_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routing_rules_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_routing_rules_municipality_id"))
        batch_op.drop_index(batch_op.f("ix_routing_rules_category_code"))
    op.drop_table("routing_rules")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("place_owner")
