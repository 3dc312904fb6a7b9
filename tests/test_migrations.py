"""Alembic migrations build exactly the models' schema, upgrade in place and never drop data."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

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
