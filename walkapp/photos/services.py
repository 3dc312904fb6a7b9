"""Storing a photo through the pipeline and the storage; the same bytes twice are one photo."""

import hashlib

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.photos.models import Photo, PhotoKind
from walkapp.photos.pipeline import ProcessedPhoto, process_photo
from walkapp.photos.storage import PhotoStorage


def find_photo(db: Session, sha256: str, *, observation_id=None, action_id=None) -> Photo | None:
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
        max_bytes=current_app.config["PHOTO_MAX_BYTES"],
        max_pixels=current_app.config["PHOTO_MAX_PIXELS"],
    )
    key = f"{processed.sha256[:2]}/{processed.sha256}.jpg"
    thumbnail_key = f"{processed.sha256[:2]}/{processed.sha256}.thumb.jpg"
    storage.put(key, processed.display)
    storage.put(thumbnail_key, processed.thumbnail)
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
    )
    db.add(photo)
    db.flush()
    return photo, processed
