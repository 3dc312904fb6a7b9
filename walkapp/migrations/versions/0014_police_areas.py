"""Police areas: a table of the police's local areas, each covering one or more municipalities,
and the police area role, whose officer reads (never writes) the rows of every municipality of
the area.

The municipalities' free-text police_area becomes a reference to one row per distinct name (as
typed, trimmed), so two municipalities that wrote the same name now share the area.

Revision ID: 0014_police_areas
Revises: 0013_joint_follow_ups
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_police_areas"
down_revision = "0013_joint_follow_ups"
branch_labels = None
depends_on = None

OLD_ROLES = ("participant", "walk_leader", "safety_chief", "handler", "admin", "police_coordinator")
NEW_ROLES = (*OLD_ROLES, "police_area")


def _in(column: str, values: tuple[str, ...]) -> sa.TextClause:
    return sa.text(f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")")


def upgrade() -> None:
    op.create_table(
        "police_areas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_police_areas")),
        sa.UniqueConstraint("name", name=op.f("uq_police_areas_name")),
    )
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("police_area_id", sa.Integer(), nullable=True))
    # One area per name with case and spacing aside, as the app compares them afterwards (in
    # Python: SQLite's lower() leaves å, ä and ö as they are); the first spelling names it.
    bind = op.get_bind()
    named: dict[str, tuple[str, list[int]]] = {}
    for municipality_id, text in bind.execute(
        sa.text("SELECT id, police_area FROM municipalities ORDER BY id")
    ):
        name = " ".join((text or "").split())
        if name:
            named.setdefault(name.casefold(), (name, []))[1].append(municipality_id)
    for name, municipality_ids in named.values():
        bind.execute(
            sa.text(
                "INSERT INTO police_areas (name, created_at) VALUES (:name, CURRENT_TIMESTAMP)"
            ),
            {"name": name},
        )
        area_id = bind.execute(
            sa.text("SELECT id FROM police_areas WHERE name = :name"), {"name": name}
        ).scalar_one()
        bind.execute(
            sa.text("UPDATE municipalities SET police_area_id = :area WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"area": area_id, "ids": municipality_ids},
        )
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_municipalities_police_area_id"), ["police_area_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_municipalities_police_area_id_police_areas"),
            "police_areas",
            ["police_area_id"],
            ["id"],
        )
        batch_op.drop_column("police_area")

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("police_area_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_users_police_area_id"), ["police_area_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_users_police_area_id_police_areas"),
            "police_areas",
            ["police_area_id"],
            ["id"],
        )
        batch_op.drop_constraint(batch_op.f("ck_users_role"), type_="check")
        batch_op.create_check_constraint("role", _in("role", NEW_ROLES))
        batch_op.drop_constraint(batch_op.f("ck_users_municipality_unless_admin"), type_="check")
        batch_op.create_check_constraint(
            "municipality_unless_admin_or_area",
            sa.text("role IN ('admin', 'police_area') OR municipality_id IS NOT NULL"),
        )
        batch_op.create_check_constraint(
            "police_area_only_for_its_role",
            sa.text(
                "(role = 'police_area' AND police_area_id IS NOT NULL AND municipality_id IS NULL)"
                " OR (role <> 'police_area' AND police_area_id IS NULL)"
            ),
        )


def downgrade() -> None:
    raise NotImplementedError("walkapp migrates forward only; restore a backup to go back.")
