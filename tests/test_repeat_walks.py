"""Repeat walks in the field: the earlier walk's observations, checked again on the spot."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.test_field import _join
from walkapp.actions.models import ActionStatus
from walkapp.auth.models import Role
from walkapp.observations.models import ObservationCheck, ObservationStatus
from walkapp.walks.models import WalkStatus


@pytest.fixture
def repeat_walk(make_walk, make_observation, make_action, make_organisation, db):
    earlier = make_walk(title="Förra året", status=WalkStatus.CLOSED)
    lamp = make_observation(
        walk=earlier,
        note="Lampan är trasig.",
        status="action_planned",
        note_approved_at=datetime.now(UTC),  # the chief approved it for publication
    )
    secret = make_observation(walk=earlier, note="Kalle langar här", is_flagged=True)
    action = make_action(
        observations=[lamp], organisation=make_organisation("Teknik"), status="in_progress"
    )
    action.status = "done"
    lamp.status = "fixed"
    db.commit()
    walk = make_walk(
        title="Återbesök",
        status=WalkStatus.ACTIVE,
        join_code="REP234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
        repeat_of=earlier,
    )
    return {"walk": walk, "lamp": lamp, "secret": secret, "action": action}


def _check(client, walk, observation, verdict="fixed", **overrides):
    body = {
        "client_uuid": str(uuid.uuid4()),
        "verdict": verdict,
        "checked_at": datetime.now(UTC).isoformat(),
    }
    body.update(overrides)
    return client.post(f"/api/walks/{walk.id}/earlier/{observation.id}/checks", json=body), body


def test_a_repeat_walk_shows_the_earlier_observations_with_public_text_only(client, repeat_walk):
    _join(client, code="rep-234")
    listed = client.get(f"/api/walks/{repeat_walk['walk'].id}/earlier").get_json()
    by_id = {item["id"]: item for item in listed}
    assert by_id[repeat_walk["lamp"].id]["note"] == "Lampan är trasig."
    assert by_id[repeat_walk["lamp"].id]["status_label"] == "Åtgärdad"
    assert by_id[repeat_walk["secret"].id]["note"] is None  # flagged: not public yet
    page = client.get(f"/field/{repeat_walk['walk'].id}").get_data(as_text=True)
    assert "Från den tidigare vandringen" in page and "/api/walks/" in page


def test_fixed_on_a_repeat_walk_verifies_the_done_work_once(client, db, repeat_walk):
    _join(client, code="rep-234")
    response, body = _check(client, repeat_walk["walk"], repeat_walk["lamp"])
    assert response.status_code == 201
    again, _ = _check(client, repeat_walk["walk"], repeat_walk["lamp"], **body)
    assert again.status_code == 200 and again.get_json()["id"] == response.get_json()["id"]
    db.expire_all()
    assert repeat_walk["action"].status == ActionStatus.VERIFIED
    assert repeat_walk["lamp"].status == ObservationStatus.VERIFIED
    assert db.scalar(select(func.count(ObservationCheck.id))) == 1
    mine = client.get(f"/api/walks/{repeat_walk['walk'].id}/earlier").get_json()
    assert {i["id"]: i["my_verdict"] for i in mine}[repeat_walk["lamp"].id] == "fixed"


def test_still_a_problem_is_recorded_for_the_chief(client, db, repeat_walk, login_as):
    _join(client, code="rep-234")
    response, _ = _check(client, repeat_walk["walk"], repeat_walk["lamp"], "still_a_problem")
    assert response.status_code == 201
    db.expire_all()
    assert repeat_walk["action"].status == ActionStatus.DONE
    login_as(Role.SAFETY_CHIEF)  # the chief reads the judgement on the observation page
    page = client.get(f"/observations/{repeat_walk['lamp'].id}").get_data(as_text=True)
    assert "Kontrollerad vid återbesök" in page and "Fortfarande ett problem: 1" in page


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"verdict": "maybe"}, 422),
        ({"client_uuid": "x"}, 422),
        ({"checked_at": "yesterday"}, 422),
    ],
)
def test_bad_checks_are_refused(client, db, repeat_walk, change, status):
    _join(client, code="rep-234")
    response, _ = _check(client, repeat_walk["walk"], repeat_walk["lamp"], **change)
    assert response.status_code == status
    assert db.scalar(select(func.count(ObservationCheck.id))) == 0


def test_an_observation_outside_the_earlier_walk_cannot_be_checked(
    client, db, repeat_walk, make_observation
):
    _join(client, code="rep-234")
    stranger = make_observation()
    response, _ = _check(client, repeat_walk["walk"], stranger)
    assert response.status_code == 404
    assert db.scalar(select(func.count(ObservationCheck.id))) == 0
