"""Running the face and plate detector off the request path: after commit, in a thread or by CLI."""

import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from flask import Flask
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from walkapp.photos.models import DetectionStatus, Photo

logger = logging.getLogger("walkapp.photos.detection")
_QUEUED = "walkapp.detect_photo_ids"
_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None
_executor_pid: int | None = None
_futures: list[Future] = []


def detect_and_save(app: Flask, photo_id: int) -> DetectionStatus | None:
    """Detect in one pending photo with a session of its own; None if it is not pending."""
    from walkapp.photos.detect import propose_blurs_for_bytes
    from walkapp.photos.storage import get_storage

    with app.app_context(), app.extensions["walkapp.sessionmaker"]() as db:
        photo = db.get(Photo, photo_id)
        if photo is None or photo.detection_status != DetectionStatus.PENDING:
            return None
        proposals = None
        try:
            proposals = propose_blurs_for_bytes(get_storage().get(photo.storage_key))
            status = DetectionStatus.DONE
        except Exception:
            # A photo the detector cannot read stays as it is; the chief blurs by hand.
            logger.exception("detection failed for photo %s", photo_id)
            status = DetectionStatus.FAILED
        # Only a still pending photo: the thread and the CLI may meet on the same one.
        db.execute(
            update(Photo)
            .where(Photo.id == photo_id, Photo.detection_status == DetectionStatus.PENDING)
            .values(detection_status=status, blur_proposals=proposals)
        )
        db.commit()
        return status


def detect_pending(app: Flask, limit: int | None = None) -> dict[str, int]:
    """Detect in pending photos, oldest first (the CLI, and cron on servers without the thread)."""
    with app.extensions["walkapp.sessionmaker"]() as db:
        query = select(Photo.id).where(Photo.detection_status == DetectionStatus.PENDING)
        ids = db.scalars(query.order_by(Photo.id).limit(limit)).all()
    counts = {"done": 0, "failed": 0}
    for photo_id in ids:
        status = detect_and_save(app, photo_id)
        if status is not None:
            counts[status.value] += 1
    return counts


def _executor_for_process() -> ThreadPoolExecutor:
    global _executor, _executor_pid
    with _lock:
        # A forked worker (gunicorn) gets its own thread: threads do not survive a fork.
        if _executor is None or _executor_pid != os.getpid():
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photo-detect")
            _executor_pid = os.getpid()
            _futures.clear()
        return _executor


def _submit(app: Flask, ids: list[int]) -> None:
    executor = _executor_for_process()
    with _lock:
        _futures[:] = [future for future in _futures if not future.done()]
        _futures.extend(executor.submit(detect_and_save, app, photo_id) for photo_id in ids)


def wait_for_detection(timeout: float | None = None) -> None:
    """Block until the photos handed to this process's thread are done (for tests and shutdown)."""
    with _lock:
        pending = list(_futures)
    for future in pending:
        future.result(timeout=timeout)


def _after_commit(db: Session) -> None:
    ids = db.info.pop(_QUEUED, None)
    app = db.info.get("walkapp.app")
    if ids and app is not None:
        _submit(app, ids)


def _after_rollback(db: Session) -> None:
    db.info.pop(_QUEUED, None)


def queue_detection(db: Session, app: Flask, photo_id: int) -> None:
    """Hand a new photo to the detector once its row is committed (PHOTO_DETECTION="thread").

    Nothing runs before the commit, so the upload's answer never waits for the detector and the
    detector never looks for a row that a rollback took away.
    """
    if app.config.get("PHOTO_DETECTION", "thread") != "thread":
        return  # "cli": cron runs flask detect-photos; "off": photos stay pending
    db.info.setdefault(_QUEUED, []).append(photo_id)
    db.info["walkapp.app"] = app
    if not event.contains(db, "after_commit", _after_commit):
        event.listen(db, "after_commit", _after_commit)
        event.listen(db, "after_rollback", _after_rollback)
