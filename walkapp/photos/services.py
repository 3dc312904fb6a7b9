"""Storing a photo (the same bytes twice are one photo) and blurring its public version."""

import hashlib
import math

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.errors import DomainError
from walkapp.photos.files import put_file
from walkapp.photos.models import DetectionStatus, Photo, PhotoKind
from walkapp.photos.pipeline import ProcessedPhoto, blur_region, process_photo
from walkapp.photos.settings import PhotoSettings
from walkapp.photos.storage import PhotoStorage


def find_photo(
    db: Session, sha256: str, *, observation_id: int | None = None, action_id: int | None = None
) -> Photo | None:
    owner = Photo.observation_id if observation_id is not None else Photo.action_id
    return db.scalar(
        select(Photo).where(owner == (observation_id or action_id), Photo.sha256 == sha256)
    )


def store_photo(
    db: Session,
    storage: PhotoStorage,
    data: bytes,
    *,
    kind: PhotoKind,
    observation_id: int | None = None,
    action_id: int | None = None,
    settings: PhotoSettings,
) -> tuple[Photo, ProcessedPhoto | None]:
    """Store an image for an observation or an action; returns the photo and, if new, what was made.

    Raises PhotoTooLarge (413) or PhotoRejected (422) and stores nothing when the input is bad.
    """
    existing = find_photo(
        db, hashlib.sha256(data).hexdigest(), observation_id=observation_id, action_id=action_id
    )
    if existing is not None:
        return existing, None
    processed = process_photo(
        data,
        max_bytes=settings.max_bytes,
        max_pixels=settings.max_pixels,
    )
    key = f"{processed.sha256[:2]}/{processed.sha256}.jpg"
    thumbnail_key = f"{processed.sha256[:2]}/{processed.sha256}.thumb.jpg"
    photo = Photo(
        observation_id=observation_id,
        action_id=action_id,
        kind=kind,
        storage_key=key,
        thumbnail_key=thumbnail_key,
        sha256=processed.sha256,
        content_type="image/jpeg",
        width=processed.width,
        height=processed.height,
        bytes=len(processed.display),
        detection_status=DetectionStatus.PENDING,
    )
    db.add(photo)
    db.flush()
    # After the flush, and removed again if the transaction rolls back: never a file without a row.
    put_file(db, storage, key, processed.display)
    put_file(db, storage, thumbnail_key, processed.thumbnail)
    # Faces and plates are searched after the commit, never while the phone waits.
    settings.on_stored(db, photo.id)
    return photo, processed


class InvalidRegion(DomainError):
    status_code = 422


def lies_on_photo(region: tuple[float, float, float, float]) -> bool:
    """Whether a rectangle (left, top, width, height in % of the photo) is on it, not empty."""
    left, top, width, height = region
    return (
        all(math.isfinite(value) for value in region)
        and width > 0
        and height > 0
        and left >= 0
        and top >= 0
        and left + width <= 100.0001
        and top + height <= 100.0001
    )


def blur_photo(
    db: Session,
    storage: PhotoStorage,
    photo: Photo,
    region: tuple[float, float, float, float],
) -> Photo:
    """Blur a rectangle (left, top, width, height in % of the photo) into the public version.

    Rectangles add up: each blurs the current public version. The original stays untouched and
    restricted. Nothing is stored when the rectangle does not lie on the photo.
    """
    if not lies_on_photo(region):
        raise InvalidRegion(_l("The rectangle must lie on the photo."))
    left, top, width, height = region
    box = (
        math.floor(photo.width * left / 100),
        math.floor(photo.height * top / 100),
        min(photo.width, math.ceil(photo.width * (left + width) / 100)),
        min(photo.height, math.ceil(photo.height * (top + height) / 100)),
    )
    if box[2] - box[0] < 1 or box[3] - box[1] < 1:
        raise InvalidRegion(_l("The rectangle is too small to blur anything."))
    source = storage.get(photo.public_storage_key or photo.storage_key)
    display, thumbnail = blur_region(source, box)
    # A new name per version: browsers that cached the previous public version never show it.
    version = hashlib.sha256(display).hexdigest()
    key = f"public/{version[:2]}/{version}.jpg"
    thumbnail_key = f"public/{version[:2]}/{version}.thumb.jpg"
    photo.public_storage_key = key
    photo.public_thumbnail_key = thumbnail_key
    db.flush()
    put_file(db, storage, key, display)
    put_file(db, storage, thumbnail_key, thumbnail)
    return photo


def reset_public_photo(db: Session, photo: Photo) -> Photo:
    """Publish the photo as taken again (the blurred versions are no longer used)."""
    photo.public_storage_key = None
    photo.public_thumbnail_key = None
    db.flush()
    return photo
