"""Reads of walks and what a walk is planned against, scoped to the actor's municipality."""

from collections.abc import Collection
from datetime import datetime
from itertools import groupby

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from walkapp import scope
from walkapp.events.models import Event, EventKind, SubjectType
from walkapp.observations.models import Observation
from walkapp.promises.models import Commitment, Promise
from walkapp.walks.models import Walk, WalkStatus, WalkTrackPoint
from walkapp.walks.route import simplify


def walks(db, actor, within: Collection[int] | None = None) -> list[Walk]:
    """The walks of the actor's municipalities (of those `within`, if given), newest first."""
    query = select(Walk).where(scope.walks(actor))
    if within is not None:
        query = query.where(Walk.municipality_id.in_(list(within)))
    return db.scalars(query.order_by(Walk.starts_at.desc())).all()


def repeatable_walks(db, actor) -> list[Walk]:
    """Walks that were held or are under way, which a new walk may repeat."""
    return db.scalars(
        select(Walk)
        .where(
            scope.walks(actor),
            Walk.status.in_([WalkStatus.ACTIVE, WalkStatus.CLOSED, WalkStatus.FOLLOWED_UP]),
        )
        .order_by(Walk.starts_at.desc())
    ).all()


def commitments_to_walk_for(db, actor) -> list[tuple[Commitment, Promise]]:
    """The commitments of the municipality's promises, with their promise, newest promise first."""
    return db.execute(
        select(Commitment, Promise)
        .join(Promise, Commitment.promise_id == Promise.id)
        .where(scope.municipal(actor, Promise.municipality_id))
        .order_by(Promise.ends_on.desc(), Commitment.position)
    ).all()


# A shared point this imprecise says little about the way walked; it is left off the line.
TRACK_MAX_ACCURACY_M = 50
# Simplified to this many metres: the shape of the way, not every step.
TRACK_TOLERANCE_M = 8


def walked_lines(db, walk: Walk) -> list[list[tuple[float, float]]]:
    """The shared tracks of a walk the caller may already see, as simplified (lat, lon) lines.

    Only lines: no track key, no time, so nobody can tell whose phone walked which line.
    """
    rows = db.execute(
        select(WalkTrackPoint.track_key, WalkTrackPoint.lat, WalkTrackPoint.lon)
        .where(
            WalkTrackPoint.walk_id == walk.id,
            or_(
                WalkTrackPoint.accuracy_m.is_(None),
                WalkTrackPoint.accuracy_m <= TRACK_MAX_ACCURACY_M,
            ),
        )
        .order_by(WalkTrackPoint.track_key, WalkTrackPoint.recorded_at)
    ).all()
    lines = [
        simplify([(row.lat, row.lon) for row in group], TRACK_TOLERANCE_M)
        for _key, group in groupby(rows, key=lambda row: row.track_key)
    ]
    return [line for line in lines if len(line) > 1]


def live_version(db, actor, walk_id: int) -> str | None:
    """A short fingerprint of a walk's observations (None: no such walk for the actor, or one
    not under way: pins arrive while it is active and in the grace after it closed).

    One indexed query: the count and the newest id and arrival change with every new pin.
    """
    row = db.execute(
        select(
            func.count(Observation.id), func.max(Observation.id), func.max(Observation.received_at)
        )
        .select_from(Walk)
        .outerjoin(Observation, Observation.walk_id == Walk.id)
        .where(
            Walk.id == walk_id,
            Walk.status.in_([WalkStatus.ACTIVE, WalkStatus.CLOSED]),
            scope.walks(actor),
        )
        .group_by(Walk.id)
    ).first()
    if row is None:
        return None
    count, newest, arrived = row
    return f"{walk_id}-{count}-{newest or 0}-{arrived.timestamp() if arrived else 0}"


def live_observations(db, actor, walk_id: int) -> list[Observation]:
    """A walk's observations for its staff's live map, oldest first."""
    return db.scalars(
        select(Observation)
        .join(Walk, Observation.walk_id == Walk.id)
        .where(Observation.walk_id == walk_id, scope.walks(actor), scope.observations(actor))
        .options(joinedload(Observation.category))
        .order_by(Observation.id)
    ).all()


def status_changed_at(db, walk: Walk, status: WalkStatus) -> datetime | None:
    """When the walk last moved into this status (None for walks made without their events)."""
    return db.scalar(
        select(func.max(Event.at)).where(
            Event.subject_type == SubjectType.WALK,
            Event.subject_id == walk.id,
            Event.kind == EventKind.STATUS_CHANGED,
            Event.to_status == status.value,
        )
    )
