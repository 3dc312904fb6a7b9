"""Joining by code and the field API: idempotent observations, photos at their own URL."""

import hashlib
import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image
from sqlalchemy import func, select

from walkapp.auth.models import Role
from walkapp.observations import services as observation_services
from walkapp.observations.models import Observation
from walkapp.photos.models import Photo
from walkapp.walks.models import WalkParticipant, WalkStatus


@pytest.fixture
def active_walk(make_walk):
    return make_walk(
        status=WalkStatus.ACTIVE,
        join_code="ABC234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
    )


def _join(client, code="abc-234", name="Anna"):
    return client.post(
        f"/join/{code}", data={"display_name": name, "represents": "resident", "consent": "y"}
    )


def _payload(**overrides):
    data = {
        "client_uuid": str(uuid.uuid4()),
        "lat": 59.37445,
        "lon": 17.0319,
        "accuracy_m": 8.5,
        "location_source": "gps",
        "category": "lighting_missing",
        "polarity": "problem",
        "severity": 3,
        "feeling": 0,
        "note": "Lampan vid gångtunneln är trasig.",
        "recorded_at": datetime.now(UTC).isoformat(),
    }
    data.update(overrides)
    return data


def _jpeg(color=(10, 120, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), color).save(buffer, "JPEG")
    return buffer.getvalue()


def test_an_observation_is_stored_once_however_often_it_is_sent(client, db, active_walk):
    _join(client)
    url = f"/api/walks/{active_walk.id}/observations"
    payload = _payload()
    first = client.post(url, json=payload)
    assert first.status_code == 201
    again = client.post(url, json=payload)
    assert again.status_code == 200 and again.json["id"] == first.json["id"]
    assert db.scalar(select(func.count(Observation.id))) == 1
    stored = db.scalar(select(Observation))
    assert (stored.lat, stored.lon, stored.accuracy_m) == (59.37445, 17.0319, 8.5)
    assert stored.category_code == "lighting_missing" and stored.severity == 3
    listed = client.get(url).json
    assert [o["client_uuid"] for o in listed] == [payload["client_uuid"]]
    assert listed[0]["mine"] and listed[0]["note"] == payload["note"]


def test_other_participants_see_the_pin_but_not_the_note(app, client, active_walk):
    _join(client)
    client.post(f"/api/walks/{active_walk.id}/observations", json=_payload())
    other = app.test_client()
    _join(other, name="Erik")
    listed = other.get(f"/api/walks/{active_walk.id}/observations").json
    assert listed[0]["mine"] is False and listed[0]["note"] is None


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"lat": 95}, 422, "lat"),
        ({"lon": "east"}, 422, "lon"),
        ({"lat": None}, 422, "lat"),
        ({"category": "unicorns"}, 422, "category"),
        ({"note": "x" * 2001}, 422, "note"),
        ({"severity": 9}, 422, "severity"),
        ({"client_uuid": "not-a-uuid"}, 422, "client_uuid"),
        ({"recorded_at": "yesterday"}, 422, "recorded_at"),
        ({"recorded_at": (datetime.now(UTC) + timedelta(days=2)).isoformat()}, 422, "recorded_at"),
    ],
    ids=[
        "lat-impossible",
        "lon-text",
        "lat-missing",
        "unknown-category",
        "note-too-long",
        "severity",
        "bad-uuid",
        "bad-time",
        "future-time",
    ],
)
def test_bad_observations_are_refused_with_the_field_named(
    client, db, active_walk, overrides, status, field
):
    _join(client)
    response = client.post(f"/api/walks/{active_walk.id}/observations", json=_payload(**overrides))
    assert response.status_code == status
    assert response.json["error"]["field"] == field and response.json["error"]["message"]
    assert db.scalar(select(func.count(Observation.id))) == 0


def test_a_body_that_is_not_json_is_a_400(client, active_walk):
    _join(client)
    response = client.post(
        f"/api/walks/{active_walk.id}/observations", data="lat=1", content_type="text/plain"
    )
    assert response.status_code == 400 and "JSON" in response.json["error"]["message"]


def test_a_closed_walk_takes_only_what_was_recorded_during_it(client, db, active_walk):
    _join(client)
    during = _payload(recorded_at=(datetime.now(UTC) - timedelta(minutes=30)).isoformat())
    active_walk.status = WalkStatus.CLOSED
    active_walk.ends_at = datetime.now(UTC) - timedelta(minutes=10)
    db.commit()
    url = f"/api/walks/{active_walk.id}/observations"
    assert client.post(url, json=during).status_code == 201  # queued offline during the walk
    after = client.post(url, json=_payload())
    assert after.status_code == 422 and after.json["error"]["field"] == "walk"


def test_someone_elses_uuid_is_a_conflict(app, client, db, active_walk):
    _join(client)
    payload = _payload()
    client.post(f"/api/walks/{active_walk.id}/observations", json=payload)
    other = app.test_client()
    _join(other, name="Erik")
    response = other.post(f"/api/walks/{active_walk.id}/observations", json=payload)
    assert response.status_code == 409
    assert db.scalar(select(func.count(Observation.id))) == 1


def test_a_photo_is_put_to_its_own_url_once(client, db, active_walk):
    _join(client)
    payload = _payload()
    client.post(f"/api/walks/{active_walk.id}/observations", json=payload)
    data = _jpeg()
    digest = hashlib.sha256(data).hexdigest()
    url = f"/api/walks/{active_walk.id}/observations/{payload['client_uuid']}/photos/{digest}"
    assert client.put(url, data=data, content_type="image/jpeg").status_code == 201
    assert client.put(url, data=data, content_type="image/jpeg").status_code == 200
    photo = db.scalar(select(Photo))
    assert db.scalar(select(func.count(Photo.id))) == 1 and photo.sha256 == digest
    thumb = client.get(f"/photos/{photo.id}/thumb.jpg")
    assert thumb.status_code == 200 and thumb.mimetype == "image/jpeg"


@pytest.mark.parametrize(
    ("body", "digest", "status", "text"),
    [
        (b"not an image at all", None, 422, "inte ett foto"),
        (_jpeg(), "f" * 64, 422, "skadat"),
        (_jpeg()[:3000], None, 422, "skadat eller ofullständigt"),
    ],
    ids=["not-an-image", "hash-mismatch", "truncated"],
)
def test_bad_photos_are_refused_and_nothing_is_stored(
    client, db, active_walk, body, digest, status, text
):
    _join(client)
    payload = _payload()
    client.post(f"/api/walks/{active_walk.id}/observations", json=payload)
    digest = digest or hashlib.sha256(body).hexdigest()
    url = f"/api/walks/{active_walk.id}/observations/{payload['client_uuid']}/photos/{digest}"
    response = client.put(url, data=body, content_type="image/jpeg")
    assert response.status_code == status and text in response.json["error"]["message"]
    assert db.scalar(select(func.count(Photo.id))) == 0


def test_a_30_mb_upload_is_413(client, active_walk):
    _join(client)
    payload = _payload()
    client.post(f"/api/walks/{active_walk.id}/observations", json=payload)
    body = b"\xff\xd8" + b"0" * (30 * 1024 * 1024)
    url = (
        f"/api/walks/{active_walk.id}/observations/{payload['client_uuid']}/photos/"
        f"{hashlib.sha256(body).hexdigest()}"
    )
    response = client.put(url, data=body, content_type="image/jpeg")
    assert response.status_code == 413 and response.is_json


def test_the_cameras_position_is_only_a_suggestion(client, db, active_walk):
    _join(client)
    payload = _payload()
    client.post(f"/api/walks/{active_walk.id}/observations", json=payload)
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (59.0, 22.0, 30.0), 3: "E", 4: (17.0, 2.0, 0.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (90, 90, 90)).save(buffer, "JPEG", exif=exif.tobytes())
    data = buffer.getvalue()
    response = client.put(
        f"/api/walks/{active_walk.id}/observations/{payload['client_uuid']}/photos/"
        f"{hashlib.sha256(data).hexdigest()}",
        data=data,
        content_type="image/jpeg",
    )
    assert response.json["suggested_position"] == pytest.approx([59.375, 17.033333], abs=1e-5)
    db.expire_all()
    stored = db.scalar(select(Observation))
    assert (stored.lat, stored.lon) == (59.37445, 17.0319)  # the GPS fix stands


def test_at_most_three_photos(client, db, active_walk):
    _join(client)
    payload = _payload()
    client.post(f"/api/walks/{active_walk.id}/observations", json=payload)
    base = f"/api/walks/{active_walk.id}/observations/{payload['client_uuid']}/photos/"
    for index, color in enumerate([(1, 2, 3), (60, 60, 60), (120, 1, 1), (1, 200, 1)]):
        data = _jpeg(color)
        response = client.put(
            base + hashlib.sha256(data).hexdigest(), data=data, content_type="image/jpeg"
        )
        assert response.status_code == (201 if index < 3 else 422)
    assert db.scalar(select(func.count(Photo.id))) == 3


def test_photos_are_only_shown_to_those_with_a_right(
    app, client, db, active_walk, make_user, login, other_municipality
):
    _join(client)
    payload = _payload()
    client.post(f"/api/walks/{active_walk.id}/observations", json=payload)
    data = _jpeg()
    client.put(
        f"/api/walks/{active_walk.id}/observations/{payload['client_uuid']}/photos/"
        f"{hashlib.sha256(data).hexdigest()}",
        data=data,
        content_type="image/jpeg",
    )
    photo_url = f"/photos/{db.scalar(select(Photo.id))}/display.jpg"
    assert app.test_client().get(photo_url).status_code == 404  # a stranger
    other = app.test_client()
    _join(other, name="Erik")
    assert other.get(photo_url).status_code == 404  # another participant
    chief = app.test_client()
    login(make_user(Role.SAFETY_CHIEF), test_client=chief)
    assert chief.get(photo_url).status_code == 200
    foreign_chief = app.test_client()
    login(make_user(Role.SAFETY_CHIEF, municipality=other_municipality), test_client=foreign_chief)
    assert foreign_chief.get(photo_url).status_code == 404


def test_the_walk_leader_pins_without_the_code(client, login_as, db, active_walk):
    login_as(Role.WALK_LEADER)
    assert client.post(f"/field/{active_walk.id}/join").status_code == 303  # the button
    assert client.get(f"/field/{active_walk.id}").status_code == 200
    participant = db.scalar(select(WalkParticipant))
    assert participant.represents == "municipality" and participant.user_id is not None
    response = client.post(f"/api/walks/{active_walk.id}/observations", json=_payload())
    assert response.status_code == 201


def test_the_openapi_document_describes_the_field_api(client):
    document = client.get("/api/openapi.json").json
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    assert "post" in paths["/api/walks/{walk_id}/observations"]
    assert "put" in paths["/api/walks/{walk_id}/observations/{client_uuid}/photos/{sha256}"]


def test_the_service_worker_may_control_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert "importScripts" in response.get_data(as_text=True)
    manifest = client.get("/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    assert {icon["sizes"] for icon in manifest.json["icons"]} == {"192x192", "512x512"}


def test_the_walk_leader_pins_even_when_the_walk_has_no_code(client, login_as, db, make_walk):
    login_as(Role.WALK_LEADER)
    walk = make_walk(status=WalkStatus.ACTIVE)  # e.g. started before codes, or code withdrawn
    assert walk.join_code is None
    assert client.post(f"/field/{walk.id}/join").status_code == 303
    assert client.get(f"/field/{walk.id}").status_code == 200
    response = client.post(f"/api/walks/{walk.id}/observations", json=_payload())
    assert response.status_code == 201


def test_a_planner_of_another_municipality_is_not_let_in(
    client, login_as, make_walk, other_municipality
):
    login_as(Role.SAFETY_CHIEF, municipality=other_municipality)
    walk = make_walk(status=WalkStatus.ACTIVE)
    assert client.get(f"/field/{walk.id}").status_code == 403


def test_a_note_naming_a_person_or_a_crime_is_flagged_for_review(client, db, active_walk):
    _join(client)
    url = f"/api/walks/{active_walk.id}/observations"
    plain = _payload(note="Lampan vid tunneln är trasig.")
    named = _payload(note="Kalle Andersson langar vid busskuren, ring 070-123 45 67.")
    client.post(url, json=plain)
    client.post(url, json=named)
    flags = dict(db.execute(select(Observation.note, Observation.is_flagged)).all())
    assert flags == {plain["note"]: False, named["note"]: True}


def test_the_field_page_gets_its_limits_and_values_from_the_server_once(
    client, monkeypatch, active_walk
):
    # A changed server rule reaches the phone's form and script without touching JavaScript.
    monkeypatch.setattr("walkapp.field.views.NOTE_MAX_LENGTH", 1234)
    _join(client)
    page = client.get(f"/field/{active_walk.id}").get_data(as_text=True)
    config = json.loads(page.split('id="field-config">', 1)[1].split("</script>", 1)[0])
    assert config["noteMaxLength"] == 1234 and 'maxlength="1234"' in page
    assert config["maxPhotos"] == observation_services.MAX_PHOTOS
    assert config["verdicts"] == ["fixed", "still_a_problem", "worse"]
    assert "/static/vendor/exifr/exifr-mini.esm." in config["exifrUrl"]
    assert client.get(config["exifrUrl"]).mimetype == "text/javascript"
    schema = client.get("/api/openapi.json").json["components"]["schemas"]
    assert schema["NewObservation"]["properties"]["note"]["maxLength"] == 2000
