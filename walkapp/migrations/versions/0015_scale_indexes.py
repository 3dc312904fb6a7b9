"""Indexes for a national installation (tests/test_query_plans.py checks them at 100,000
observations on PostgreSQL).

Every list of observations and actions starts from a municipality, so most indexes lead with it:
the review list, its map area and extent, Open311's last 90 days, the triage count, the action
queue. Across several municipalities (a police area, the national view) the review list pages by
date alone and the map finds its area by place alone. An observation's actions are found from the
observation, a walk's observations by when they were received, and a row's history comes in order
without sorting. Single-column indexes that are now the leading column of another go.

Revision ID: 0015_scale_indexes
Revises: 0014_police_areas
Create Date: 2026-12-01
"""

from alembic import op

revision = "0015_scale_indexes"
down_revision = "0014_police_areas"
branch_labels = None
depends_on = None

INDEXES = {
    "observations": {
        "ix_observations_municipality_recorded": ["municipality_id", "recorded_at", "id"],
        "ix_observations_recorded": ["recorded_at", "id"],
        "ix_observations_municipality_received": ["municipality_id", "received_at", "id"],
        "ix_observations_municipality_status": ["municipality_id", "status"],
        "ix_observations_municipality_lat_lon": ["municipality_id", "lat", "lon"],
        "ix_observations_lat_lon": ["lat", "lon"],
        "ix_observations_walk_received": ["walk_id", "received_at"],
    },
    "actions": {
        "ix_actions_municipality_status_due": ["municipality_id", "status", "due_on"],
    },
    "action_observations": {
        "ix_action_observations_observation_id": ["observation_id"],
    },
}
# Each is the leading column of a new index above, which serves every query it served.
REPLACED = {
    "ix_observations_municipality_id": "observations",
    "ix_observations_walk_id": "observations",
    "ix_actions_municipality_id": "actions",
}
# By id after the moment too: a row's history comes out of the index in order, unsorted.
EVENTS_SUBJECT = ["subject_type", "subject_id", "at", "id"]


def upgrade() -> None:
    for table, indexes in INDEXES.items():
        for name, columns in indexes.items():
            op.create_index(name, table, columns, unique=False)
    for name, table in REPLACED.items():
        op.drop_index(name, table_name=table)
    op.drop_index("ix_events_subject", table_name="events")
    op.create_index("ix_events_subject", "events", EVENTS_SUBJECT, unique=False)


def downgrade() -> None:
    raise NotImplementedError("walkapp migrates forward only; restore a backup to go back.")
