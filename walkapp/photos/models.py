"""Photo: a stored, re-encoded image attached to an observation or an action."""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from walkapp.db import Base, str_enum, utcnow


class PhotoKind(enum.StrEnum):
    BEFORE = "before"
    AFTER = "after"


class DetectionStatus(enum.StrEnum):
    """Where the search for faces and number plates in a photo stands."""

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class Photo(Base):
    __tablename__ = "photos"
    __table_args__ = (
        CheckConstraint("(observation_id IS NULL) <> (action_id IS NULL)", name="one_owner"),
        CheckConstraint("width > 0 AND height > 0 AND bytes > 0", name="positive_size"),
        # The same picture sent twice for one observation is one photo.
        UniqueConstraint("observation_id", "sha256"),
        UniqueConstraint("action_id", "sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[int | None] = mapped_column(ForeignKey("observations.id"), index=True)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id"), index=True)
    kind: Mapped[PhotoKind] = mapped_column(str_enum(PhotoKind, "photo_kind"))
    storage_key: Mapped[str] = mapped_column(String(200))
    # A blurred copy for publication; the original stays restricted.
    public_storage_key: Mapped[str | None] = mapped_column(String(200))
    public_thumbnail_key: Mapped[str | None] = mapped_column(String(200))
    thumbnail_key: Mapped[str | None] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content_type: Mapped[str] = mapped_column(String(40), default="image/jpeg")
    width: Mapped[int]
    height: Mapped[int]
    bytes: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A photo reaches the public only once the safety chief has approved its public version;
    # every change of that version bumps public_version, which is part of its public URL.
    approved_at: Mapped[datetime | None]
    public_version: Mapped[int] = mapped_column(default=1)
    # Faces and number plates found by the detector, proposed to the chief as blur rectangles:
    # [{"kind": "face" | "plate", "x": %, "y": %, "w": %, "h": %, "score": 0..1}, ...]
    detection_status: Mapped[DetectionStatus] = mapped_column(
        str_enum(DetectionStatus, "detection_status"), default=DetectionStatus.PENDING
    )
    blur_proposals: Mapped[list | None] = mapped_column(JSON)

    def key_for(self, variant: str) -> str:
        """display and thumb: as taken; public and public-thumb: blurred where the chief blurred."""
        return {
            "display": self.storage_key,
            "thumb": self.thumbnail_key,
            "public": self.public_storage_key or self.storage_key,
            "public-thumb": self.public_thumbnail_key or self.thumbnail_key,
        }[variant]
