"""Recording observations from the field (idempotent by client UUID) and attaching their photos."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.errors import Conflict, DomainError, Forbidden
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import TransitionNotAllowed, change_status, record_event
from walkapp.observations.creation import (
    NewObservation,
    create_observation,
    personal_data_hints,  # noqa: F401 (its home before creation.py; views and tests use it here)
)
from walkapp.observations.models import (
    OBSERVATION_NEEDS_PUBLIC_NOTE,
    OBSERVATION_TRANSITIONS,
    Category,
    LocationSource,
    Observation,
    ObservationStatus,
    PlaceOwner,
    Polarity,
)
from walkapp.personal_data import check_public_text
from walkapp.photos.models import Photo
from walkapp.security import in_scope
from walkapp.walks.models import WalkParticipant
from walkapp.walks.timing import InvalidFieldInput, check_walk_open_for

NOTE_MAX_LENGTH = 2000
MAX_PHOTOS = 3


@dataclass(frozen=True)
class ObservationInput:
    """What a phone sent about one observation, each field parsed and in range (api/forms.py).

    The category stays a code: whether it is active is checked when the observation is stored,
    after a resent one has been recognised by its client UUID.
    """

    client_uuid: uuid.UUID
    lat: float
    lon: float
    accuracy_m: float | None
    location_source: LocationSource
    category_code: str
    polarity: Polarity | None  # None: the category's own
    severity: int
    feeling: int | None
    note: str
    recorded_at: datetime


def record_observation(
    db: Session,
    participant: WalkParticipant,
    sent: ObservationInput,
    *,
    late_grace: timedelta,
    now: datetime,
) -> tuple[Observation, bool]:
    """Store what the phone sent, or return what an earlier try stored; True when new.

    `late_grace`: how long after its walk closed an observation recorded during it is taken.
    """
    existing = db.scalar(select(Observation).where(Observation.client_uuid == sent.client_uuid))
    if existing is not None:
        if existing.author_id != participant.id:
            raise Conflict(_l("Another observation already has this id."))
        return existing, False

    walk = participant.walk
    category = db.get(Category, sent.category_code)
    if category is None or not category.is_active:
        raise InvalidFieldInput("category", _l("Choose one of the categories."))
    check_walk_open_for(db, walk, "recorded_at", sent.recorded_at, now, late_grace)

    observation = create_observation(
        db,
        walk.municipality,
        NewObservation(
            client_uuid=sent.client_uuid,
            lat=sent.lat,
            lon=sent.lon,
            accuracy_m=sent.accuracy_m,
            location_source=sent.location_source,
            category=category,
            polarity=sent.polarity or Polarity(category.default_polarity),
            severity=sent.severity,
            feeling=sent.feeling,
            note=sent.note,
            recorded_at=sent.recorded_at,
        ),
        now=now,
        author=participant,
    )
    return observation, True


# Statuses the chief sets by hand; the others follow from actions (action_planned, fixed) or a
# merge (duplicate), so that one fact is never recorded in two places.
TRIAGE_TARGETS = frozenset(
    {
        ObservationStatus.TRIAGED,
        ObservationStatus.REFERRED,
        ObservationStatus.LONG_TERM,
        ObservationStatus.NO_ACTION,
        ObservationStatus.VERIFIED,
    }
)


def triage_choices(observation: Observation) -> list[ObservationStatus]:
    """What the chief may decide now, by the lifecycle table, in the table's order."""
    allowed = OBSERVATION_TRANSITIONS[observation.status] & TRIAGE_TARGETS
    return [status for status in ObservationStatus if status in allowed]


def triage_observation(
    db: Session,
    actor: User,
    observation: Observation,
    to_status: str,
    *,
    public_note: str = "",
    internal_note: str = "",
    confirmed_personal_data: bool = False,
    now: datetime | None = None,
) -> Observation:
    """Record the chief's decision; "no action" and "referred" need a reason the public sees."""
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, observation.municipality_id):
        raise Forbidden(_l("Only the municipality's safety chief assesses observations."))
    try:
        target = ObservationStatus(to_status)
    except ValueError:
        raise TransitionNotAllowed(_l("Unknown status: %(status)s", status=to_status)) from None
    if target not in TRIAGE_TARGETS:
        raise TransitionNotAllowed(
            _l("That status follows from actions or a merge, not from a decision.")
        )
    # The reason is published: refused while it seems to hold personal data, unless checked.
    check_public_text(public_note, confirmed=confirmed_personal_data)
    change_status(
        db,
        actor,
        observation,
        SubjectType.OBSERVATION,
        target,
        transitions=OBSERVATION_TRANSITIONS,
        needs_public_note=OBSERVATION_NEEDS_PUBLIC_NOTE,
        public_note=public_note.strip(),
        internal_note=internal_note.strip(),
        at=now,
    )
    return observation


def _withdraw_photos(db: Session, actor: User, duplicate: Observation) -> None:
    """A merged duplicate's photos leave the public; the chief may approve them on the survivor."""
    for photo in db.scalars(
        select(Photo).where(Photo.observation_id == duplicate.id, Photo.approved_at.is_not(None))
    ):
        photo.approved_at = None
        record_event(
            db,
            actor,
            SubjectType.OBSERVATION,
            duplicate.id,
            EventKind.WITHDRAWN,
            internal_note=f"photo #{photo.id} withdrawn (merged)",
        )


def merge_observations(
    db: Session, actor: User, survivor: Observation, merged: list[Observation]
) -> Observation:
    """Mark observations as duplicates of a survivor; nothing is deleted or moved.

    The merged keep their photos and authors (provenance); the survivor's page shows them as its
    support. All or nothing: one refused observation leaves every one unchanged.
    """
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, survivor.municipality_id):
        raise Forbidden(_l("Only the municipality's safety chief assesses observations."))
    if not merged:
        raise DomainError(_l("Choose the observations to merge."))
    for observation in merged:
        if observation.id == survivor.id:
            raise DomainError(_l("An observation cannot be merged into itself."))
        if observation.municipality_id != survivor.municipality_id:
            raise DomainError(_l("Observations of another municipality cannot be merged."))
        change_status(
            db,
            actor,
            observation,
            SubjectType.OBSERVATION,
            ObservationStatus.DUPLICATE,
            transitions=OBSERVATION_TRANSITIONS,
            internal_note=f"merged into #{survivor.id}",
        )
        observation.duplicate_of_id = survivor.id
        # Its photos leave the public; the chief may approve them again on the survivor's page.
        _withdraw_photos(db, actor, observation)
        record_event(
            db,
            actor,
            SubjectType.OBSERVATION,
            survivor.id,
            EventKind.MERGED,
            internal_note=f"#{observation.id} merged into this observation",
        )
    db.flush()
    return survivor


def mask_note(db: Session, actor: User, observation: Observation, public_text: str) -> Observation:
    """Set the text the public sees; the original note stays as it is, restricted.

    Saving the note unchanged confirms that it may be published as it is. Either way the note
    is no longer flagged. The event never repeats the text that was masked.
    """
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, observation.municipality_id):
        raise Forbidden(_l("Only the municipality's safety chief assesses observations."))
    if not isinstance(public_text, str) or len(public_text) > NOTE_MAX_LENGTH:
        raise DomainError(_l("The note is too long (at most %(n)d characters).", n=NOTE_MAX_LENGTH))
    public_text = public_text.strip()
    observation.is_masked = public_text != observation.note
    observation.public_note = public_text if observation.is_masked else None
    observation.is_flagged = False
    record_event(
        db,
        actor,
        SubjectType.OBSERVATION,
        observation.id,
        EventKind.MASKED,
        internal_note="note masked" if observation.is_masked else "note approved as written",
    )
    db.flush()
    return observation


def set_place_owner(
    db: Session,
    actor: User,
    observation: Observation,
    owner: PlaceOwner | str | None,
    *,
    now: datetime | None = None,
) -> Observation:
    """Who owns the observation's place (None: unknown); the routing rules may depend on it."""
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, observation.municipality_id):
        raise Forbidden(_l("Only the municipality's safety chief assesses observations."))
    try:
        owner = PlaceOwner(owner) if owner else None
    except ValueError:
        raise DomainError(_l("Unknown owner of the place.")) from None
    if owner == observation.place_owner:
        return observation
    observation.place_owner = owner
    record_event(
        db,
        actor,
        SubjectType.OBSERVATION,
        observation.id,
        EventKind.UPDATED,
        internal_note=f"place owner: {owner.value if owner else 'unknown'}",
        at=now,
    )
    db.flush()
    return observation


def _path_to(start: ObservationStatus, goal: ObservationStatus) -> list[ObservationStatus]:
    """The shortest way through the lifecycle table, never through "duplicate"."""
    previous: dict[ObservationStatus, ObservationStatus | None] = {start: None}
    queue = [start]
    while queue:
        status = queue.pop(0)
        for following in sorted(OBSERVATION_TRANSITIONS[status]):
            if following not in previous and following != ObservationStatus.DUPLICATE:
                previous[following] = status
                queue.append(following)
    path = []
    status = goal
    while status is not None and status != start:
        path.append(status)
        status = previous.get(status)
    return list(reversed(path))


def move_observation(
    db: Session,
    actor: User | None,
    observation: Observation,
    goal: ObservationStatus,
    *,
    internal_note: str = "",
    public_note: str = "",
    now: datetime | None = None,
) -> bool:
    """Walk the observation to a status one allowed step at a time, an event per step.

    For statuses that follow from actions: the table stays the only judge of what may follow
    what, and the history shows each step. True when the status changed.
    """
    if observation.status == goal or observation.status == ObservationStatus.DUPLICATE:
        return False
    for status in _path_to(observation.status, goal):
        change_status(
            db,
            actor,
            observation,
            SubjectType.OBSERVATION,
            status,
            transitions=OBSERVATION_TRANSITIONS,
            internal_note=internal_note,
            public_note=public_note if status == goal else "",
            at=now,
        )
    return True
