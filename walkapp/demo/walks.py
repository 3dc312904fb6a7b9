"""The demo's walks: planned, started, joined, closed and followed up through the walk services."""

from datetime import timedelta

from walkapp.demo.context import Demo, current_title
from walkapp.demo.fieldwork import publish_reviewed, seed_checks, seed_observation
from walkapp.demo.story import PARTICIPANTS, WALKS
from walkapp.places.models import Locality
from walkapp.promises.models import Commitment, Promise
from walkapp.walks.models import Represents, Walk, WalkParticipant
from walkapp.walks.services import (
    Joiner,
    add_participant,
    close_walk,
    follow_up_walk,
    plan_walk,
    start_walk,
)

# Planned three weeks ahead; two hours long.
PLANNED_AHEAD = timedelta(days=21)
WALK_LENGTH = timedelta(hours=2)


def seed_walks(demo: Demo) -> None:
    walks_by_title: dict[str, Walk | None] = {}
    for spec in WALKS:
        walks_by_title[spec["title"]] = _seed_walk(demo, spec, walks_by_title)


def _commitments(demo: Demo, municipality_id: int, spec: dict) -> list[Commitment]:
    commitments = []
    for promise_title, position in spec["commitments"]:
        if promise_title == "CURRENT":
            promise_title = current_title(demo.today.year)
        promise = demo.one(Promise, municipality_id=municipality_id, title=promise_title)
        commitments.append(demo.one(Commitment, promise_id=promise.id, position=position))
    return commitments


def _participants(demo: Demo, walk: Walk, spec: dict) -> list[WalkParticipant]:
    """Three to five people join as the walk starts; the demo participant with an account too."""
    participants = []
    for index, (name, represents) in enumerate(PARTICIPANTS[: 3 + len(spec["observations"]) % 3]):
        participants.append(
            add_participant(
                demo.db,
                walk,
                Joiner(display_name=name, represents=Represents(represents), consent=True),
                now=walk.starts_at + timedelta(minutes=index),
            )
        )
    if spec.get("participant_user"):
        user = demo.users["deltagare@strangnas.example"]
        participants.append(
            add_participant(
                demo.db,
                walk,
                Joiner(
                    display_name=user.name,
                    represents=Represents.RESIDENT,
                    consent=True,
                    user=user,
                    feedback_email=user.email,
                ),
                now=walk.starts_at,
            )
        )
    return participants


def _seed_walk(demo: Demo, spec: dict, walks_by_title: dict) -> Walk | None:
    municipality = demo.municipalities[spec["municipality"]]
    existing = demo.one(Walk, municipality_id=municipality.id, title=spec["title"])
    if existing is not None:
        return existing
    starts_at = demo.local(spec["starts_at"])
    if spec["status"] != "planned" and starts_at > demo.now:
        return None  # this year's walk of a later month, when the demo is loaded early in a year
    chief = demo.chief(municipality.id)
    # Strängnäs has a walk leader; in Söderköping the chief leads the walks.
    leader = (
        demo.users["ledare@strangnas.example"] if spec["municipality"] == "strangnas" else chief
    )
    walk = plan_walk(
        demo.db,
        leader,
        municipality=municipality,
        kind=spec["kind"],
        title=spec["title"],
        starts_at=starts_at,
        light_conditions=spec["light"],
        locality=demo.one(Locality, municipality_id=municipality.id, name=spec["locality"]),
        commitments=_commitments(demo, municipality.id, spec),
        weather_note=spec["weather"],
        repeat_of=walks_by_title.get(spec.get("repeat_of")),
        now=starts_at - PLANNED_AHEAD,
    )
    if spec["status"] == "planned":
        return walk
    # The demo's walk in progress keeps a fixed code that the README gives (no expiry).
    start_walk(demo.db, leader, walk, now=starts_at, fixed_join_code=spec.get("join_code"))
    participants = _participants(demo, walk, spec)
    for index, row in enumerate(spec["observations"]):
        seed_observation(demo, walk, participants[index % len(participants)], index, row)
    if spec.get("checks"):
        seed_checks(demo, walk, participants[0], spec["checks"])
    if spec["status"] != "active":  # the walk in progress waits for review, as a real one would
        publish_reviewed(demo, walk, chief)
    if spec["status"] in {"closed", "followed_up"}:
        close_walk(demo.db, leader, walk, now=starts_at + WALK_LENGTH)
    if spec["status"] == "followed_up":
        follow_up_walk(demo.db, chief, walk, now=starts_at + timedelta(days=120))
    return walk
