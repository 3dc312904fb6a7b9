"""Planning, starting and closing walks, their join codes, and joining a walk by code."""

import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.db import utcnow
from walkapp.errors import DomainError, Forbidden, NotFound
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import change_status, record_event
from walkapp.places.models import Locality, Municipality, OrganisationKind
from walkapp.promises.models import Commitment, Promise
from walkapp.security import in_scope
from walkapp.walks.models import (
    WALK_TRANSITIONS,
    LightConditions,
    Represents,
    Walk,
    WalkKind,
    WalkParticipant,
    WalkStatus,
    WalkTrackPoint,
)
from walkapp.walks.route import parse_route
from walkapp.walks.timing import check_walk_open_for

# No 0/O, 1/I/L: the code is read aloud in the dark and typed with cold fingers.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
# A forgotten walk must not stay open to anyone holding an old code.
JOIN_CODE_LIFETIME = timedelta(hours=12)
PLANNERS = frozenset({Role.WALK_LEADER, Role.SAFETY_CHIEF})
# Planners and the kommunpolis: they read the walks, follow them live and walk along (the
# kommunpolis pins observations for the police); planning, starting and closing is the planners'.
WALK_STAFF = PLANNERS | {Role.POLICE_COORDINATOR}


class JoinCodeInvalid(DomainError):
    status_code = 404


def normalise_join_code(code: str) -> str:
    return "".join(char for char in code.upper() if char.isalnum())


def format_join_code(code: str) -> str:
    return f"{code[:3]}-{code[3:]}"


def _check_planner(actor: User, municipality_id: int) -> None:
    if actor.role not in PLANNERS or not in_scope(actor, municipality_id):
        raise Forbidden(_l("Only walk leaders and safety chiefs of the municipality manage walks."))


def plan_walk(
    db: Session,
    actor: User,
    *,
    municipality: Municipality,
    kind: WalkKind | str,
    title: str,
    starts_at: datetime,
    light_conditions: LightConditions | str,
    locality: Locality | None = None,
    commitments: list[Commitment] = (),
    weather_note: str = "",
    repeat_of: Walk | None = None,
    now: datetime | None = None,
) -> Walk:
    """Plan a walk; a repeat walk shows the earlier walk's observations on the field map.

    `now`: when it was planned (the demo's walks of earlier years); default the clock's now.
    """
    _check_planner(actor, municipality.id)
    if repeat_of is not None and repeat_of.municipality_id != municipality.id:
        raise DomainError(_l("The earlier walk belongs to another municipality."))
    if not title.strip():
        raise DomainError(_l("Give the walk a title."))
    if locality is not None and locality.municipality_id != municipality.id:
        raise DomainError(_l("The locality belongs to another municipality."))
    for commitment in commitments:
        if db.get(Promise, commitment.promise_id).municipality_id != municipality.id:
            raise DomainError(_l("The commitment belongs to another municipality's promise."))
    walk = Walk(
        municipality=municipality,
        locality=locality,
        kind=WalkKind(kind),
        title=title.strip(),
        starts_at=starts_at,
        light_conditions=LightConditions(light_conditions),
        weather_note=weather_note.strip(),
        leader=actor if actor.role == Role.WALK_LEADER else None,
        commitments=list(commitments),
        repeat_of=repeat_of,
        created_at=now or utcnow(),
    )
    db.add(walk)
    db.flush()
    record_event(db, actor, SubjectType.WALK, walk.id, EventKind.CREATED, at=walk.created_at)
    return walk


def new_join_code(db: Session) -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if db.scalar(select(Walk.id).where(Walk.join_code == code)) is None:
            return code


def rotate_join_code(db: Session, actor: User, walk: Walk) -> str:
    """Give an active walk a fresh code; the old one stops working at once."""
    _check_planner(actor, walk.municipality_id)
    if walk.status != WalkStatus.ACTIVE:
        raise DomainError(_l("Only a walk in progress has a join code."))
    walk.join_code = new_join_code(db)
    walk.join_code_expires_at = utcnow() + JOIN_CODE_LIFETIME
    record_event(
        db, actor, SubjectType.WALK, walk.id, EventKind.UPDATED, internal_note="join code rotated"
    )
    db.flush()
    return walk.join_code


def start_walk(
    db: Session,
    actor: User,
    walk: Walk,
    *,
    now: datetime | None = None,
    fixed_join_code: str | None = None,
) -> Walk:
    """Start the walk with a fresh join code that expires.

    `fixed_join_code`: a code that never expires (the demo's walk in progress, which the README
    prints); `now`: when it started (the demo's walks of earlier years).
    """
    _check_planner(actor, walk.municipality_id)
    now = now or utcnow()
    change_status(
        db, actor, walk, SubjectType.WALK, WalkStatus.ACTIVE, transitions=WALK_TRANSITIONS, at=now
    )
    if fixed_join_code is not None:
        walk.join_code = normalise_join_code(fixed_join_code)
        walk.join_code_expires_at = None
    else:
        walk.join_code = new_join_code(db)
        walk.join_code_expires_at = now + JOIN_CODE_LIFETIME
    if walk.leader is None and actor.role == Role.WALK_LEADER:
        walk.leader = actor
    db.flush()
    return walk


def close_walk(db: Session, actor: User, walk: Walk, *, now: datetime | None = None) -> Walk:
    _check_planner(actor, walk.municipality_id)
    now = now or utcnow()
    change_status(
        db, actor, walk, SubjectType.WALK, WalkStatus.CLOSED, transitions=WALK_TRANSITIONS, at=now
    )
    walk.ends_at = walk.ends_at or now
    # Closing expires the code: nobody joins a finished walk.
    walk.join_code = None
    walk.join_code_expires_at = None
    db.flush()
    return walk


def follow_up_walk(db: Session, actor: User, walk: Walk, *, now: datetime | None = None) -> Walk:
    """The chief marks a closed walk followed up: what it found has been assessed and answered."""
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, walk.municipality_id):
        raise Forbidden(_l("Only the municipality's safety chief marks a walk followed up."))
    change_status(
        db,
        actor,
        walk,
        SubjectType.WALK,
        WalkStatus.FOLLOWED_UP,
        transitions=WALK_TRANSITIONS,
        at=now,
    )
    return walk


def find_walk_by_code(db: Session, code: str) -> Walk:
    """The active walk with this join code, or JoinCodeInvalid for a wrong or expired one."""
    code = normalise_join_code(code)
    walk = db.scalar(select(Walk).where(Walk.join_code == code)) if code else None
    if walk is None or walk.status != WalkStatus.ACTIVE:
        raise JoinCodeInvalid(
            _l("No walk in progress has that code. Check the code with the walk leader.")
        )
    if walk.join_code_expires_at is not None and walk.join_code_expires_at < utcnow():
        raise JoinCodeInvalid(_l("The code has expired. Ask the walk leader for a new one."))
    return walk


@dataclass(frozen=True)
class Joiner:
    """Who joins a walk; a feedback address means they want to hear when what they pinned is
    fixed."""

    display_name: str
    represents: Represents
    consent: bool
    user: User | None = None
    feedback_email: str | None = None


def add_participant(
    db: Session, walk: Walk, joiner: Joiner, *, now: datetime | None = None
) -> WalkParticipant:
    """Add someone to a walk; an account holder who joins twice is the same participant."""
    if not joiner.consent:
        raise DomainError(_l("You need to agree to how your observations are used to join."))
    user, feedback_email = joiner.user, joiner.feedback_email
    display_name = joiner.display_name.strip()
    if not display_name:
        raise DomainError(_l("Enter a name the walk leader will recognise."))
    if user is not None:
        existing = db.scalar(
            select(WalkParticipant).where(
                WalkParticipant.walk_id == walk.id, WalkParticipant.user_id == user.id
            )
        )
        if existing is not None:
            return existing
    participant = WalkParticipant(
        walk=walk,
        user=user,
        display_name=display_name,
        represents=Represents(joiner.represents),
        consent_given_at=now or utcnow(),
        joined_at=now or utcnow(),
        wants_feedback=bool(feedback_email),
        feedback_email=(feedback_email or "").strip() or None,
    )
    db.add(participant)
    db.flush()
    return participant


def join_walk(db: Session, code: str, joiner: Joiner) -> WalkParticipant:
    """Join the walk in progress that has this code."""
    return add_participant(db, find_walk_by_code(db, code), joiner)


def join_as_planner(db: Session, actor: User, walk: Walk) -> WalkParticipant:
    """A walk's own leader, chief or kommunpolis pins observations too: their account vouches."""
    if actor.role not in WALK_STAFF or not in_scope(actor, walk.municipality_id):
        raise Forbidden(_l("Only the municipality's staff join a walk without its code."))
    if walk.status != WalkStatus.ACTIVE:
        raise DomainError(_l("The walk is not in progress; it takes no observations."))
    organisation = actor.organisation
    is_police = actor.role == Role.POLICE_COORDINATOR or (
        organisation is not None and organisation.kind == OrganisationKind.POLICE
    )
    return add_participant(
        db,
        walk,
        Joiner(
            display_name=actor.name,
            represents=Represents.POLICE if is_police else Represents.MUNICIPALITY,
            consent=True,
            user=actor,
        ),
    )


def get_walk(db: Session, actor: User, walk_id: int) -> Walk:
    walk = db.get(Walk, walk_id)
    if walk is None or not in_scope(actor, walk.municipality_id):
        raise NotFound(_l("The walk could not be found."))
    return walk


def set_walk_route(db: Session, actor: User, walk: Walk, geojson: str) -> Walk:
    """Store the planned route and stops (checked, see walkapp.walks.route); empty clears it."""
    _check_planner(actor, walk.municipality_id)
    if walk.status == WalkStatus.FOLLOWED_UP:
        raise DomainError(_l("The walk's protocol is published; its route no longer changes."))
    route = parse_route(geojson)
    walk.route_geojson = json.dumps(route, ensure_ascii=False) if route["features"] else None
    lines = [f for f in route["features"] if f["geometry"]["type"] == "LineString"]
    record_event(
        db,
        actor,
        SubjectType.WALK,
        walk.id,
        EventKind.UPDATED,
        internal_note=(
            f"route: {len(lines[0]['geometry']['coordinates']) if lines else 0} points, "
            f"{len(route['features']) - len(lines)} stops"
        ),
    )
    db.flush()
    return walk


TRACK_KEY = re.compile(r"^[A-Za-z0-9-]{8,36}$")
MAX_TRACK_BATCH = 200


@dataclass(frozen=True)
class TrackPoint:
    """One point of a shared track, parsed and in range (api/forms.py); recorded_at in UTC."""

    lat: float
    lon: float
    accuracy_m: float | None
    recorded_at: datetime


def record_track_points(
    db: Session,
    participant: WalkParticipant,
    track_key: str,
    points: tuple[TrackPoint, ...],
    *,
    now: datetime,
    late_grace: timedelta,
) -> int:
    """Store points of a track a participant chose to share; a retried point is stored once.

    The track_key is made on the phone for this walk: it tells tracks apart, never who walked.
    Points are taken while the walk is active, or sent within the grace after it closed when
    they were recorded during it (a phone that was offline); nothing before the walk started.
    The key's shape (TRACK_KEY) and the batch's size (MAX_TRACK_BATCH) are checked with the rest
    of the phone's JSON (api/forms.py).
    """
    if not points:
        return 0
    walk = participant.walk
    # The same window as observations: the earliest and the latest point bound the batch.
    moments = sorted(point.recorded_at for point in points)
    for moment in (moments[0], moments[-1]):
        check_walk_open_for(db, walk, "recorded_at", moment, now, late_grace)
    values = [
        {
            "lat": point.lat,
            "lon": point.lon,
            "accuracy_m": point.accuracy_m,
            "recorded_at": point.recorded_at,
            "walk_id": walk.id,
            "track_key": track_key,
            "received_at": now,
        }
        for point in points
    ]
    # Both databases we run on know ON CONFLICT DO NOTHING: a retry inserts nothing twice.
    insert = postgresql_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    db.execute(
        insert(WalkTrackPoint).on_conflict_do_nothing(
            index_elements=["walk_id", "track_key", "recorded_at"]
        ),
        values,
    )
    return len(values)
