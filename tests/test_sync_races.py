"""A phone's retry that reaches the server while its first try is still being stored."""

import hashlib
import io
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image
from sqlalchemy import event, func, select

from walkapp.observations.models import Observation
from walkapp.photos.models import Photo
from walkapp.walks.models import WalkStatus


@pytest.fixture
def joined(client, make_walk):
    walk = make_walk(
        status=WalkStatus.ACTIVE,
        join_code="ABC234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
    )
    form = {"display_name": "Anna", "represents": "resident", "consent": "y"}
    assert client.post("/join/ABC234", data=form).status_code == 302
    return walk


def first_try_lands_during(app, table: str, first_try) -> list:
    """Before the retry's insert into `table`, the first try (`first_try()`, a request of its
    own on another thread) is stored and committed: the retry has already looked for it and not
    found it, as when both run at once. Returns the list the first try's response is put in."""
    engine = app.extensions["walkapp.engine"]
    answers = []

    def before_insert(_connection, _cursor, statement, *_args):
        if not answers and statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()}"):
            answers.append(None)
            other = threading.Thread(target=lambda: answers.__setitem__(0, first_try()))
            other.start()
            other.join(timeout=30)

    event.listen(engine, "before_cursor_execute", before_insert)
    return answers


def test_a_retry_racing_its_first_try_gets_the_stored_observation(app, client, db, joined):
    url = f"/api/walks/{joined.id}/observations"
    payload = {
        "client_uuid": str(uuid.uuid4()),
        "lat": 59.37445,
        "lon": 17.0319,
        "category": "lighting_missing",
        "note": "Lampan vid gångtunneln är trasig.",
        "recorded_at": datetime.now(UTC).isoformat(),
    }
    first = first_try_lands_during(app, "observations", lambda: client.post(url, json=payload))

    retry = client.post(url, json=payload)

    assert first[0].status_code == 201
    assert retry.status_code == 200 and retry.json["id"] == first[0].json["id"]
    assert db.scalar(select(func.count(Observation.id))) == 1


def test_a_photo_retry_racing_its_first_try_stores_one_photo(app, client, db, joined):
    url = f"/api/walks/{joined.id}/observations"
    client_uuid = str(uuid.uuid4())
    payload = {
        "client_uuid": client_uuid,
        "lat": 59.37445,
        "lon": 17.0319,
        "category": "lighting_missing",
        "recorded_at": datetime.now(UTC).isoformat(),
    }
    assert client.post(url, json=payload).status_code == 201
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (10, 120, 200)).save(buffer, "JPEG")
    data = buffer.getvalue()
    photo_url = f"{url}/{client_uuid}/photos/{hashlib.sha256(data).hexdigest()}"

    def put():
        return client.put(photo_url, data=data, content_type="image/jpeg")

    first = first_try_lands_during(app, "photos", put)
    retry = put()

    assert first[0].status_code == 201
    assert retry.status_code == 200 and retry.json["id"] == first[0].json["id"]
    assert db.scalar(select(func.count(Photo.id))) == 1
    # The retry rolled back, but the file is the first try's and stays.
    assert client.get(f"/photos/{first[0].json['id']}/thumb.jpg").status_code == 200
