"""Fixtures: a migrated database per session, app, client, db, login_as and make_* factories."""

import io
import os
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from PIL import Image
from sqlalchemy import text

from walkapp import create_app
from walkapp.actions.models import Action
from walkapp.auth.models import Role, User
from walkapp.auth.services import PasswordRules, hash_password
from walkapp.db import Base, make_engine
from walkapp.migrations.tool import upgrade
from walkapp.observations.models import Category, Observation
from walkapp.places.models import Locality, Municipality, Organisation, PoliceArea
from walkapp.promises.models import Commitment, Promise
from walkapp.walks.models import Walk, WalkParticipant

PASSWORD = "correct horse battery staple"
# Reference data the migrations insert; emptying tables between tests keeps it.
KEEP_TABLES = {"categories", "alembic_version"}


def _postgres_url() -> str | None:
    url = os.environ.get("WALKAPP_TEST_DATABASE_URL") or os.environ.get("WALKAPP_DATABASE_URL")
    return url if url and url.startswith("postgresql") else None


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """SQLite in a temporary folder, or a fresh schema of its own in the configured PostgreSQL."""
    base_url = _postgres_url()
    if base_url is None:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'walkapp.sqlite3'}"
        return
    schema = f"walkapp_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(base_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base_url else "?"
    yield f"{base_url}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def migrated(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    return database_url


def empty_tables(engine) -> None:
    tables = [t for t in reversed(Base.metadata.sorted_tables) if t.name not in KEEP_TABLES]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def app_config(migrated, tmp_path):
    return {
        "TESTING": True,
        "REQUEST_LOG": False,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-for-walkapp",
        "DATABASE_URL": migrated,
        "PHOTO_DIR": str(tmp_path / "photos"),
        "WTF_CSRF_ENABLED": False,
        # Production strength is asserted in test_auth; here a hash must not cost 0.4 s.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        # No detector threads behind the tests' backs: tests of detection run it themselves.
        "PHOTO_DETECTION": "cli",
    }


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    yield app
    engine = app.extensions["walkapp.engine"]
    empty_tables(engine)
    engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db(app):
    """A session of the test's own: requests use theirs, so a test sees only what was committed."""
    session = app.extensions["walkapp.sessionmaker"]()
    yield session
    session.close()


# ----- factories -------------------------------------------------------------------------


@pytest.fixture
def make_municipality(db):
    def make(name="Strängnäs kommun", slug=None, **fields):
        municipality = Municipality(
            name=name,
            slug=slug or name.split()[0].lower().replace("ä", "a").replace("ö", "o"),
            center_lat=fields.pop("center_lat", 59.3772),
            center_lon=fields.pop("center_lon", 17.0315),
            local_epsg=fields.pop("local_epsg", 3010),
            **fields,
        )
        db.add(municipality)
        db.commit()
        return municipality

    return make


@pytest.fixture
def municipality(make_municipality):
    return make_municipality()


@pytest.fixture
def other_municipality(make_municipality):
    return make_municipality("Söderköpings kommun", center_lat=58.4806, center_lon=16.3228)


@pytest.fixture
def make_organisation(db, municipality):
    def make(name="Teknik- och servicekontoret", kind="municipal_unit", municipality=municipality):
        organisation = Organisation(municipality=municipality, name=name, kind=kind)
        db.add(organisation)
        db.commit()
        return organisation

    return make


@pytest.fixture
def make_locality(db, municipality):
    def make(name="Mariefred", municipality=municipality, lat=59.2597, lon=17.2237):
        locality = Locality(municipality=municipality, name=name, center_lat=lat, center_lon=lon)
        db.add(locality)
        db.commit()
        return locality

    return make


@pytest.fixture
def make_user(app, db, municipality, make_organisation):
    counter = iter(range(1, 10_000))

    def make(role: Role | str = Role.SAFETY_CHIEF, municipality=municipality, **fields):
        role = Role(role)
        if role == Role.POLICE_AREA:
            # A police area officer stands above municipalities: by default over the area of
            # the one given (which gets an area of its own if it has none).
            fields.setdefault("police_area", _area_of(db, municipality))
            municipality = None
        organisation = fields.pop("organisation", None)
        if role == Role.HANDLER and organisation is None:
            organisation = make_organisation(
                name=f"Organisation {next(counter)}", municipality=municipality
            )
        user = User(
            email=fields.pop("email", f"{role.value}{next(counter)}@example.se"),
            name=fields.pop("name", f"{role.value.replace('_', ' ').title()}"),
            role=role,
            password_hash=_hash(app, fields.pop("password", PASSWORD)),
            municipality=municipality,
            organisation=organisation,
            **fields,
        )
        db.add(user)
        db.commit()
        return user

    return make


def _area_of(db, municipality) -> PoliceArea:
    if municipality is not None and municipality.police_area is not None:
        return municipality.police_area
    name = f"Lokalpolisområde {municipality.name if municipality else uuid.uuid4().hex[:8]}"
    area = PoliceArea(name=name)
    db.add(area)
    if municipality is not None:
        municipality.police_area = area
    db.flush()
    return area


def _hash(app, password: str) -> str:
    with app.app_context():
        return hash_password(password, rules=PasswordRules.from_config(app.config))


@pytest.fixture
def login(client):
    def do_login(user: User, password: str = PASSWORD, test_client=None):
        response = (test_client or client).post(
            "/login", data={"email": user.email, "password": password}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return do_login


@pytest.fixture
def login_as(make_user, login):
    """Log the test client in as a new user of the given role (in the default municipality)."""

    def do(role: Role | str, **fields):
        return login(make_user(role, **fields))

    return do


@pytest.fixture
def make_promise(db, municipality):
    def make(title="Medborgarlöfte 2021", municipality=municipality, year=2021, commitments=()):
        promise = Promise(
            municipality=municipality,
            title=title,
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
            follow_up_kind="tertial",
        )
        for position, (text_, kind, target) in enumerate(commitments, start=1):
            promise.commitments.append(
                Commitment(
                    position=position,
                    text=text_,
                    responsible="both",
                    activity_kind=kind,
                    target_count=target,
                )
            )
        db.add(promise)
        db.commit()
        return promise

    return make


@pytest.fixture
def make_walk(db, municipality):
    def make(title="Trygghetsvandring centrum", municipality=municipality, **fields):
        walk = Walk(
            municipality=municipality,
            title=title,
            kind=fields.pop("kind", "safety"),
            starts_at=fields.pop("starts_at", datetime(2021, 10, 12, 16, 30, tzinfo=UTC)),
            **fields,
        )
        db.add(walk)
        db.commit()
        return walk

    return make


@pytest.fixture
def make_observation(db, make_walk):
    def make(walk=None, **fields):
        walk = walk or make_walk()
        author = fields.pop("author", None)
        if author is None:
            author = WalkParticipant(
                walk=walk,
                display_name="Anna",
                represents="resident",
                consent_given_at=walk.starts_at,
            )
            db.add(author)
        category = db.get(Category, fields.pop("category_code", "lighting_missing"))
        observation = Observation(
            municipality_id=walk.municipality_id,
            walk=walk,
            author=author,
            lat=fields.pop("lat", 59.3745),
            lon=fields.pop("lon", 17.0319),
            category=category,
            polarity=fields.pop("polarity", category.default_polarity),
            recorded_at=fields.pop("recorded_at", walk.starts_at + timedelta(minutes=5)),
            note=fields.pop("note", "Lampan är trasig."),
            **fields,
        )
        db.add(observation)
        db.commit()
        return observation

    return make


@pytest.fixture
def make_action(db, make_observation, make_organisation):
    def make(observations=None, organisation=None, **fields):
        observations = observations or [make_observation()]
        organisation = organisation or make_organisation(name=f"Org {uuid.uuid4().hex[:6]}")
        action = Action(
            municipality_id=observations[0].municipality_id,
            organisation=organisation,
            title=fields.pop("title", "Byt lampa"),
            **fields,
        )
        action.observations.extend(observations)
        db.add(action)
        db.commit()
        return action

    return make


@pytest.fixture
def make_photo_bytes():
    """A JPEG made by Pillow, optionally with EXIF orientation and GPS, never a committed file."""

    def make(width=640, height=480, color=(200, 40, 40), fmt="JPEG", exif=None):
        image = Image.new("RGB", (width, height), color)
        buffer = io.BytesIO()
        kwargs = {"exif": exif} if exif is not None else {}
        image.save(buffer, fmt, **kwargs)
        return buffer.getvalue()

    return make
