"""Publication only after review: notes and photos reach the public once the safety chief approved
them (a clean note at once where the municipality chose it), at addresses that change with them."""

import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image, ImageDraw
from sqlalchemy import select

from walkapp.auth.models import Role
from walkapp.events.models import Event, EventKind
from walkapp.observations.models import Observation
from walkapp.photos.models import DetectionStatus, Photo, PhotoKind
from walkapp.photos.services import store_photo
from walkapp.photos.settings import photo_settings
from walkapp.photos.storage import get_storage
from walkapp.walks.models import WalkStatus

SECRET = "Kalle Andersson langar vid bryggan, ring 070-123 45 67."
CLEAN = "Lampan vid bryggan är trasig."
FACE = {"kind": "face", "x": 10.0, "y": 10.0, "w": 20.0, "h": 20.0, "score": 0.9}
PLATE = {"kind": "plate", "x": 60.0, "y": 60.0, "w": 20.0, "h": 10.0, "score": 0.8}


def _striped_photo() -> bytes:
    """A photo with detail everywhere, so that any blur changes it."""
    image = Image.new("RGB", (400, 300), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    for x in range(0, 400, 6):
        draw.line((x, 0, x, 299), fill=(0, 0, 0), width=2)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def _add_photo(app, db, observation, proposals=None, status=DetectionStatus.DONE) -> Photo:
    with app.app_context():
        photo, _made = store_photo(
            db,
            get_storage(),
            _striped_photo() + uuid.uuid4().bytes,  # trailing bytes: a distinct photo each time
            kind=PhotoKind.BEFORE,
            observation_id=observation.id,
            settings=photo_settings(),
        )
    photo.blur_proposals = proposals
    photo.detection_status = status
    db.commit()
    return photo


def _url(walk, photo, version=1, variant="public") -> str:
    return f"/p/walks/{walk.public_token}/photos/{photo.id}/v{version}/{variant}.jpg"


def _open311_row(client, observation) -> dict:
    rows = client.get(
        "/open311/v2/requests.json", query_string={"jurisdiction_id": "strangnas"}
    ).get_json()
    return next(row for row in rows if row["service_request_id"] == str(observation.id))


def _rect(prefix: str, *values: float) -> dict:
    return {f"{prefix}-{name}": str(value) for name, value in zip("xywh", values, strict=True)}


def _either(page: str, *texts: str) -> bool:
    """New texts read in English until the lead merges their Swedish translation."""
    return any(text in page for text in texts)


@pytest.fixture
def walked(app, db, make_walk, make_observation):
    walk = make_walk(title="Trygghetsvandring Hamnen", status=WalkStatus.CLOSED)
    secret = make_observation(walk=walk, note=SECRET, is_flagged=True)
    lamp = make_observation(walk=walk, note=CLEAN, lat=59.3746)
    photo = _add_photo(app, db, secret, proposals=[FACE, PLATE])
    pending = _add_photo(app, db, lamp, proposals=None, status=DetectionStatus.PENDING)
    return {"walk": walk, "secret": secret, "lamp": lamp, "photo": photo, "pending": pending}


def test_an_unreviewed_photo_and_note_are_not_public_anywhere(client, walked):
    walk, photo, secret = walked["walk"], walked["photo"], walked["secret"]
    token = walk.public_token
    for url in (
        f"/p/walks/{token}/photos/{photo.id}/public.jpg",
        f"/p/walks/{token}/photos/{photo.id}/public-thumb.jpg",
        _url(walk, photo),
        _url(walk, photo, variant="public-thumb"),
    ):
        assert client.get(url).status_code == 404, url
    page = client.get(f"/p/walks/{token}").get_data(as_text=True)
    assert f"/photos/{photo.id}/" not in page
    assert CLEAN not in page and "Kalle" not in page  # notes wait too, clean or not
    assert "granskas för personuppgifter" in page
    assert _either(page, "photo is being checked", "granskas")
    row = _open311_row(client, secret)
    assert row["media_url"] is None and row["description"] == ""
    assert _open311_row(client, walked["lamp"])["description"] == ""


def test_an_approved_photo_is_public_at_its_versioned_address(client, login_as, walked, db):
    walk, photo, lamp = walked["walk"], walked["pending"], walked["lamp"]
    login_as(Role.SAFETY_CHIEF)
    response = client.post(f"/observations/{lamp.id}/photos/{photo.id}/publication", data={})
    assert response.status_code == 303
    client.post("/logout")
    db.expire_all()
    assert photo.approved_at is not None and photo.public_version == 1
    response = client.get(_url(walk, photo))
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.headers["Cache-Control"] == "public, no-cache"
    etag = response.headers["ETag"]
    again = client.get(_url(walk, photo), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert client.get(_url(walk, photo, variant="public-thumb")).status_code == 200
    assert _url(walk, photo, variant="public-thumb") in client.get(
        f"/p/walks/{walk.public_token}"
    ).get_data(as_text=True)
    assert _open311_row(client, lamp)["media_url"].endswith(_url(walk, photo))
    event = db.scalars(select(Event).order_by(Event.id.desc())).first()
    assert event.kind == EventKind.PUBLISHED and event.subject_id == lamp.id
    # Withdrawn: gone from every public address.
    login_as(Role.SAFETY_CHIEF)
    client.post(f"/observations/{lamp.id}/photos/{photo.id}/publication", data={"withdraw": "1"})
    assert client.get(_url(walk, photo)).status_code == 404
    assert _open311_row(client, lamp)["media_url"] is None


def test_blurring_again_changes_the_address_and_the_old_one_is_gone(client, login_as, walked, db):
    walk, photo, lamp = walked["walk"], walked["pending"], walked["lamp"]
    login_as(Role.SAFETY_CHIEF)
    client.post(f"/observations/{lamp.id}/photos/{photo.id}/publication", data={})
    before = client.get(_url(walk, photo)).get_data()
    response = client.post(
        f"/observations/{lamp.id}/photos/{photo.id}/blur",
        data={"left": "0", "top": "0", "width": "50", "height": "50"},
    )
    assert response.status_code == 303
    db.expire_all()
    assert photo.public_version == 2
    assert client.get(_url(walk, photo, 1)).status_code == 404
    after = client.get(_url(walk, photo, 2))
    assert after.status_code == 200 and after.get_data() != before
    # "Publish as taken" is another public version again.
    client.post(f"/observations/{lamp.id}/photos/{photo.id}/blur", data={"reset": "1"})
    assert client.get(_url(walk, photo, 2)).status_code == 404
    assert client.get(_url(walk, photo, 3)).status_code == 200


def _join_and_send(client, walk, note: str):
    client.post(
        "/join/abc-234", data={"display_name": "Anna", "represents": "resident", "consent": "y"}
    )
    body = {
        "client_uuid": str(uuid.uuid4()),
        "lat": 59.37445,
        "lon": 17.0319,
        "location_source": "gps",
        "category": "lighting_missing",
        "severity": 2,
        "note": note,
        "recorded_at": datetime.now(UTC).isoformat(),
    }
    response = client.post(f"/api/walks/{walk.id}/observations", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    return body["client_uuid"]


@pytest.mark.parametrize(
    ("auto_publish", "note", "published"),
    [(False, CLEAN, False), (True, CLEAN, True), (True, SECRET, False)],
    ids=["waits-by-default", "clean-with-auto-publish", "flagged-waits-even-with-auto-publish"],
)
def test_a_note_waits_unless_auto_publish_is_on_and_it_is_clean(
    client, make_walk, municipality, db, auto_publish, note, published
):
    municipality.auto_publish_clean_notes = auto_publish
    db.commit()
    walk = make_walk(
        status=WalkStatus.ACTIVE,
        join_code="ABC234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
        starts_at=datetime.now(UTC) - timedelta(minutes=30),
    )
    client_uuid = _join_and_send(client, walk, note)
    observation = db.scalar(
        select(Observation).where(Observation.client_uuid == uuid.UUID(client_uuid))
    )
    assert (observation.note_approved_at is not None) == published
    assert observation.published_note == (note if published else None)
    page = client.get(f"/p/walks/{walk.public_token}").get_data(as_text=True)
    assert (note in page) == published


def test_the_chief_approves_a_walk_in_one_post_all_or_nothing(client, login_as, walked, db):
    walk, secret, lamp = walked["walk"], walked["secret"], walked["lamp"]
    photo, pending = walked["photo"], walked["pending"]
    login_as(Role.SAFETY_CHIEF)
    url = f"/observations/walks/{walk.id}/publication"
    page = client.get(url).get_data(as_text=True)
    assert SECRET in page and CLEAN in page  # the originals, for the chief
    assert f'name="photo-{photo.id}-rect-0-use"' in page
    assert f'name="photo-{photo.id}-rect-1-x"' in page and 'value="60.0"' in page
    assert f'data-rect="photo-{photo.id}-rect-1"' in page
    assert _either(page, "still running", "pågår")  # the pending photo has no proposals yet
    masked = "Ungdomar samlas vid bryggan."
    good = {
        f"note-{secret.id}-publish": "1",
        f"note-{secret.id}-text": masked,
        f"note-{lamp.id}-publish": "1",
        f"note-{lamp.id}-text": CLEAN,
        f"photo-{photo.id}-publish": "1",
        f"photo-{photo.id}-rect-0-use": "1",  # the face is blurred; the plate is unticked
        **{f"photo-{photo.id}-rect-0-{k}": str(FACE[k]) for k in "xywh"},
        **{f"photo-{photo.id}-rect-1-{k}": str(PLATE[k]) for k in "xywh"},
        f"photo-{pending.id}-publish": "1",
        **_rect(f"photo-{pending.id}-new", 0, 0, 50, 50),
    }
    for bad in (
        {f"photo-{photo.id}-rect-0-x": "150"},
        {f"photo-{pending.id}-new-w": ""},
        {f"photo-{pending.id}-new-h": "lots"},
    ):
        response = client.post(url, data=good | bad)
        assert response.status_code == 422, bad
        db.expire_all()
        assert secret.note_approved_at is None and lamp.note_approved_at is None
        assert photo.approved_at is None and pending.approved_at is None
        assert (photo.public_version, photo.public_storage_key) == (1, None)
        assert not secret.is_masked
    response = client.post(url, data=good)
    assert response.status_code == 303
    db.expire_all()
    assert secret.published_note == masked and lamp.published_note == CLEAN
    assert photo.approved_at and pending.approved_at
    assert photo.public_version == 2 and photo.public_storage_key
    assert pending.public_version == 2
    notes = db.scalars(select(Event.internal_note).where(Event.kind == EventKind.PUBLISHED)).all()
    assert f"photo #{photo.id} published (version 2, 1 rectangles blurred)" in notes
    protocol = client.get(f"/p/walks/{walk.public_token}").get_data(as_text=True)
    assert masked in protocol and CLEAN in protocol and "Kalle" not in protocol
    assert _url(walk, photo, 2, "public-thumb") in protocol
    assert _either(client.get(url).get_data(as_text=True), "Nothing of this walk", "Inget")


def test_unticked_items_keep_waiting(client, login_as, walked, db):
    walk, secret, lamp = walked["walk"], walked["secret"], walked["lamp"]
    login_as(Role.SAFETY_CHIEF)
    response = client.post(
        f"/observations/walks/{walk.id}/publication",
        data={f"note-{lamp.id}-publish": "1", f"note-{lamp.id}-text": CLEAN},
    )
    assert response.status_code == 303
    db.expire_all()
    assert lamp.note_approved_at is not None and secret.note_approved_at is None
    assert walked["photo"].approved_at is None


def test_a_merged_duplicates_photo_leaves_the_public_and_the_survivor_publishes_it(
    app, client, login_as, walked, make_observation, db
):
    walk, lamp = walked["walk"], walked["lamp"]
    duplicate = make_observation(walk=walk, note="Mörkt vid bryggan.", lat=59.3746)
    photo = _add_photo(app, db, duplicate, proposals=[])
    login_as(Role.SAFETY_CHIEF)
    client.post(f"/observations/{duplicate.id}/photos/{photo.id}/publication", data={})
    token = walk.public_token
    response = client.post(f"/observations/{lamp.id}/merge", data={"merge_ids": duplicate.id})
    assert response.status_code == 303
    for url in (
        f"/p/walks/{token}/photos/{photo.id}/public-thumb.jpg",
        f"/p/walks/{token}/photos/{photo.id}/public.jpg",
        _url(walk, photo, variant="public-thumb"),
    ):
        assert client.get(url).status_code == 404, url
    assert f"/photos/{photo.id}/" not in client.get(f"/p/walks/{token}").get_data(as_text=True)
    # The survivor's page offers the duplicate's photo; the duplicate's own page does not.
    page = client.get(f"/observations/{lamp.id}").get_data(as_text=True)
    assert f"/observations/{lamp.id}/photos/{photo.id}/publication" in page
    refused = client.post(f"/observations/{duplicate.id}/photos/{photo.id}/publication")
    assert refused.status_code == 404
    response = client.post(
        f"/observations/{lamp.id}/photos/{photo.id}/publication",
        data=_rect(f"photo-{photo.id}-new", 0, 0, 30, 30),
    )
    assert response.status_code == 303
    db.expire_all()
    assert photo.public_version == 2
    protocol = client.get(f"/p/walks/{token}").get_data(as_text=True)
    assert _url(walk, photo, 2, "public-thumb") in protocol
    assert client.get(_url(walk, photo, 2)).status_code == 200


@pytest.mark.parametrize("role", [Role.WALK_LEADER, Role.HANDLER, Role.ADMIN, Role.PARTICIPANT])
def test_only_the_safety_chief_approves(client, login_as, walked, db, role):
    walk, secret, photo = walked["walk"], walked["secret"], walked["photo"]
    login_as(role)
    for url, data in (
        (f"/observations/walks/{walk.id}/publication", {f"note-{secret.id}-publish": "1"}),
        (f"/observations/{secret.id}/publication/note", {}),
        (f"/observations/{secret.id}/photos/{photo.id}/publication", {}),
    ):
        assert client.post(url, data=data).status_code == 403, url
    assert client.get(f"/observations/walks/{walk.id}/publication").status_code == 403
    db.expire_all()
    assert secret.note_approved_at is None and photo.approved_at is None


def test_another_municipalitys_chief_finds_nothing(
    client, login_as, walked, other_municipality, db
):
    walk, secret, photo = walked["walk"], walked["secret"], walked["photo"]
    login_as(Role.SAFETY_CHIEF, municipality=other_municipality)
    assert client.get(f"/observations/walks/{walk.id}/publication").status_code == 404
    assert client.post(f"/observations/{secret.id}/publication/note").status_code == 404
    url = f"/observations/{secret.id}/photos/{photo.id}/publication"
    assert client.post(url).status_code == 404
    db.expire_all()
    assert secret.note_approved_at is None and photo.approved_at is None


def test_the_chief_publishes_and_withdraws_a_note_on_the_observation_page(
    client, login_as, walked, db
):
    walk, lamp = walked["walk"], walked["lamp"]
    login_as(Role.SAFETY_CHIEF)
    page = client.get(f"/observations/{lamp.id}").get_data(as_text=True)
    assert f"/observations/{lamp.id}/publication/note" in page
    assert client.post(f"/observations/{lamp.id}/publication/note").status_code == 303
    assert CLEAN in client.get(f"/p/walks/{walk.public_token}").get_data(as_text=True)
    client.post(f"/observations/{lamp.id}/publication/note", data={"withdraw": "1"})
    assert CLEAN not in client.get(f"/p/walks/{walk.public_token}").get_data(as_text=True)
    kinds = db.scalars(select(Event.kind).where(Event.subject_id == lamp.id)).all()
    assert EventKind.PUBLISHED in kinds and EventKind.WITHDRAWN in kinds


def test_the_gis_export_carries_only_the_published_note(client, login_as, walked, db):
    lamp = walked["lamp"]
    login_as(Role.SAFETY_CHIEF)

    def exported_note() -> str:
        collection = json.loads(client.get("/review/export.geojson").data)
        return next(f for f in collection["features"] if f["id"] == lamp.id)["properties"]["note"]

    assert exported_note() == ""
    client.post(f"/observations/{lamp.id}/publication/note")
    assert exported_note() == CLEAN


def test_the_administrator_switches_automatic_publication_of_clean_notes(
    client, login_as, municipality, db
):
    login_as(Role.ADMIN)
    page = client.get("/admin/privacy").get_data(as_text=True)
    assert (
        'name="auto_publish_clean_notes"' in page
        and " checked" not in page.split('name="auto_publish_clean_notes"')[1].split(">")[0]
    )
    response = client.post("/admin/privacy/publication", data={"auto_publish_clean_notes": "y"})
    assert response.status_code == 303
    db.expire_all()
    assert municipality.auto_publish_clean_notes is True
    client.post("/admin/privacy/publication", data={})
    db.expire_all()
    assert municipality.auto_publish_clean_notes is False
