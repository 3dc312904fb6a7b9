"""The benches' bulk seeding: one municipality, its safety chief, walks and many observations.

Rows go in with bulk inserts straight to the tables, not through the services: a bench needs
100,000 observations in seconds, and measures what reads them, not how they were written. What
the benches want differently (the walks, the notes, the spread) comes in as arguments.
"""

import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, text

from walkapp.auth.models import Role, User
from walkapp.auth.services import PasswordRules, hash_password
from walkapp.observations.models import Category, Observation, ObservationStatus
from walkapp.places.models import Municipality
from walkapp.walks.models import Walk, WalkParticipant

CENTRE = (59.3745, 17.0319)  # Strängnäs
STARTS_AT = datetime(2026, 10, 1, 17, tzinfo=UTC)  # the first walk; one a day after it
BATCH = 10_000


def seed_frame(
    app,
    *,
    slug: str,
    email: str,
    password: str,
    walks: int = 20,
    centre: tuple[float, float] = CENTRE,
    local_epsg: int | None = None,
) -> dict:
    """A municipality, its safety chief and `walks` walks with a participant each, on a migrated
    database. Returns the frame add_observations fills: the municipality's id, its centre, the
    walks as (walk id, participant id, start) and the categories as (code, default polarity)."""
    rules = PasswordRules.from_config(app.config)
    password_hash = hash_password(password, rules=rules)
    municipality = {"local_epsg": local_epsg} if local_epsg else {}  # else the column's default
    with app.extensions["walkapp.engine"].begin() as connection:
        municipality_id = connection.execute(
            insert(Municipality).values(
                name="Strängnäs kommun",
                slug=slug,
                center_lat=centre[0],
                center_lon=centre[1],
                default_zoom=13,
                **municipality,
            )
        ).inserted_primary_key[0]
        connection.execute(
            insert(User).values(
                email=email,
                name="Bench Chief",
                role=Role.SAFETY_CHIEF,
                password_hash=password_hash,
                municipality_id=municipality_id,
            )
        )
        rows = []
        for n in range(walks):
            starts_at = STARTS_AT + timedelta(days=n)
            walk_id = connection.execute(
                insert(Walk).values(
                    municipality_id=municipality_id,
                    kind="safety",
                    title=f"Trygghetsvandring {n}",
                    starts_at=starts_at,
                )
            ).inserted_primary_key[0]
            participant_id = connection.execute(
                insert(WalkParticipant).values(
                    walk_id=walk_id,
                    display_name="Deltagare",
                    represents="resident",
                    consent_given_at=STARTS_AT,
                )
            ).inserted_primary_key[0]
            rows.append((walk_id, participant_id, starts_at))
        categories = connection.execute(select(Category.code, Category.default_polarity)).all()
    return {
        "municipality_id": municipality_id,
        "centre": centre,
        "walks": rows,
        "categories": categories,
    }


def add_observations(
    engine,
    frame: dict,
    start: int,
    count: int,
    rng: random.Random,
    *,
    note: Callable[[int], str] = lambda n: f"Iakttagelse {n}: mörkt och buskigt vid gångvägen",
    accuracy_m: float | None = None,
    approved: bool = False,
) -> None:
    """Observations number start .. start+count-1 in bulk inserts of BATCH rows, number n on the
    frame's walk n % walks, n % 90 minutes after it starts, spread around the centre by `rng`.

    note(n) writes the note; accuracy_m fixes the accuracy (else 3-40 m from rng); approved marks
    the notes approved."""
    statuses = list(ObservationStatus)
    lat, lon = frame["centre"]
    walks = frame["walks"]
    end = start + count
    for first in range(start, end, BATCH):
        rows = []
        for n in range(first, min(first + BATCH, end)):
            code, polarity = rng.choice(frame["categories"])
            walk_id, participant_id, walk_start = walks[n % len(walks)]
            recorded = walk_start + timedelta(minutes=n % 90)
            rows.append(
                {
                    "municipality_id": frame["municipality_id"],
                    "walk_id": walk_id,
                    "author_id": participant_id,
                    "client_uuid": uuid.UUID(int=rng.getrandbits(128)),
                    "lat": lat + rng.gauss(0, 0.02),
                    "lon": lon + rng.gauss(0, 0.04),
                    "accuracy_m": rng.uniform(3, 40) if accuracy_m is None else accuracy_m,
                    "location_source": "gps",
                    "category_code": code,
                    "polarity": polarity,
                    "severity": rng.randint(1, 3),
                    "note": note(n),
                    "note_approved_at": recorded if approved else None,
                    "recorded_at": recorded,
                    "received_at": recorded,
                    "status": rng.choice(statuses),
                    "is_masked": False,
                    "is_flagged": False,
                }
            )
        with engine.begin() as connection:
            connection.execute(insert(Observation), rows)


def analyze(engine) -> None:
    """The planner's statistics of the observations, as a database in service has them."""
    with engine.begin() as connection:
        connection.execute(text("ANALYZE observations"))
