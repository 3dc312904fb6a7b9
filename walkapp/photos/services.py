"""Storing a photo: decode, turn upright, strip metadata by re-encoding, keep display and thumb."""

import hashlib
import io

from PIL import Image, ImageOps
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.photos.models import Photo, PhotoKind
from walkapp.photos.storage import PhotoStorage

DISPLAY_SIZE = 1600
THUMBNAIL_SIZE = 320


def _jpeg(image: Image.Image, longest_side: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    # Saving without exif=/icc_profile= drops EXIF, GPS and XMP.
    copy.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def store_photo(
    db: Session,
    storage: PhotoStorage,
    data: bytes,
    *,
    kind: PhotoKind,
    observation_id: int | None = None,
    action_id: int | None = None,
) -> Photo:
    """Store an image for an observation or an action; the same bytes twice give the same photo."""
    digest = hashlib.sha256(data).hexdigest()
    owner = Photo.observation_id if observation_id is not None else Photo.action_id
    existing = db.scalar(
        select(Photo).where(owner == (observation_id or action_id), Photo.sha256 == digest)
    )
    if existing is not None:
        return existing
    with Image.open(io.BytesIO(data)) as original:
        image = ImageOps.exif_transpose(original).convert("RGB")
    display = _jpeg(image, DISPLAY_SIZE)
    thumbnail = _jpeg(image, THUMBNAIL_SIZE)
    key = f"{digest[:2]}/{digest}.jpg"
    thumbnail_key = f"{digest[:2]}/{digest}.thumb.jpg"
    storage.put(key, display)
    storage.put(thumbnail_key, thumbnail)
    width, height = Image.open(io.BytesIO(display)).size
    photo = Photo(
        observation_id=observation_id,
        action_id=action_id,
        kind=kind,
        storage_key=key,
        thumbnail_key=thumbnail_key,
        sha256=digest,
        content_type="image/jpeg",
        width=width,
        height=height,
        bytes=len(display),
    )
    db.add(photo)
    db.flush()
    return photo
