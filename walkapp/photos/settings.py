"""The photo limits and the after-store step, handed to the photo services by views and commands."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app
from sqlalchemy.orm import Session

from walkapp.photos.detection import queue_detection


def _no_detection(db: Session, photo_id: int) -> None:
    return None


@dataclass(frozen=True)
class PhotoSettings:
    max_bytes: int
    max_pixels: int
    # Called with a new photo's id once its row is flushed: queues the face and plate search.
    on_stored: Callable[[Session, int], None] = _no_detection

    @classmethod
    def from_app(cls, app: Flask) -> "PhotoSettings":
        def queue(db: Session, photo_id: int) -> None:
            queue_detection(db, app, photo_id)

        return cls(
            max_bytes=app.config["PHOTO_MAX_BYTES"],
            max_pixels=app.config["PHOTO_MAX_PIXELS"],
            on_stored=queue,
        )


def photo_settings() -> PhotoSettings:
    """The running app's photo settings, for views and commands (never for services)."""
    return PhotoSettings.from_app(current_app._get_current_object())
