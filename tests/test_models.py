"""The database itself protects the data: unique client UUIDs, foreign keys, ranges and enums."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, StatementError

from walkapp.auth.models import Role, User
from walkapp.observations.models import Observation
from walkapp.photos.models import Photo


def _fails(db, statement, params):
    with pytest.raises(IntegrityError):
        db.execute(text(statement), params)
        db.commit()
    db.rollback()


def test_a_client_uuid_is_stored_once(db, make_observation):
    first = make_observation()
    again = Observation(
        municipality_id=first.municipality_id,
        walk_id=first.walk_id,
        client_uuid=first.client_uuid,
        lat=59.0,
        lon=17.0,
        category_code="litter",
        polarity="problem",
        recorded_at=datetime.now(UTC),
    )
    db.add(again)
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("lat", 91.0),
        ("lon", -181.0),
        ("severity", 4),
        ("feeling", 7),
        ("accuracy_m", -1.0),
        ("status", "lost"),
        ("polarity", "meh"),
        ("category_code", "no_such_category"),
    ],
)
def test_impossible_observation_values_are_refused_by_the_database(
    db, make_observation, column, value
):
    observation = make_observation()
    _fails(
        db,
        f"UPDATE observations SET {column} = :value WHERE id = :id",
        {"value": value, "id": observation.id},
    )
    db.expire_all()
    assert db.get(Observation, observation.id).lat == 59.3745


def test_an_observation_cannot_be_its_own_duplicate(db, make_observation):
    observation = make_observation()
    _fails(
        db, "UPDATE observations SET duplicate_of_id = id WHERE id = :id", {"id": observation.id}
    )


def test_foreign_keys_hold(db, make_observation):
    observation = make_observation()
    _fails(db, "UPDATE observations SET walk_id = 999999 WHERE id = :id", {"id": observation.id})


def test_a_handler_needs_an_organisation_and_others_a_municipality(db, municipality):
    for role, municipality_id in (("handler", municipality.id), ("walk_leader", None)):
        _fails(
            db,
            "INSERT INTO users (email, name, password_hash, role, municipality_id, is_active, "
            "session_epoch, created_at) VALUES (:email, 'X', 'h', :role, :m, true, 0, :now)",
            {
                "email": f"{role}@example.se",
                "role": role,
                "m": municipality_id,
                "now": datetime(2026, 1, 1),
            },
        )


def test_emails_are_stored_in_lower_case(db, municipality):
    db.add(
        User(
            email="Big@Example.se",
            name="B",
            password_hash="h",
            role=Role.ADMIN,
            municipality=municipality,
        )
    )
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()


def test_a_photo_belongs_to_exactly_one_owner(db, make_action):
    action = make_action()
    observation = action.observations[0]
    both = Photo(
        observation_id=observation.id,
        action_id=action.id,
        kind="before",
        storage_key="k",
        sha256="0" * 64,
        width=1,
        height=1,
        bytes=1,
    )
    db.add(both)
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()


def test_naive_datetimes_are_refused_and_aware_ones_come_back_in_utc(db, make_walk):
    walk = make_walk()
    walk.ends_at = datetime(2021, 10, 12, 20, 0)  # no time zone: ambiguous, refused
    with pytest.raises(StatementError):
        db.commit()
    db.rollback()
    db.expire_all()
    assert db.get(type(walk), walk.id).starts_at == datetime(2021, 10, 12, 16, 30, tzinfo=UTC)
