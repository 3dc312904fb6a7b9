"""Alembic migrations build exactly the models' schema, upgrade in place and never drop data."""

import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from walkapp.db import Base, make_engine
from walkapp.migrations.tool import current_revision, upgrade
from walkapp.observations.models import Category
from walkapp.places.models import Municipality

VERSIONS = Path(__file__).parent.parent / "walkapp" / "migrations" / "versions"


def test_migrations_produce_exactly_the_models_schema(migrated):
    engine = make_engine(migrated)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_as_batch": True},
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_every_model_table_exists_with_its_check_constraints(migrated):
    engine = make_engine(migrated)
    inspector = inspect(engine)
    assert set(Base.metadata.tables) <= set(inspector.get_table_names())
    checks = {c["name"] for c in inspector.get_check_constraints("observations")}
    assert {"ck_observations_lat_range", "ck_observations_lon_range"} <= checks
    engine.dispose()


def test_init_db_upgrades_in_place_and_keeps_data(app, db):
    db.add(Municipality(name="Ekerö kommun", slug="ekero", center_lat=59.29, center_lon=17.81))
    db.commit()
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    result = app.test_cli_runner().invoke(args=["init-db"])
    head = current_revision(app.extensions["walkapp.engine"])
    assert f"revision {head}" in result.output
    assert head == sorted(p.stem for p in VERSIONS.glob("0*.py"))[-1]
    assert db.scalar(select(func.count(Municipality.id))) == 1


def test_a_fresh_sqlite_database_is_built_from_nothing(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Category)).scalar() == 24
        assert connection.execute(text("PRAGMA foreign_key_check")).fetchall() == []
    engine.dispose()


def test_the_categories_of_the_design_are_seeded(db):
    codes = set(db.scalars(select(Category.code)))
    assert {"lighting_missing", "gathering", "safe_place", "reckless_driving", "other"} <= codes
    gathering = db.get(Category, "gathering")
    assert gathering.default_organisation_kind == "police" and gathering.is_sensitive
    assert db.get(Category, "safe_place").default_polarity == "positive"


@pytest.fixture
def empty_engine(tmp_path):
    """A database with nothing in it: a SQLite file, or a fresh schema of the test PostgreSQL."""
    from tests.conftest import _postgres_url

    base_url = _postgres_url()
    if base_url is None:
        engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
        yield engine
        engine.dispose()
        return
    schema = f"walkapp_empty_{uuid.uuid4().hex[:10]}"
    admin = make_engine(base_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base_url else "?"
    engine = make_engine(f"{base_url}{separator}options=-csearch_path%3D{schema}")
    yield engine
    engine.dispose()
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_police_areas_are_made_from_the_names_the_municipalities_gave(empty_engine):
    upgrade(empty_engine, "0013_joint_follow_ups")
    insert = text(
        "INSERT INTO municipalities (name, slug, center_lat, center_lon, default_zoom, local_epsg,"
        " follow_up_kind, created_at, auto_publish_clean_notes, police_area) VALUES (:name, :slug,"
        " 59.4, 17.0, 12, 3010, 'tertial', CURRENT_TIMESTAMP, false, :area)"
    )
    with empty_engine.begin() as connection:
        for slug, area in (
            ("strangnas", "Lokalpolisområde Eskilstuna"),
            ("eskilstuna", " Lokalpolisområde Eskilstuna "),
            # Case and inner spacing aside, one name is one area, as the Cooperation page reads it.
            ("torshalla", "LOKALPOLISOMRÅDE  eskilstuna"),
            ("soderkoping", "Lokalpolisområde Norrköping"),
            ("ekero", None),
            ("salem", ""),
        ):
            connection.execute(insert, {"name": slug.title(), "slug": slug, "area": area})
        connection.execute(
            text(
                "INSERT INTO users (email, name, password_hash, role, is_active, session_epoch,"
                " created_at) VALUES ('a@example.se', 'A', 'x', 'admin', true, 0,"
                " CURRENT_TIMESTAMP)"
            )
        )
    upgrade(empty_engine)
    with empty_engine.connect() as connection:
        areas = dict(connection.execute(text("SELECT id, name FROM police_areas")).all())
        of = dict(connection.execute(text("SELECT slug, police_area_id FROM municipalities")).all())
    assert sorted(areas.values()) == ["Lokalpolisområde Eskilstuna", "Lokalpolisområde Norrköping"]
    assert of["strangnas"] == of["eskilstuna"] == of["torshalla"]
    assert areas[of["strangnas"]] == "Lokalpolisområde Eskilstuna"
    assert areas[of["soderkoping"]] == "Lokalpolisområde Norrköping"
    assert of["ekero"] is None and of["salem"] is None
    assert "police_area" not in {
        c["name"] for c in inspect(empty_engine).get_columns("municipalities")
    }
    # The new role is allowed, and the database keeps a police area officer out of municipalities.
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (email, name, password_hash, role, is_active, session_epoch,"
                " created_at, police_area_id) VALUES ('lpo@example.se', 'L', 'x', 'police_area',"
                " true, 0, CURRENT_TIMESTAMP, :area)"
            ),
            {"area": of["strangnas"]},
        )
    with pytest.raises(IntegrityError), empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (email, name, password_hash, role, is_active, session_epoch,"
                " created_at) VALUES ('lpo2@example.se', 'L', 'x', 'police_area', true, 0,"
                " CURRENT_TIMESTAMP)"
            )
        )
