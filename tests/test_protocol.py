"""The public walk protocol: what happened to each observation, and no personal data at all."""

import pytest

from walkapp.auth.models import Role
from walkapp.photos.models import PhotoKind
from walkapp.photos.services import store_photo
from walkapp.photos.settings import photo_settings
from walkapp.photos.storage import get_storage
from walkapp.walks.models import WalkParticipant

SECRET_NOTE = "Kalle Andersson langar vid bryggan."


@pytest.fixture
def walked(app, db, make_walk, make_observation, make_action, make_organisation, make_photo_bytes):
    walk = make_walk(title="Trygghetsvandring Hamnen", status="closed")
    resident = WalkParticipant(
        walk=walk,
        display_name="Birgitta Resident",
        represents="resident",
        consent_given_at=walk.starts_at,
        wants_feedback=True,
        feedback_email="birgitta@example.se",
    )
    police = WalkParticipant(
        walk=walk, display_name="Polis Per", represents="police", consent_given_at=walk.starts_at
    )
    db.add_all([resident, police])
    db.commit()
    lamp = make_observation(walk=walk, author=resident, note="Lampan vid bryggan är trasig.")
    masked = make_observation(
        walk=walk,
        author=resident,
        category_code="gathering",
        note=SECRET_NOTE,
        is_masked=True,
        public_note="Ungdomar samlas vid bryggan.",
        note_approved_at=walk.starts_at,  # masked and approved by the chief
    )
    flagged = make_observation(walk=walk, note="Ring 070-123 45 67", is_flagged=True)
    duplicate = make_observation(
        walk=walk, note="Mörkt", status="duplicate", duplicate_of_id=lamp.id
    )
    with app.app_context():
        photos = {
            name: store_photo(
                db,
                get_storage(),
                make_photo_bytes(color=color),
                kind=PhotoKind.BEFORE,
                observation_id=observation.id,
                settings=photo_settings(),
            )[0]
            for name, observation, color in [
                ("lamp", lamp, (10, 10, 200)),
                ("masked", masked, (200, 10, 10)),
            ]
        }
    # The chief has approved the lamp's photo for publication.
    photos["lamp"].approved_at = walk.starts_at
    db.commit()
    action = make_action(
        observations=[lamp],
        organisation=make_organisation("Teknik", "municipal_unit"),
        status="in_progress",
    )
    return {
        "walk": walk,
        "lamp": lamp,
        "masked": masked,
        "flagged": flagged,
        "duplicate": duplicate,
        "photos": photos,
        "action": action,
    }


def test_the_protocol_shows_every_observation_and_no_personal_data(
    app, client, login, make_user, walked, db
):
    walk = walked["walk"]
    handler = make_user(Role.HANDLER, organisation=walked["action"].organisation)
    login(handler)
    client.post(
        f"/actions/{walked['action'].id}",
        data={"status": "done", "public_note": "Ny armatur uppsatt 12 november."},
    )
    client.post("/logout")
    response = client.get(f"/p/walks/{walk.public_token}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Trygghetsvandring Hamnen" in page
    assert "Belysning saknas/trasig" in page and "Åtgärdad" in page
    assert "Ny armatur uppsatt 12 november." in page
    assert "rapporterad 1 gång till" in page
    assert "Ungdomar samlas vid bryggan." in page
    assert "granskas för personuppgifter" in page
    assert "4 personer deltog: 3 boende och 1 från polisen." in page
    for secret in (
        SECRET_NOTE,
        "Kalle",
        "070-123",
        "Birgitta",
        "birgitta@example.se",
        "Polis Per",
        "Anna",
        handler.name,
        handler.email,
        "Mörkt",
    ):
        assert secret not in page, secret
    lamp_photo = walked["photos"]["lamp"]
    assert f"/p/walks/{walk.public_token}/photos/{lamp_photo.id}/v1/public-thumb.jpg" in page
    # A social category records place and time only: no photo is published for it.
    assert f"/photos/{walked['photos']['masked'].id}/" not in page


def test_the_protocol_serves_only_public_photos_of_its_own_walk(
    app, client, walked, make_walk, make_observation, make_photo_bytes, db
):
    token = walked["walk"].public_token
    lamp_photo = walked["photos"]["lamp"]
    with app.app_context():
        get_storage().put("public/aa/blurred.jpg", b"blurred-version")
    lamp_photo.public_storage_key = "public/aa/blurred.jpg"
    db.commit()
    response = client.get(f"/p/walks/{token}/photos/{lamp_photo.id}/v1/public.jpg")
    assert response.status_code == 200 and response.get_data() == b"blurred-version"
    assert client.get(f"/p/walks/{token}/photos/{lamp_photo.id}/v1/display.jpg").status_code == 404
    masked_photo = walked["photos"]["masked"]
    masked_photo.approved_at = lamp_photo.approved_at
    db.commit()
    assert client.get(f"/p/walks/{token}/photos/{masked_photo.id}/v1/public.jpg").status_code == 404
    other = make_walk(title="Annan", status="closed")
    foreign = f"/p/walks/{other.public_token}/photos/{lamp_photo.id}/v1/public.jpg"
    assert client.get(foreign).status_code == 404
    assert client.get(f"/photos/{lamp_photo.id}/display.jpg").status_code in (403, 404)


def test_a_planned_walk_or_an_unknown_token_has_no_protocol(client, make_walk):
    planned = make_walk(status="planned")
    assert client.get(f"/p/walks/{planned.public_token}").status_code == 404
    assert client.get("/p/walks/guessing").status_code == 404
    assert client.get("/p/walks/guessing/qr.svg").status_code == 404


def test_the_protocol_has_a_qr_code_and_the_walk_page_links_to_it(client, login_as, walked):
    walk = walked["walk"]
    svg = client.get(f"/p/walks/{walk.public_token}/qr.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    login_as(Role.SAFETY_CHIEF)
    page = client.get(f"/walks/{walk.id}").get_data(as_text=True)
    assert f"/p/walks/{walk.public_token}" in page
