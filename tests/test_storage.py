"""The photo store behind one interface: files on disk, or an S3 bucket (a real S3-protocol
server, moto's, started here)."""

import hashlib
import io
import socket
import uuid
from datetime import UTC, datetime, timedelta

import boto3
import pytest
from moto.server import ThreadedMotoServer
from PIL import Image

from walkapp import create_app
from walkapp.config import ConfigError
from walkapp.photos.models import PhotoKind
from walkapp.photos.services import store_photo
from walkapp.photos.settings import photo_settings
from walkapp.photos.storage import S3Storage, get_storage

BUCKET = "walkapp-photos"


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="eu-north-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    yield endpoint, server
    server.stop()


def _settings(endpoint: str) -> dict:
    return {
        "PHOTO_STORE": "s3",
        "S3_BUCKET": BUCKET,
        "S3_PREFIX": "test",
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "eu-north-1",
        "S3_ACCESS_KEY_ID": "test",
        "S3_SECRET_ACCESS_KEY": "test",
    }


def test_the_s3_store_keeps_what_it_is_given(s3_endpoint):
    endpoint, _server = s3_endpoint
    store = S3Storage(
        bucket=BUCKET,
        prefix="unit",
        endpoint_url=endpoint,
        region_name="eu-north-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    store.put("ab/photo.jpg", b"jpeg bytes")
    assert store.exists("ab/photo.jpg") and store.get("ab/photo.jpg") == b"jpeg bytes"
    store.delete("ab/photo.jpg")
    assert not store.exists("ab/photo.jpg")
    with pytest.raises(FileNotFoundError):
        store.get("ab/photo.jpg")
    with pytest.raises(ValueError):
        store.put("../other-tenant/x.jpg", b"")


def test_a_walk_with_photos_in_a_bucket(app_config, s3_endpoint, make_walk, db):
    endpoint, _server = s3_endpoint
    app = create_app({**app_config, **_settings(endpoint)})
    walk = make_walk(
        status="active",
        join_code="BKT234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=1),
    )
    client = app.test_client()
    client.post(
        "/join/BKT234", data={"display_name": "Anna", "represents": "resident", "consent": "y"}
    )
    client_uuid = str(uuid.uuid4())
    response = client.post(
        f"/api/walks/{walk.id}/observations",
        json={
            "client_uuid": client_uuid,
            "lat": 59.37,
            "lon": 17.03,
            "category": "lighting_missing",
            "recorded_at": datetime.now(UTC).isoformat(),
        },
    )
    assert response.status_code == 201
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 60, 90)).save(buffer, "JPEG")
    data = buffer.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    url = f"/api/walks/{walk.id}/observations/{client_uuid}/photos/{digest}"
    put = client.put(url, data=data, content_type="image/jpeg")
    assert put.status_code == 201
    photo_id = put.get_json()["id"]
    shown = client.get(f"/photos/{photo_id}/thumb.jpg")
    assert shown.status_code == 200 and shown.data[:2] == b"\xff\xd8"
    objects = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="eu-north-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).list_objects_v2(Bucket=BUCKET, Prefix="test/")
    keys = [item["Key"] for item in objects.get("Contents", [])]
    assert any(key.endswith(f"{digest}.jpg") for key in keys)
    health = client.get("/healthz")
    assert health.status_code == 200 and health.get_json()["storage"] == "ok"


def test_healthz_reports_an_unreachable_bucket(app_config):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # nothing listens here once closed
    app = create_app({**app_config, **_settings(f"http://127.0.0.1:{closed_port}")})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "failing", "database": "ok", "storage": "failing"}


def test_s3_without_a_bucket_does_not_start(app_config):
    with pytest.raises(ConfigError, match="S3_BUCKET"):
        create_app({**app_config, "PHOTO_STORE": "s3"})


def test_a_bucket_loses_rolled_back_photos_and_its_orphans(
    app_config, s3_endpoint, make_observation, db
):
    endpoint, _server = s3_endpoint
    settings = {**_settings(endpoint), "S3_PREFIX": f"orphans-{uuid.uuid4().hex[:8]}"}
    app = create_app({**app_config, **settings})
    first, second = make_observation(), make_observation()
    with app.app_context():
        storage = get_storage()
        kept, _made = store_photo(
            db,
            storage,
            _jpeg((90, 60, 30)),
            kind=PhotoKind.BEFORE,
            observation_id=first.id,
            settings=photo_settings(),
        )
        db.commit()
        dropped, _made = store_photo(
            db,
            storage,
            _jpeg((10, 200, 10)),
            kind=PhotoKind.BEFORE,
            observation_id=second.id,
            settings=photo_settings(),
        )
        dropped_keys = (dropped.storage_key, dropped.thumbnail_key)
        assert all(storage.exists(key) for key in dropped_keys)
        db.rollback()
        assert not any(storage.exists(key) for key in dropped_keys)
        storage.put("ab/abandoned.jpg", b"left by a crash")
        assert {stored.key for stored in storage.files()} == {
            kept.storage_key,
            kept.thumbnail_key,
            "ab/abandoned.jpg",
        }
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["remove-orphan-photos", "--min-age-minutes", "0"])
    assert "Would remove ab/abandoned.jpg" in listed.output
    removed = runner.invoke(args=["remove-orphan-photos", "--min-age-minutes", "0", "--delete"])
    assert removed.exit_code == 0 and "1 removed" in removed.output
    with app.app_context():
        assert {stored.key for stored in get_storage().files()} == {
            kept.storage_key,
            kept.thumbnail_key,
        }


def _jpeg(colour) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, "JPEG")
    return buffer.getvalue()
