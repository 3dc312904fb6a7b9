"""Reads of observations, scoped to the actor by the one rule in walkapp.scope."""

import math
from collections.abc import Collection

from sqlalchemy import func, select

from walkapp import scope
from walkapp.observations.models import (
    Category,
    CheckVerdict,
    Observation,
    ObservationCheck,
    ObservationStatus,
)
from walkapp.walks.models import Walk


def observation(db, actor, observation_id: int) -> Observation | None:
    """An observation the actor may read, or None ("not yours" looks like "not there")."""
    return scope.get_scoped(db, actor, Observation, observation_id)


def observations_of_walk(db, actor, walk_id: int) -> list[Observation]:
    """A walk's observations the actor may read, in the order they were recorded."""
    return db.scalars(
        select(Observation)
        .where(Observation.walk_id == walk_id, scope.observations(actor))
        .order_by(Observation.recorded_at, Observation.id)
    ).all()


def status_counts_of_walks(db, actor, walk_ids: Collection[int]) -> dict[ObservationStatus, int]:
    """How many observations of these walks stand in each status (duplicates left out): figures
    of the municipality's promise, which every reader of the promise may see as counts."""
    return dict(
        db.execute(
            select(Observation.status, func.count(Observation.id))
            .where(
                Observation.walk_id.in_(list(walk_ids)),
                Observation.status != ObservationStatus.DUPLICATE,
                scope.municipal(actor, Observation.municipality_id),
            )
            .group_by(Observation.status)
        ).all()
    )


def active_categories(db) -> list[Category]:
    """The categories offered for new observations (reference data, the same for everyone)."""
    return db.scalars(
        select(Category).where(Category.is_active).order_by(Category.sort_order)
    ).all()


def categories(db) -> list[Category]:
    """Every category, by group and position (reference data, the same for everyone)."""
    return db.scalars(select(Category).order_by(Category.group, Category.sort_order)).all()


# ---------- what a walk's member reads on its phone (the actor is the walk participant) ----------


def observations_for_member(db, participant) -> list[Observation]:
    """The observations of the member's walk: positions and categories for its map; the API
    shows notes and photo counts of the member's own ones only."""
    return db.scalars(
        select(Observation)
        .where(Observation.walk_id == participant.walk_id)
        .order_by(Observation.id)
    ).all()


def observation_by_client_uuid(db, participant, client_uuid) -> Observation | None:
    """An observation of the member's walk, by the id its phone made for it."""
    return db.scalar(
        select(Observation).where(
            Observation.client_uuid == client_uuid, Observation.walk_id == participant.walk_id
        )
    )


def verdicts_of(db, participant) -> dict[int, str]:
    """What this member said of each earlier observation it checked (the latest word counts)."""
    return dict(
        db.execute(
            select(ObservationCheck.observation_id, ObservationCheck.verdict)
            .where(ObservationCheck.participant_id == participant.id)
            .order_by(ObservationCheck.id)
        ).all()
    )


def earlier_observations(db, walk: Walk) -> list[Observation]:
    """What a repeat walk revisits: the earlier walk's observations, duplicates left out."""
    if walk.repeat_of_id is None:
        return []
    return list(
        db.scalars(
            select(Observation)
            .where(
                Observation.walk_id == walk.repeat_of_id,
                Observation.status != ObservationStatus.DUPLICATE,
            )
            .order_by(Observation.recorded_at, Observation.id)
        )
    )


def check_summary(db, observation: Observation) -> list[tuple[CheckVerdict, int]]:
    """How participants of repeat walks judged the observation, for the chief."""
    rows = db.execute(
        select(ObservationCheck.verdict, func.count(ObservationCheck.id))
        .where(ObservationCheck.observation_id == observation.id)
        .group_by(ObservationCheck.verdict)
    ).all()
    counts = dict(rows)
    return [(verdict, counts[verdict]) for verdict in CheckVerdict if counts.get(verdict)]


EARTH_RADIUS_M = 6_371_000


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine); plenty for a few hundred metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def nearby_observations(
    db, observation: Observation, radius_m: float
) -> list[tuple[Observation, float]]:
    """Possible duplicates: same group and municipality, within the radius, nearest first."""
    dlat = radius_m / 111_320
    dlon = radius_m / (111_320 * max(math.cos(math.radians(observation.lat)), 0.01))
    candidates = db.scalars(
        select(Observation)
        .join(Category, Observation.category_code == Category.code)
        .where(
            Observation.municipality_id == observation.municipality_id,
            Observation.id != observation.id,
            Category.group == observation.category.group,
            Observation.lat.between(observation.lat - dlat, observation.lat + dlat),
            Observation.lon.between(observation.lon - dlon, observation.lon + dlon),
        )
    ).all()
    found = [
        (other, distance_m(observation.lat, observation.lon, other.lat, other.lon))
        for other in candidates
    ]
    return sorted((pair for pair in found if pair[1] <= radius_m), key=lambda pair: pair[1])


def duplicates_of(db, survivor: Observation) -> list[Observation]:
    """The observations merged into this one, oldest first."""
    return list(
        db.scalars(
            select(Observation)
            .where(Observation.duplicate_of_id == survivor.id)
            .order_by(Observation.recorded_at)
        )
    )
