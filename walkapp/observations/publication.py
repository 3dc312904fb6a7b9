"""Publication after review: the safety chief approves notes and photos before the public sees."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp import scope
from walkapp.auth.models import Role, User
from walkapp.errors import DomainError, Forbidden
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import record_event
from walkapp.observations.creation import note_publishes_itself  # noqa: F401 (its old home)
from walkapp.observations.models import Observation, ObservationStatus
from walkapp.observations.services import mask_note, personal_data_hints
from walkapp.photos.models import DetectionStatus, Photo
from walkapp.photos.services import blur_photo, lies_on_photo
from walkapp.photos.storage import PhotoStorage
from walkapp.security import in_scope
from walkapp.walks.models import Walk

# left, top, width and height in percent of the photo, as blur_photo takes them.
Rect = tuple[float, float, float, float]
RECT_FIELDS = ("x", "y", "w", "h")


class InvalidPublication(DomainError):
    """A decision that cannot be carried out as sent; nothing of the walk was published."""

    status_code = 422


@dataclass(frozen=True)
class NoteDecision:
    observation_id: int
    public_text: str  # the note as written approves it as written; anything else masks it


@dataclass(frozen=True)
class PhotoDecision:
    photo_id: int
    blur_rects: tuple[Rect, ...] = ()


@dataclass(frozen=True)
class WalkDecisions:
    notes: tuple[NoteDecision, ...] = ()
    photos: tuple[PhotoDecision, ...] = ()


@dataclass
class ReviewItem:
    """An observation and what of it still waits: its note, its and its duplicates' photos."""

    observation: Observation
    note_waits: bool
    hints: list[str] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)


def _check_chief(actor: User, municipality_id: int | None) -> None:
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, municipality_id):
        raise Forbidden(_l("Only the municipality's safety chief approves publication."))


def _event(db: Session, actor: User, observation_id: int, kind: EventKind, note: str, now):
    record_event(
        db, actor, SubjectType.OBSERVATION, observation_id, kind, internal_note=note, at=now
    )


# ---------- notes ----------


def approve_note(db: Session, actor: User, observation: Observation, now: datetime) -> Observation:
    """Publish the note as it stands (masked, if the chief masked it)."""
    _check_chief(actor, observation.municipality_id)
    if observation.note_approved_at is None:
        observation.note_approved_at = now
        observation.is_flagged = False
        _event(db, actor, observation.id, EventKind.PUBLISHED, "note published", now)
    db.flush()
    return observation


def publish_note(
    db: Session, actor: User, observation: Observation, public_text: str, now: datetime
) -> Observation:
    """Save the text the public reads (masked or as written) and publish it: one step."""
    mask_note(db, actor, observation, public_text)
    return approve_note(db, actor, observation, now)


def withdraw_note(db: Session, actor: User, observation: Observation, now: datetime) -> Observation:
    _check_chief(actor, observation.municipality_id)
    if observation.note_approved_at is not None:
        observation.note_approved_at = None
        _event(db, actor, observation.id, EventKind.WITHDRAWN, "note withdrawn", now)
    db.flush()
    return observation


# ---------- photos ----------


def check_rect(rect: Rect) -> Rect:
    """A rectangle that lies on the photo, or InvalidPublication (checked before anything)."""
    if not lies_on_photo(rect):
        raise InvalidPublication(_l("A blur rectangle must lie on the photo."))
    return rect


def _photo_observation(db: Session, photo: Photo) -> Observation:
    observation = db.get(Observation, photo.observation_id) if photo.observation_id else None
    if observation is None:
        raise DomainError(_l("Only photos of observations are published this way."))
    return observation


def approve_photo(
    db: Session,
    storage: PhotoStorage,
    actor: User,
    photo: Photo,
    blur_rects: tuple[Rect, ...] | list[Rect],
    now: datetime,
) -> Photo:
    """Blur the chosen rectangles into the public version, then publish that version."""
    observation = _photo_observation(db, photo)
    _check_chief(actor, observation.municipality_id)
    survivor = observation.duplicate_of or observation
    if survivor.category.is_sensitive:
        raise DomainError(_l("Photos of this category are never published."))
    rects = [check_rect(tuple(rect)) for rect in blur_rects]
    for rect in rects:
        blur_photo(db, storage, photo, rect)
    if rects:
        # A new public image gets a new public address, so no cache can serve the old one.
        photo.public_version += 1
    photo.approved_at = now
    _event(
        db,
        actor,
        observation.id,
        EventKind.PUBLISHED,
        f"photo #{photo.id} published (version {photo.public_version}, "
        f"{len(rects)} rectangles blurred)",
        now,
    )
    db.flush()
    return photo


def withdraw_photo(db: Session, actor: User, photo: Photo, now: datetime) -> Photo:
    observation = _photo_observation(db, photo)
    _check_chief(actor, observation.municipality_id)
    if photo.approved_at is not None:
        photo.approved_at = None
        _event(db, actor, observation.id, EventKind.WITHDRAWN, f"photo #{photo.id} withdrawn", now)
    db.flush()
    return photo


# ---------- a whole walk ----------


def review_items(db: Session, actor: User, walk: Walk) -> list[ReviewItem]:
    """What of the walk still waits for review: unapproved notes and photos, in walk order."""
    observations = db.scalars(
        select(Observation)
        .where(
            Observation.walk_id == walk.id,
            Observation.status != ObservationStatus.DUPLICATE,
            scope.municipal(actor, Observation.municipality_id),
        )
        .order_by(Observation.recorded_at, Observation.id)
    ).all()
    items = {o.id: ReviewItem(o, bool(o.note) and o.note_approved_at is None) for o in observations}
    if not items:
        return []
    survivor_of = {o.id: o.id for o in observations}
    for duplicate_id, survivor_id in db.execute(
        select(Observation.id, Observation.duplicate_of_id).where(
            Observation.duplicate_of_id.in_(list(items))
        )
    ):
        survivor_of[duplicate_id] = survivor_id
    # Social categories record place and time only: their photos are never published.
    for photo in db.scalars(
        select(Photo)
        .where(Photo.observation_id.in_(list(survivor_of)), Photo.approved_at.is_(None))
        .order_by(Photo.id)
    ):
        item = items[survivor_of[photo.observation_id]]
        if not item.observation.category.is_sensitive:
            item.photos.append(photo)
    for item in items.values():
        if item.note_waits:
            item.hints = personal_data_hints(item.observation.note)
    return [item for item in items.values() if item.note_waits or item.photos]


def detection_running(photo: Photo) -> bool:
    """No proposals yet because the detector has not looked at the photo."""
    return photo.blur_proposals is None or photo.detection_status == DetectionStatus.PENDING


def proposals_of(photo: Photo) -> list[dict]:
    """The detector's rectangles, cut to the photo, as the form pre-fills them."""
    proposals = []
    for proposal in photo.blur_proposals or []:
        try:
            x, y = max(0.0, float(proposal["x"])), max(0.0, float(proposal["y"]))
            w, h = min(float(proposal["w"]), 100 - x), min(float(proposal["h"]), 100 - y)
        except (KeyError, TypeError, ValueError):
            continue  # a malformed proposal is no proposal
        if w > 0 and h > 0:
            proposals.append(
                {"kind": str(proposal.get("kind", "")), "x": x, "y": y, "w": w, "h": h}
            )
    return proposals


def _number(form: Mapping, name: str) -> float | None:
    raw = (form.get(name) or "").strip().replace(",", ".")
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise InvalidPublication(_l("A blur rectangle needs numbers in percent.")) from None


def _rect_from(form: Mapping, prefix: str, *, optional: bool) -> Rect | None:
    values = [_number(form, f"{prefix}-{name}") for name in RECT_FIELDS]
    if optional and all(value is None for value in values):
        return None
    if any(value is None for value in values):
        raise InvalidPublication(
            _l("A blur rectangle needs all four numbers: left, top, width and height.")
        )
    return check_rect(tuple(values))


def photo_decision_from(form: Mapping, photo: Photo) -> PhotoDecision:
    """The ticked proposals (as edited) and the one rectangle the chief may add."""
    prefix = f"photo-{photo.id}"
    rects = [
        _rect_from(form, f"{prefix}-rect-{index}", optional=False)
        for index, _proposal in enumerate(proposals_of(photo))
        if form.get(f"{prefix}-rect-{index}-use")
    ]
    extra = _rect_from(form, f"{prefix}-new", optional=True)
    return PhotoDecision(photo.id, tuple(rects + ([extra] if extra else [])))


def decisions_from_form(form: Mapping, items: list[ReviewItem]) -> WalkDecisions:
    """Read the walk's review form: only what is ticked for publication is decided."""
    notes, photos = [], []
    for item in items:
        observation = item.observation
        if item.note_waits and form.get(f"note-{observation.id}-publish"):
            text = form.get(f"note-{observation.id}-text")
            notes.append(NoteDecision(observation.id, observation.note if text is None else text))
        for photo in item.photos:
            if form.get(f"photo-{photo.id}-publish"):
                photos.append(photo_decision_from(form, photo))
    return WalkDecisions(tuple(notes), tuple(photos))


def approve_walk_for_publication(
    db: Session,
    storage: PhotoStorage,
    actor: User,
    walk: Walk,
    decisions: WalkDecisions,
    now: datetime,
) -> tuple[int, int]:
    """Publish the chosen notes and photos of a walk, all or nothing; (notes, photos) published.

    Everything is checked before anything changes; a refusal half-way (the view rolls back)
    leaves the walk as it was.
    """
    _check_chief(actor, walk.municipality_id)
    items = review_items(db, actor, walk)
    observations = {item.observation.id: item.observation for item in items if item.note_waits}
    photos = {photo.id: photo for item in items for photo in item.photos}
    if any(d.observation_id not in observations for d in decisions.notes) or any(
        d.photo_id not in photos for d in decisions.photos
    ):
        raise InvalidPublication(
            _l("Something chosen is not waiting for review on this walk. Reload the page.")
        )
    if not decisions.notes and not decisions.photos:
        raise InvalidPublication(_l("Choose at least one note or photo to publish."))
    for decision in decisions.photos:
        for rect in decision.blur_rects:
            check_rect(rect)
    for decision in decisions.notes:
        publish_note(db, actor, observations[decision.observation_id], decision.public_text, now)
    for decision in decisions.photos:
        approve_photo(db, storage, actor, photos[decision.photo_id], decision.blur_rects, now)
    return len(decisions.notes), len(decisions.photos)


def photo_for_review(db: Session, observation: Observation, photo_id: int) -> Photo | None:
    """A photo of the observation or of a duplicate merged into it; a duplicate's own page
    publishes nothing (its photos are published, if at all, as its survivor's support)."""
    if observation.duplicate_of_id is not None:
        return None
    photo = db.get(Photo, photo_id)
    if photo is None or photo.observation_id is None:
        return None
    if photo.observation_id == observation.id:
        return photo
    owner = db.get(Observation, photo.observation_id)
    return photo if owner.duplicate_of_id == observation.id else None
