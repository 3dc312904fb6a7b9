"""Retention carried out (with a dry run), access requests, erasure and the audit log."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from walkapp.auth.models import Role
from walkapp.events.models import Event, EventKind, SubjectType
from walkapp.photos.models import PhotoKind
from walkapp.photos.services import blur_photo, store_photo
from walkapp.photos.settings import photo_settings
from walkapp.photos.storage import get_storage
from walkapp.privacy.models import AuditEntry, AuditKind
from walkapp.walks.models import WalkParticipant


@pytest.fixture
def followed_up(app, db, make_walk, make_observation, make_photo_bytes):
    def make(months_ago: int, title: str):
        walk = make_walk(title=title, status="followed_up")
        db.add(
            Event(
                subject_type=SubjectType.WALK,
                subject_id=walk.id,
                kind=EventKind.STATUS_CHANGED,
                from_status="closed",
                to_status="followed_up",
                at=datetime.now(UTC) - timedelta(days=31 * months_ago),
            )
        )
        person = WalkParticipant(
            walk=walk,
            display_name="Birgitta Boende",
            represents="resident",
            consent_given_at=walk.starts_at,
            wants_feedback=True,
            feedback_email=f"birgitta-{months_ago}@example.se",
        )
        db.add(person)
        db.commit()
        observation = make_observation(
            walk=walk,
            author=person,
            note="Kalle Andersson står här",
            is_masked=True,
            public_note="[borttaget] står här",
        )
        with app.app_context():
            photo, _made = store_photo(
                db,
                get_storage(),
                make_photo_bytes(color=(months_ago * 10, 20, 30)),
                kind=PhotoKind.BEFORE,
                observation_id=observation.id,
                settings=photo_settings(),
            )
            blur_photo(db, get_storage(), photo, (0, 0, 20, 20))
        db.commit()
        return walk, person, observation, photo

    return make


def test_retention_has_a_dry_run_does_its_work_once_and_spares_recent_walks(app, db, followed_up):
    old_walk, person, observation, photo = followed_up(30, "Gammal vandring")
    _recent = followed_up(1, "Färsk vandring")
    original_key = photo.storage_key
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["apply-retention", "--dry-run"])
    assert "Would anonymise 1 participants, 1 masked notes and 1 photo originals in 1 walks" in (
        dry.output
    )
    db.expire_all()
    assert person.display_name == "Birgitta Boende"
    result = runner.invoke(args=["apply-retention"])
    assert "Anonymised 1 participants, 1 masked notes and 1 photo originals" in result.output
    db.expire_all()
    assert (person.display_name, person.feedback_email, person.anonymised_at is not None) == (
        "Deltagare",
        None,
        True,
    )
    assert observation.note == "[borttaget] står här"
    assert photo.storage_key == photo.public_storage_key
    with app.app_context():
        assert not get_storage().exists(original_key)
        assert get_storage().exists(photo.storage_key)
    again = runner.invoke(args=["apply-retention"])
    assert "Anonymised 0 participants, 0 masked notes and 0 photo originals in 0 walks" in (
        again.output
    )
    recent_people = db.scalars(
        select(WalkParticipant).where(WalkParticipant.display_name == "Birgitta Boende")
    ).all()
    assert len(recent_people) == 1  # the walk followed up a month ago keeps its names
    entry = db.scalars(select(AuditEntry).where(AuditEntry.kind == AuditKind.RETENTION)).one()
    assert entry.subject == f"walk {old_walk.id}"


def test_an_access_request_exports_everything_and_is_logged(client, login_as, followed_up, db):
    _walk, person, observation, _photo = followed_up(2, "Vandring")
    admin = login_as(Role.ADMIN)
    response = client.post("/admin/privacy/access-request", data={"email": "Birgitta-2@example.se"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    document = json.loads(response.data)
    assert document["walk_participations"][0]["name_on_walk"] == "Birgitta Boende"
    assert document["observations"][0]["note"] == "Kalle Andersson står här"
    entry = db.scalars(select(AuditEntry).where(AuditEntry.kind == AuditKind.ACCESS_REQUEST)).one()
    assert entry.user_id == admin.id
    page = client.get("/admin/privacy").get_data(as_text=True)
    assert "Registerförfrågan" in page
    missing = client.post("/admin/privacy/access-request", data={"email": "nobody@example.se"})
    assert missing.status_code == 404


def test_erasure_removes_who_but_keeps_the_observation(
    client, login_as, make_user, followed_up, db
):
    _walk, person, observation, _photo = followed_up(2, "Vandring")
    resident = make_user(Role.PARTICIPANT, email="birgitta-2@example.se", name="Birgitta")
    login_as(Role.ADMIN)
    refused = client.post(
        "/admin/privacy/erase", data={"email": "birgitta-2@example.se", "confirm": "x"}
    )
    assert refused.status_code == 422
    response = client.post(
        "/admin/privacy/erase",
        data={"email": "birgitta-2@example.se", "confirm": "birgitta-2@example.se"},
    )
    assert response.status_code == 303
    db.expire_all()
    assert person.display_name == "Deltagare" and person.feedback_email is None
    assert (resident.is_active, resident.name) == (False, "Borttagen användare")
    assert "birgitta" not in resident.email
    assert db.get(type(observation), observation.id) is not None
    assert db.scalars(select(AuditEntry).where(AuditEntry.kind == AuditKind.ERASED)).one()


def test_viewing_and_exporting_personal_data_is_logged(client, login_as, make_observation, db):
    chief = login_as(Role.SAFETY_CHIEF)
    observation = make_observation()
    client.get(f"/observations/{observation.id}")
    client.get("/review/export.csv?status=received")
    entries = db.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.kind, e.user_id) for e in entries] == [
        (AuditKind.VIEWED, chief.id),
        (AuditKind.EXPORTED, chief.id),
    ]
    assert entries[0].subject == f"observation {observation.id}"
    assert entries[1].subject == "observations as csv (1 rows)"


def test_the_privacy_page_explains_what_is_stored(client):
    page = client.get("/privacy").get_data(as_text=True)
    assert "Vad walkapp lagrar om dig" in page
    for word in ("namn", "e-postadress", "foton", "12 månader", "registerutdrag"):
        assert word in page.lower(), word


def test_the_admin_sets_the_municipalitys_retention(client, login_as, municipality, db):
    login_as(Role.ADMIN)
    response = client.post(
        "/admin/privacy/retention",
        data={"anonymise_participants_months": "6", "delete_photo_originals_months": ""},
    )
    assert response.status_code == 303
    db.expire_all()
    assert (
        municipality.anonymise_participants_months,
        municipality.delete_photo_originals_months,
    ) == (6, None)
    refused = client.post("/admin/privacy/retention", data={"anonymise_participants_months": "-3"})
    assert refused.status_code == 422
    db.expire_all()
    assert municipality.anonymise_participants_months == 6
