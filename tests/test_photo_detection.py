"""Blur proposals: faces and Swedish number plates found after upload, off the request path."""

import hashlib
import io
import threading
import uuid
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
import skimage.data
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select

from walkapp.config import ConfigError, check_config
from walkapp.photos import detection
from walkapp.photos.detect import propose_blurs
from walkapp.photos.models import DetectionStatus, Photo
from walkapp.photos.storage import get_storage
from walkapp.walks.models import WalkStatus

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def street(size=(1200, 900), seed=1) -> Image.Image:
    """A grey street with a house and sensor noise: nothing personal in it."""
    rng = np.random.default_rng(seed)
    image = Image.new("RGB", size, (150, 170, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, size[1] * 0.2, size[0], size[1] * 0.6], fill=(220, 205, 170))
    for x in range(40, size[0] - 60, 90):
        draw.rectangle([x, size[1] * 0.3, x + 35, size[1] * 0.3 + 60], fill=(50, 60, 75))
    draw.rectangle([0, size[1] * 0.6, size[0], size[1]], fill=(85, 86, 90))
    noisy = np.asarray(image) + rng.normal(0, 4, (size[1], size[0], 3))
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def paste_plate(image: Image.Image, text: str, box: tuple[int, int, int]) -> tuple:
    """A Swedish plate (blue EU band with S, black letters on white) at (left, top, width)."""
    left, top, width = box
    plate = Image.new("RGB", (1040, 220), (250, 250, 250))
    draw = ImageDraw.Draw(plate)
    draw.rectangle([0, 0, 1039, 219], outline=(15, 15, 15), width=6)
    draw.rectangle([6, 6, 96, 213], fill=(0, 51, 153))
    draw.text((51, 165), "S", fill="white", font=ImageFont.truetype(FONT, 64), anchor="mm")
    letters = Image.new("L", (1400, 220), 0)
    ImageDraw.Draw(letters).text(
        (700, 112), text, fill=255, font=ImageFont.truetype(FONT, 205), anchor="mm"
    )
    letters = letters.crop(letters.getbbox())
    letters = letters.resize((860, letters.height))
    plate.paste((10, 10, 10), (570 - 430, 110 - letters.height // 2), letters)
    height = round(width * 110 / 520)
    image.paste(plate.resize((width, height), Image.Resampling.LANCZOS), (left, top))
    return left, top, left + width, top + height


def as_percent(proposal, size) -> tuple:
    w, h = size
    return (
        proposal["x"] * w / 100,
        proposal["y"] * h / 100,
        (proposal["x"] + proposal["w"]) * w / 100,
        (proposal["y"] + proposal["h"]) * h / 100,
    )


def contains(outer, inner, slack=0.0) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] - slack <= cx <= outer[2] + slack and outer[1] - slack <= cy <= outer[3] + slack


def plate_photo() -> tuple[Image.Image, tuple]:
    image = street()
    ImageDraw.Draw(image).rectangle([380, 560, 820, 860], fill=(150, 30, 30))  # a car's back
    return image, paste_plate(image, "ABC 12A", (520, 760, 170))


def jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def test_a_swedish_number_plate_is_proposed_for_blurring_where_it_is():
    image, plate = plate_photo()
    proposals = [p for p in propose_blurs(image) if p["kind"] == "plate"]
    assert len(proposals) == 1
    box = as_percent(proposals[0], image.size)
    assert contains(box, plate) and contains(plate, box)
    # The whole plate is covered, band included, give or take a pixel or two.
    assert box[0] <= plate[0] + 4 and box[2] >= plate[2] - 4
    assert 0 < proposals[0]["score"] <= 1


def test_a_face_from_a_packaged_photo_is_proposed_with_room_for_the_head():
    image = street(seed=2)
    head = Image.fromarray(skimage.data.astronaut()).crop((110, 0, 330, 260))
    image.paste(head, (700, 150))
    face = (700 + 62, 150 + 60, 700 + 158, 150 + 172)  # brows to chin, ear to ear
    proposals = [p for p in propose_blurs(image) if p["kind"] == "face"]
    assert len(proposals) == 1
    box = as_percent(proposals[0], image.size)
    assert contains(box, face) and contains(face, box)
    assert (box[2] - box[0]) * (box[3] - box[1]) > (face[2] - face[0]) * (face[3] - face[1])
    assert box[1] < face[1]  # the forehead and hair too


def test_a_photo_with_no_face_or_plate_gets_no_proposals_even_with_a_sign():
    image = street(seed=3)
    draw = ImageDraw.Draw(image)
    draw.rectangle([300, 120, 620, 190], fill=(245, 245, 240), outline=(20, 20, 20))
    draw.text((320, 128), "APOTEK", fill=(20, 20, 20), font=ImageFont.truetype(FONT, 48))
    assert propose_blurs(image) == []


# ----- off the request path ------------------------------------------------------------------


@pytest.fixture
def active_walk(make_walk):
    return make_walk(
        status=WalkStatus.ACTIVE,
        join_code="ABC234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
    )


def upload(client, walk, data: bytes):
    client.post(
        "/join/abc-234", data={"display_name": "Anna", "represents": "resident", "consent": "y"}
    )
    observation = {
        "client_uuid": str(uuid.uuid4()),
        "lat": 59.37445,
        "lon": 17.0319,
        "accuracy_m": 8.5,
        "location_source": "gps",
        "category": "lighting_missing",
        "polarity": "problem",
        "severity": 2,
        "feeling": 0,
        "note": "",
        "recorded_at": datetime.now(UTC).isoformat(),
    }
    client.post(f"/api/walks/{walk.id}/observations", json=observation)
    digest = hashlib.sha256(data).hexdigest()
    url = f"/api/walks/{walk.id}/observations/{observation['client_uuid']}/photos/{digest}"
    return client.put(url, data=data, content_type="image/jpeg")


def photo_now(app, photo_id) -> Photo:
    with app.extensions["walkapp.sessionmaker"]() as session:
        return session.get(Photo, photo_id)


def test_an_upload_does_not_wait_for_detection_and_the_cli_fills_it_in_once(
    app, client, active_walk
):
    assert app.config["PHOTO_DETECTION"] == "cli"
    response = upload(client, active_walk, jpeg(plate_photo()[0]))
    assert response.status_code == 201
    photo_id = response.get_json()["id"]
    pending = photo_now(app, photo_id)
    assert pending.detection_status == DetectionStatus.PENDING and pending.blur_proposals is None

    result = app.test_cli_runner().invoke(args=["detect-photos", "--limit", "10"])
    assert result.exit_code == 0 and "Detected in 1 photos" in result.output
    done = photo_now(app, photo_id)
    assert done.detection_status == DetectionStatus.DONE
    assert [p["kind"] for p in done.blur_proposals] == ["plate"]

    again = app.test_cli_runner().invoke(args=["detect-photos"])
    assert "Detected in 0 photos" in again.output
    assert photo_now(app, photo_id).blur_proposals == done.blur_proposals


def test_in_thread_mode_the_answer_comes_back_while_the_detector_still_works(
    app, client, active_walk, monkeypatch
):
    app.config["PHOTO_DETECTION"] = "thread"
    release = threading.Event()
    started = threading.Event()

    def slow_detector(_data):
        started.set()
        assert release.wait(10)
        return [{"kind": "face", "x": 1.0, "y": 2.0, "w": 3.0, "h": 4.0, "score": 0.9}]

    monkeypatch.setattr("walkapp.photos.detect.propose_blurs_for_bytes", slow_detector)
    response = upload(client, active_walk, jpeg(street(seed=4)))
    assert response.status_code == 201
    photo_id = response.get_json()["id"]
    assert started.wait(10)  # handed over after the commit, and the phone has its answer
    assert photo_now(app, photo_id).detection_status == DetectionStatus.PENDING
    release.set()
    detection.wait_for_detection(timeout=10)
    done = photo_now(app, photo_id)
    assert done.detection_status == DetectionStatus.DONE and done.blur_proposals[0]["x"] == 1.0


def test_an_unreadable_stored_photo_is_marked_failed_and_still_served(app, client, active_walk):
    response = upload(client, active_walk, jpeg(street(seed=5)))
    photo_id = response.get_json()["id"]
    with app.app_context():
        get_storage().put(photo_now(app, photo_id).storage_key, b"no longer a JPEG")
    result = app.test_cli_runner().invoke(args=["detect-photos"])
    assert result.exit_code == 0 and "1 could not be read" in result.output
    failed = photo_now(app, photo_id)
    assert failed.detection_status == DetectionStatus.FAILED and failed.blur_proposals is None
    assert client.get(f"/photos/{photo_id}/thumb.jpg").status_code == 200
    assert client.get(f"/photos/{photo_id}/display.jpg").status_code == 200


def test_with_detection_off_photos_stay_pending(app, client, active_walk):
    app.config["PHOTO_DETECTION"] = "off"
    photo_id = upload(client, active_walk, jpeg(street(seed=6))).get_json()["id"]
    result = app.test_cli_runner().invoke(args=["detect-photos"])
    assert "off" in result.output
    assert photo_now(app, photo_id).detection_status == DetectionStatus.PENDING
    with app.extensions["walkapp.sessionmaker"]() as session:
        assert session.scalars(select(Photo.detection_status)).all() == [DetectionStatus.PENDING]


def test_an_unknown_detection_setting_refuses_to_start():
    with pytest.raises(ConfigError, match="PHOTO_DETECTION"):
        check_config({"PHOTO_STORE": "filesystem", "PHOTO_DETECTION": "sometimes"})
