"""Public reads of a published walk: counts, categories, public texts and photos, statuses."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from walkapp.actions.models import action_observations
from walkapp.auth.models import User
from walkapp.events.models import Event, SubjectType
from walkapp.observations.models import Observation, ObservationStatus
from walkapp.photos.models import Photo
from walkapp.places.models import Organisation
from walkapp.routing.models import Referral
from walkapp.routing.queries import public_referrals
from walkapp.walks.models import PUBLISHED_WALK_STATUSES, Represents, Walk, WalkParticipant


@dataclass
class ProtocolEntry:
    observation: Observation
    support: int = 0  # how many others reported the same (merged duplicates)
    photos: list[Photo] = field(default_factory=list)  # approved, its own and its duplicates'
    waiting_photos: int = 0  # photos the safety chief has not yet approved
    public_notes: list[str] = field(default_factory=list)  # oldest first
    referral: Referral | None = None  # handed over to an outside owner (not withdrawn)

    @property
    def note(self) -> str | None:
        return self.observation.published_note

    @property
    def is_fixed(self) -> bool:
        return self.observation.status in (ObservationStatus.FIXED, ObservationStatus.VERIFIED)

    @property
    def latest_public_note(self) -> str | None:
        return self.public_notes[-1] if self.public_notes else None


def find_published_walk(db: Session, token: str) -> Walk | None:
    walk = db.scalar(select(Walk).where(Walk.public_token == token))
    return walk if walk is not None and walk.status in PUBLISHED_WALK_STATUSES else None


def participant_counts(db: Session, walk: Walk) -> list[tuple[str, int]]:
    """Who took part, counted by whom they represent: never a name."""
    rows = db.execute(
        select(WalkParticipant.represents, func.count(WalkParticipant.id))
        .where(WalkParticipant.walk_id == walk.id)
        .group_by(WalkParticipant.represents)
    ).all()
    order = list(Represents)
    return sorted(rows, key=lambda row: (-row[1], order.index(Represents(row[0]))))


def participant_organisations(db: Session, walk: Walk) -> list[str]:
    """The organisations whose staff took part with their accounts (public bodies, no names)."""
    return list(
        db.scalars(
            select(Organisation.name)
            .join(User, User.organisation_id == Organisation.id)
            .join(WalkParticipant, WalkParticipant.user_id == User.id)
            .where(WalkParticipant.walk_id == walk.id)
            .distinct()
            .order_by(Organisation.name)
        )
    )


def protocol_entries(db: Session, walk: Walk) -> list[ProtocolEntry]:
    """The walk's observations (duplicates counted as support) with what may be published."""
    observations = db.scalars(
        select(Observation)
        .options(joinedload(Observation.category))
        .where(
            Observation.walk_id == walk.id,
            Observation.status != ObservationStatus.DUPLICATE,
        )
        .order_by(Observation.recorded_at, Observation.id)
    ).all()
    entries = {o.id: ProtocolEntry(o) for o in observations}
    if not entries:
        return []
    ids = list(entries)
    support = Counter(
        dict(
            db.execute(
                select(Observation.duplicate_of_id, func.count(Observation.id))
                .where(Observation.duplicate_of_id.in_(ids))
                .group_by(Observation.duplicate_of_id)
            ).all()
        )
    )
    for observation_id, entry in entries.items():
        entry.support = support.get(observation_id, 0)
    # A merged duplicate's photo is shown with its survivor, once approved there.
    survivor_of = {observation_id: observation_id for observation_id in ids}
    survivor_of.update(
        db.execute(
            select(Observation.id, Observation.duplicate_of_id).where(
                Observation.duplicate_of_id.in_(ids)
            )
        ).all()
    )
    # Social categories record place and time only: their photos are never published. Other
    # photos only once the safety chief has approved them.
    for photo in db.scalars(
        select(Photo).where(Photo.observation_id.in_(list(survivor_of))).order_by(Photo.id)
    ):
        entry = entries[survivor_of[photo.observation_id]]
        if entry.observation.category.is_sensitive:
            continue
        if photo.approved_at is not None:
            entry.photos.append(photo)
        elif photo.observation_id == entry.observation.id:
            entry.waiting_photos += 1
    for observation_id, event in events_by_observation(db, ids, public_only=True):
        notes = entries[observation_id].public_notes
        if not notes or notes[-1] != event.public_note:
            notes.append(event.public_note)
    for observation_id, referral in public_referrals(db, ids).items():
        entries[observation_id].referral = referral
    return list(entries.values())


def events_by_observation(
    db: Session, ids: list[int], *, public_only: bool = False
) -> list[tuple[int, Event]]:
    """The events of the observations and of their actions, oldest first, each paired with the
    observation it concerns (an action's event concerns each of its observations)."""
    observations_of_action = defaultdict(list)
    for action_id, observation_id in db.execute(
        select(action_observations.c.action_id, action_observations.c.observation_id).where(
            action_observations.c.observation_id.in_(ids)
        )
    ):
        observations_of_action[action_id].append(observation_id)
    query = select(Event).where(
        or_(
            (Event.subject_type == SubjectType.OBSERVATION) & Event.subject_id.in_(ids),
            (Event.subject_type == SubjectType.ACTION)
            & Event.subject_id.in_(list(observations_of_action) or [0]),
        )
    )
    if public_only:
        query = query.where(Event.public_note.is_not(None))
    pairs = []
    for event in db.scalars(query.order_by(Event.at, Event.id)):
        if event.subject_type == SubjectType.OBSERVATION:
            pairs.append((event.subject_id, event))
        else:
            pairs += [
                (observation_id, event)
                for observation_id in observations_of_action[event.subject_id]
            ]
    return pairs


def photo_of_walk(db: Session, walk: Walk, photo_id: int, version: int) -> Photo | None:
    """A photo the protocol shows, in its current public version: approved by the safety chief,
    of one of the walk's observations (or of a duplicate merged into one), not a social category."""
    photo = db.get(Photo, photo_id)
    if photo is None or photo.observation_id is None:
        return None
    if photo.approved_at is None or photo.public_version != version:
        return None
    observation = db.get(Observation, photo.observation_id)
    if observation.duplicate_of_id is not None:
        observation = db.get(Observation, observation.duplicate_of_id)
    if observation.walk_id != walk.id or observation.category.is_sensitive:
        return None
    if observation.status == ObservationStatus.DUPLICATE:
        return None
    return photo
