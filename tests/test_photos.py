"""The photo pipeline: upright, no metadata, downscaled, stored once; hostile input refused."""

import io
import os
import time

import pillow_heif
import pytest
from PIL import Image
from sqlalchemy import func, select

from walkapp.auth.models import Role
from walkapp.photos.models import Photo, PhotoKind
from walkapp.photos.pipeline import (
    DISPLAY_SIZE,
    THUMBNAIL_SIZE,
    PhotoRejected,
    PhotoTooLarge,
    process_photo,
)
from walkapp.photos.services import blur_photo, store_photo
from walkapp.photos.settings import photo_settings
from walkapp.photos.storage import get_storage

LIMITS = {"max_bytes": 20 * 1024 * 1024, "max_pixels": 60_000_000}


def _store(db, data: bytes, observation_id: int):
    """A before-photo of an observation, stored as the app stores it (inside an app context)."""
    return store_photo(
        db,
        get_storage(),
        data,
        kind=PhotoKind.BEFORE,
        observation_id=observation_id,
        settings=photo_settings(),
    )


def _two_colour_jpeg(width=2400, height=1200, orientation=None, gps=None) -> bytes:
    """Left half red, right half blue, as the camera sensor saw it."""
    image = Image.new("RGB", (width, height), (220, 20, 20))
    image.paste((20, 20, 220), (width // 2, 0, width, height))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif.get_ifd(0x8825).update(gps)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def _colour(image: Image.Image, x: float, y: float) -> str:
    r, _g, b = image.getpixel((int(image.width * x), int(image.height * y)))
    return "red" if r > b else "blue"


def test_a_rotated_phone_photo_is_stored_upright_and_small():
    processed = process_photo(_two_colour_jpeg(orientation=6), **LIMITS)
    display = Image.open(io.BytesIO(processed.display))
    # Orientation 6: turn 90° clockwise to view, so the sensor's left half ends up on top.
    assert (display.width, display.height) == (800, DISPLAY_SIZE)
    assert _colour(display, 0.5, 0.1) == "red" and _colour(display, 0.5, 0.9) == "blue"
    thumbnail = Image.open(io.BytesIO(processed.thumbnail))
    assert max(thumbnail.size) == THUMBNAIL_SIZE and thumbnail.height > thumbnail.width


def test_every_piece_of_metadata_is_stripped_and_gps_only_suggests():
    gps = {1: "N", 2: (59.0, 22.0, 27.0), 3: "E", 4: (17.0, 1.0, 54.0)}
    processed = process_photo(_two_colour_jpeg(orientation=1, gps=gps), **LIMITS)
    for data in (processed.display, processed.thumbnail):
        stored = Image.open(io.BytesIO(data))
        assert not stored.getexif() and "exif" not in stored.info and "xmp" not in stored.info
        assert b"Exif" not in data[:4096]
    lat, lon = processed.suggested_position
    assert lat == pytest.approx(59.374167, abs=1e-5) and lon == pytest.approx(17.031667, abs=1e-5)


def test_a_small_photo_is_not_enlarged():
    processed = process_photo(_two_colour_jpeg(width=640, height=480), **LIMITS)
    assert (processed.width, processed.height) == (640, 480)
    assert processed.suggested_position is None


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "HEIF"])
def test_png_webp_and_heic_are_accepted(fmt):
    image = Image.new("RGBA", (1000, 800), (0, 128, 0, 0 if fmt == "PNG" else 255))
    buffer = io.BytesIO()
    if fmt == "HEIF":
        pillow_heif.from_pillow(image.convert("RGB")).save(buffer, quality=80)
    else:
        image.save(buffer, fmt)
    processed = process_photo(buffer.getvalue(), **LIMITS)
    display = Image.open(io.BytesIO(processed.display))
    assert display.format == "JPEG" and display.size == (1000, 800)
    if fmt == "PNG":  # transparency becomes white, not black
        assert display.getpixel((10, 10)) == (255, 255, 255)


def _bomb() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buffer, "PNG")  # 144 MP in a few kilobytes
    return buffer.getvalue()


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50)).save(buffer, "GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"%PDF-1.7 this is not a photo", PhotoRejected, "not a photo"),
        (b"", PhotoRejected, "not a photo"),
        (_gif(), PhotoRejected, "not a photo"),
        (_two_colour_jpeg()[:5000], PhotoRejected, "damaged or incomplete"),
        (_bomb(), PhotoRejected, "too many pixels"),
    ],
    ids=["not-an-image", "empty", "gif", "truncated-jpeg", "decompression-bomb"],
)
def test_hostile_input_is_refused(data, error, message):
    with pytest.raises(error) as caught:
        process_photo(data, **LIMITS)
    assert message in str(caught.value.message)


def test_a_photo_over_the_cap_is_413():
    with pytest.raises(PhotoTooLarge) as caught:
        process_photo(b"\xff\xd8" + b"0" * 2048, max_bytes=1024, max_pixels=10**6)
    assert caught.value.status_code == 413


def test_the_same_photo_twice_is_stored_once(app, db, make_observation):
    observation = make_observation()
    data = _two_colour_jpeg(orientation=3)
    with app.app_context():
        storage = get_storage()
        first, made = _store(db, data, observation.id)
        again, made_again = _store(db, data, observation.id)
        db.commit()
        assert made is not None and made_again is None and first.id == again.id
        assert storage.exists(first.storage_key) and storage.exists(first.thumbnail_key)
    assert db.scalar(select(func.count(Photo.id))) == 1


def test_a_refused_photo_stores_nothing(app, db, make_observation, tmp_path):
    observation = make_observation()
    with app.app_context(), pytest.raises(PhotoRejected):
        _store(db, b"not an image", observation.id)
    db.rollback()
    assert db.scalar(select(func.count(Photo.id))) == 0
    assert not any((tmp_path / "photos").rglob("*.jpg"))


# ----- files follow the database: no file without its row ---------------------------------


def _photo_files(tmp_path) -> set[str]:
    root = tmp_path / "photos"
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def _handler_with_action(make_action, make_organisation, make_user, login):
    organisation = make_organisation()
    action = make_action(organisation=organisation, status="in_progress")
    login(make_user(Role.HANDLER, organisation=organisation))
    return action


def test_a_refused_request_leaves_no_photo_file(
    client, db, login, make_action, make_organisation, make_user, make_photo_bytes, tmp_path
):
    action = _handler_with_action(make_action, make_organisation, make_user, login)
    # The photo is fine and stored first; "done" without a public note is then refused.
    response = client.post(
        f"/actions/{action.id}",
        data={"status": "done", "photo": (io.BytesIO(make_photo_bytes()), "efter.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert db.scalar(select(func.count(Photo.id))) == 0
    assert _photo_files(tmp_path) == set()


def test_a_request_that_crashes_leaves_no_photo_file(
    client,
    db,
    login,
    make_action,
    make_organisation,
    make_user,
    make_photo_bytes,
    tmp_path,
    monkeypatch,
):
    action = _handler_with_action(make_action, make_organisation, make_user, login)

    def crash(*_args, **_kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("walkapp.actions.services.change_action_status", crash)
    response = client.post(
        f"/actions/{action.id}",
        data={
            "status": "done",
            "public_note": "Klart",
            "photo": (io.BytesIO(make_photo_bytes()), "efter.jpg"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 500
    assert db.scalar(select(func.count(Photo.id))) == 0
    assert _photo_files(tmp_path) == set()


def test_a_rollback_keeps_the_file_of_a_committed_photo_with_the_same_bytes(
    app, db, make_observation, make_photo_bytes
):
    first, second = make_observation(), make_observation()
    data = make_photo_bytes()
    with app.app_context():
        storage = get_storage()
        kept, _made = _store(db, data, first.id)
        db.commit()
        again, _made = _store(db, data, second.id)
        assert again.id != kept.id and again.storage_key == kept.storage_key
        db.rollback()
        assert storage.exists(kept.storage_key) and storage.exists(kept.thumbnail_key)


def test_a_blur_rolled_back_leaves_no_public_file(app, db, make_observation, make_photo_bytes):
    observation = make_observation()
    with app.app_context():
        storage = get_storage()
        photo, _made = _store(db, make_photo_bytes(), observation.id)
        db.commit()
        savepoint = db.begin_nested()
        blur_photo(db, storage, photo, (10, 10, 30, 30))
        public, public_thumb = photo.public_storage_key, photo.public_thumbnail_key
        assert storage.exists(public) and storage.exists(public_thumb)
        savepoint.rollback()
        assert not storage.exists(public) and not storage.exists(public_thumb)
        assert storage.exists(photo.storage_key)  # written before the savepoint: still there
        blur_photo(db, storage, photo, (10, 10, 30, 30))
        db.commit()
        assert storage.exists(photo.public_storage_key)


def _remove_orphans(app, *args):
    result = app.test_cli_runner().invoke(args=["remove-orphan-photos", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_command_finds_and_removes_orphans_and_keeps_photos(
    app, db, make_observation, make_photo_bytes, tmp_path
):
    observation = make_observation()
    with app.app_context():
        storage = get_storage()
        photo, _made = _store(db, make_photo_bytes(), observation.id)
        db.commit()
        storage.put("ab/abandoned.jpg", b"left by a crash")
        storage.put("cd/just-written.jpg", b"an upload not yet committed")
    hour_ago = time.time() - 2 * 3600
    os.utime(tmp_path / "photos" / "ab" / "abandoned.jpg", (hour_ago, hour_ago))

    output = _remove_orphans(app)
    assert "Would remove ab/abandoned.jpg" in output
    assert "just-written" not in output and "1 newer than 60 minutes left alone" in output
    assert "dry run" in output and "0 missing files" in output
    assert "ab/abandoned.jpg" in _photo_files(tmp_path)

    output = _remove_orphans(app, "--delete")
    assert "Removing ab/abandoned.jpg" in output and "1 removed" in output
    files = _photo_files(tmp_path)
    assert "ab/abandoned.jpg" not in files and "cd/just-written.jpg" in files
    assert {photo.storage_key, photo.thumbnail_key} <= files

    (tmp_path / "photos" / photo.thumbnail_key).unlink()
    output = _remove_orphans(app, "--min-age-minutes", "0")
    assert f"Photo {photo.id} has no file {photo.thumbnail_key}" in output
    assert "Would remove cd/just-written.jpg" in output
