"""Seed the observation categories of DESIGN.md §4 (admin-editable afterwards).

Revision ID: 0002_seed_categories
Revises: de96ac827683
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_seed_categories"
down_revision = "de96ac827683"
branch_labels = None
depends_on = None

# A frozen copy: later edits by admins or later migrations must not change what this one did.
CATEGORIES = [
    # code, Swedish, English, group, polarity, default organisation kind, sensitive
    (
        "lighting_missing",
        "Belysning saknas/trasig",
        "Lighting missing or broken",
        "A",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "lighting_poor",
        "Otillräcklig belysning, bländning",
        "Poor lighting, glare",
        "A",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "vegetation",
        "Skymmande vegetation",
        "Vegetation blocking the view",
        "A",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "sightlines",
        "Dålig överblick, gömställen",
        "Poor overview, hiding places",
        "A",
        "problem",
        "municipal_unit",
        False,
    ),
    ("isolated", "Öde plats", "Deserted place", "A", "problem", "municipal_unit", False),
    (
        "underpass",
        "Otrygg gångtunnel/passage",
        "Unsafe underpass or passage",
        "B",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "no_escape",
        "Saknar alternativ väg",
        "No alternative route",
        "B",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "signage",
        "Skyltning och orientering",
        "Signs and wayfinding",
        "B",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "path_condition",
        "Gång- och cykelväg: skick, tillgänglighet, halka",
        "Footpath or cycle path: condition, access, ice",
        "B",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "stop_station",
        "Hållplats, station, parkering",
        "Bus stop, station, car park",
        "B",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "graffiti",
        "Klotter, skadegörelse",
        "Graffiti, vandalism",
        "C",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "litter",
        "Nedskräpning, dumpning",
        "Litter, dumping",
        "C",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "broken_fixture",
        "Trasig eller eftersatt utrustning",
        "Broken or neglected fixture",
        "C",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "gathering",
        "Otrygg samlingsplats, ordningsstörning",
        "Unsafe gathering place, disorder",
        "D",
        "problem",
        "police",
        True,
    ),
    (
        "activity_lack",
        "Brist på aktivitet, förslag",
        "Lack of activity, suggestion",
        "D",
        "proposal",
        "municipal_unit",
        False,
    ),
    (
        "safe_place",
        "Trygg plats (guldkorn)",
        "Place that feels safe",
        "D",
        "positive",
        "municipal_unit",
        False,
    ),
    ("speeding", "Hög hastighet", "Speeding", "E", "problem", "police", False),
    (
        "crossing",
        "Osäker passage/övergångsställe",
        "Unsafe crossing",
        "E",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "junction_view",
        "Skymd sikt i korsning/utfart",
        "Blocked view at a junction or exit",
        "E",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "school_route",
        "Skolväg, hämtning/lämning",
        "School route, drop-off and pick-up",
        "E",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "parking",
        "Farlig felparkering",
        "Dangerous parking",
        "E",
        "problem",
        "municipal_unit",
        False,
    ),
    (
        "reckless_driving",
        "Buskörning, EPA-traktor, moped",
        "Reckless driving, A-tractors, mopeds",
        "E",
        "problem",
        "police",
        False,
    ),
    (
        "traffic_device",
        "Trafikanordning saknas eller fel",
        "Traffic device missing or wrong",
        "E",
        "problem",
        "municipal_unit",
        False,
    ),
    ("other", "Övrigt", "Other", "-", "problem", "municipal_unit", False),
]


def upgrade() -> None:
    categories = sa.table(
        "categories",
        sa.column("code", sa.String),
        sa.column("label_sv", sa.String),
        sa.column("label_en", sa.String),
        sa.column("group", sa.String),
        sa.column("default_polarity", sa.String),
        sa.column("default_organisation_kind", sa.String),
        sa.column("is_sensitive", sa.Boolean),
        sa.column("sort_order", sa.Integer),
        sa.column("is_active", sa.Boolean),
    )
    op.bulk_insert(
        categories,
        [
            {
                "code": code,
                "label_sv": label_sv,
                "label_en": label_en,
                "group": group,
                "default_polarity": polarity,
                "default_organisation_kind": organisation_kind,
                "is_sensitive": sensitive,
                "sort_order": position * 10,
                "is_active": True,
            }
            for position, (
                code,
                label_sv,
                label_en,
                group,
                polarity,
                organisation_kind,
                sensitive,
            ) in enumerate(CATEGORIES)
        ],
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM categories"))
