"""The demo's observations recorded, assessed, acted on, checked again and published.

Each step goes through the service a real user's request calls, with the story's time.
"""

import hashlib
import uuid
from datetime import timedelta

from sqlalchemy import select

from walkapp.actions.assignment import assign_action
from walkapp.actions.checks import CheckInput, record_check
from walkapp.actions.models import ActionStatus
from walkapp.actions.services import change_action_status, create_action
from walkapp.auth.models import Role, User
from walkapp.demo.context import Demo
from walkapp.demo.photos import demo_photo
from walkapp.demo.story import ACTION_PATHS, PLACE_OWNERS, PUBLIC_REASONS
from walkapp.observations.creation import NewObservation, create_observation
from walkapp.observations.models import Category, CheckVerdict, Observation, ObservationStatus
from walkapp.observations.photos import attach_photo
from walkapp.observations.publication import approve_note, approve_photo
from walkapp.observations.services import (
    set_place_owner,
    triage_observation,
)
from walkapp.personal_data import find_personal_data
from walkapp.photos.models import Photo
from walkapp.photos.settings import photo_settings
from walkapp.places.models import Organisation
from walkapp.walks.models import Walk, WalkParticipant

# Observation and check ids are derived from the story, so a second run finds the first run's.
DEMO_NAMESPACE = uuid.UUID("6f1d3c52-8a57-4e0e-9a3c-7d1f0f6c2b11")
# The phone sends while the walk is on; this only bounds what the services would accept late.
LATE_GRACE = timedelta(hours=24)
ACCURACIES = [6.0, 12.0, 25.0, 9.0]
PRIORITIES = {3: "high", 2: "normal", 1: "low"}


def seed_observation(
    demo: Demo, walk: Walk, author: WalkParticipant, index: int, row: tuple
) -> None:
    code, lat, lon, note, severity, feeling, outcome, organisation_name = row
    db = demo.db
    recorded_at = walk.starts_at + timedelta(minutes=8 * (index + 1))
    category = db.get(Category, code)
    observation = create_observation(
        db,
        walk.municipality,
        NewObservation(
            client_uuid=uuid.uuid5(DEMO_NAMESPACE, f"{walk.title}/{index}"),
            lat=lat,
            lon=lon,
            accuracy_m=ACCURACIES[index % 4],
            category=category,
            polarity=category.default_polarity,
            severity=severity,
            feeling=feeling,
            note=note,
            recorded_at=recorded_at,
        ),
        author=author,
        now=recorded_at + timedelta(seconds=20 + index * 7),
    )
    if severity >= 2 or index % 2 == 0:
        data = demo_photo(note, walk.light_conditions != "daylight", observation.id)
        digest = hashlib.sha256(data).hexdigest()
        attach_photo(db, demo.storage, author, observation, digest, data, settings=photo_settings())
    chief = demo.chief(walk.municipality_id)
    day = walk.starts_at + timedelta(days=2)
    owner = PLACE_OWNERS.get((walk.title, index))
    if owner:
        set_place_owner(db, chief, observation, owner, now=day)
    if outcome == "received":
        return
    triage_observation(db, chief, observation, "triaged", now=day + timedelta(days=3))
    if outcome in {"referred", "long_term", "no_action"}:
        triage_observation(
            db,
            chief,
            observation,
            outcome,
            public_note=PUBLIC_REASONS[outcome],
            now=day + timedelta(days=3),
        )
    if outcome in ACTION_PATHS:
        _seed_action(demo, observation, outcome, organisation_name, day + timedelta(days=4))


def _handler(demo: Demo, organisation: Organisation, chief: User) -> User:
    """The organisation's handler works its actions; without one, the chief does."""
    return next(
        (
            user
            for user in demo.users.values()
            if user.organisation_id == organisation.id and user.role == Role.HANDLER
        ),
        chief,
    )


def _seed_action(demo, observation: Observation, outcome: str, organisation_name: str, created_at):
    db = demo.db
    chief = demo.chief(observation.municipality_id)
    organisation = demo.one(
        Organisation, municipality_id=observation.municipality_id, name=organisation_name
    )
    note = observation.note
    action = create_action(
        db,
        chief,
        [observation],
        organisation=organisation,
        title=f"{observation.category.label_sv}: {note.split(',')[0].rstrip('.')}"[:200],
        description=note,
        priority=PRIORITIES[observation.severity],
        due_on=(created_at + timedelta(days=60)).date(),
        today=created_at.date(),
        now=created_at,
    )
    handler = _handler(demo, organisation, chief)
    if handler is not chief:
        assign_action(db, chief, action, handler, now=created_at)
    done_note = "Åtgärdat: " + note[0].lower() + note[1:]
    if find_personal_data(done_note):  # the public reads the closing note: no names in it
        done_note = "Åtgärdat."
    for step, status in enumerate(ACTION_PATHS[outcome], start=1):
        at = created_at + timedelta(days=3 * step)
        change_action_status(
            db,
            chief if status == ActionStatus.VERIFIED else handler,
            action,
            status,
            today=at.date(),
            now=at,
            planned_on=(created_at + timedelta(days=20)).date() if status == "planned" else None,
            public_note={"done": done_note, "rejected": PUBLIC_REASONS["rejected"]}.get(status, ""),
        )
    if outcome == "rejected":  # back with the chief, who closes it without action
        triage_observation(
            db,
            chief,
            observation,
            ObservationStatus.NO_ACTION,
            public_note=PUBLIC_REASONS["rejected"],
            now=created_at + timedelta(days=4),
        )


def seed_checks(demo: Demo, walk: Walk, participant: WalkParticipant, checks: dict) -> None:
    """A repeat walk's look at the earlier walk's observations, as the field page sends them:
    "fixed" confirms work reported done (the action becomes verified), the rest go to the chief."""
    for index, verdict in checks.items():
        earlier = demo.one(
            Observation, client_uuid=uuid.uuid5(DEMO_NAMESPACE, f"{walk.repeat_of.title}/{index}")
        )
        checked_at = walk.starts_at + timedelta(minutes=6 * (index + 1))
        record_check(
            demo.db,
            participant,
            earlier.id,
            CheckInput(
                client_uuid=uuid.uuid5(DEMO_NAMESPACE, f"{walk.title}/check/{index}"),
                verdict=CheckVerdict(verdict),
                checked_at=checked_at,
            ),
            late_grace=LATE_GRACE,
            now=checked_at + timedelta(seconds=15),
        )


def publish_reviewed(demo: Demo, walk: Walk, chief: User) -> None:
    """What the chief has triaged was read too: its clean note and its photos are published the
    way the chief publishes them (flagged notes and untriaged observations keep waiting)."""
    db = demo.db
    reviewed_at = walk.starts_at + timedelta(days=2)
    for observation in db.scalars(
        select(Observation).where(
            Observation.walk_id == walk.id, Observation.status != ObservationStatus.RECEIVED
        )
    ):
        if observation.note and not observation.is_flagged:
            approve_note(db, chief, observation, reviewed_at)
        for photo in db.scalars(select(Photo).where(Photo.observation_id == observation.id)):
            if not observation.category.is_sensitive:
                approve_photo(db, demo.storage, chief, photo, [], reviewed_at)
