"""An observation's photos: attached from the phone, blurred (or shown as taken) by the chief."""

import hashlib

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.errors import DomainError, Forbidden
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import record_event
from walkapp.observations.models import Observation
from walkapp.observations.services import MAX_PHOTOS
from walkapp.photos.models import Photo, PhotoKind
from walkapp.photos.pipeline import ProcessedPhoto
from walkapp.photos.services import blur_photo, find_photo, reset_public_photo, store_photo
from walkapp.photos.settings import PhotoSettings
from walkapp.photos.storage import PhotoStorage
from walkapp.security import in_scope
from walkapp.walks.models import WalkParticipant
from walkapp.walks.timing import InvalidFieldInput


def attach_photo(
    db: Session,
    storage: PhotoStorage,
    participant: WalkParticipant,
    observation: Observation,
    sha256: str,
    data: bytes,
    *,
    settings: PhotoSettings,
) -> tuple[Photo, ProcessedPhoto | None]:
    """Attach a photo sent to its idempotent URL (named by its SHA-256); what was made, if new."""
    if observation.author_id != participant.id:
        raise Forbidden(_l("You can only add photos to your own observations."))
    if hashlib.sha256(data).hexdigest() != sha256.lower():
        raise InvalidFieldInput("photo", _l("The photo arrived damaged. Send it again."))
    already = find_photo(db, sha256.lower(), observation_id=observation.id)
    if already is not None:
        return already, None
    count = db.scalar(select(func.count(Photo.id)).where(Photo.observation_id == observation.id))
    if count >= MAX_PHOTOS:
        raise InvalidFieldInput(
            "photo", _l("An observation can have at most %(n)d photos.", n=MAX_PHOTOS)
        )
    return store_photo(
        db, storage, data, kind=PhotoKind.BEFORE, observation_id=observation.id, settings=settings
    )


def blur_observation_photo(
    db: Session,
    storage: PhotoStorage,
    actor: User,
    observation: Observation,
    photo: Photo,
    region: tuple[float, float, float, float] | None,
) -> Photo:
    """Blur a rectangle of one of the observation's photos, or (region None) undo all blurring."""
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, observation.municipality_id):
        raise Forbidden(_l("Only the municipality's safety chief assesses observations."))
    if photo.observation_id != observation.id:
        raise DomainError(_l("The photo does not belong to this observation."))
    if region is None:
        reset_public_photo(db, photo)
        note = f"photo #{photo.id} published as taken"
    else:
        blur_photo(db, storage, photo, region)
        note = f"photo #{photo.id} blurred"
    # The public image changed: a new version, at a new public address (no cache serves the old).
    photo.public_version += 1
    record_event(
        db, actor, SubjectType.OBSERVATION, observation.id, EventKind.MASKED, internal_note=note
    )
    return photo
