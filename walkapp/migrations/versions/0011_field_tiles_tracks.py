"""The field page's map: tile source per municipality, and shared walk tracks without names.

Revision ID: 0011_field_tiles_tracks
Revises: 0010_publication_review
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_field_tiles_tracks"
down_revision = "0010_publication_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tile_url", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("tile_attribution", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("tile_min_zoom", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("tile_max_zoom", sa.Integer(), nullable=True))
    op.create_table(
        "walk_track_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("walk_id", sa.Integer(), nullable=False),
        sa.Column("track_key", sa.String(length=36), nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("accuracy_m", sa.Double(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("lat BETWEEN -90 AND 90", name=op.f("ck_walk_track_points_lat_range")),
        sa.CheckConstraint("lon BETWEEN -180 AND 180", name=op.f("ck_walk_track_points_lon_range")),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walks.id"], name=op.f("fk_walk_track_points_walk_id_walks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_track_points")),
        sa.UniqueConstraint(
            "walk_id",
            "track_key",
            "recorded_at",
            name=op.f("uq_walk_track_points_walk_id_track_key_recorded_at"),
        ),
    )
    with op.batch_alter_table("walk_track_points", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_walk_track_points_walk_id"), ["walk_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("walk_track_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_walk_track_points_walk_id"))
    op.drop_table("walk_track_points")
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.drop_column("tile_max_zoom")
        batch_op.drop_column("tile_min_zoom")
        batch_op.drop_column("tile_attribution")
        batch_op.drop_column("tile_url")
