"""Joining a walk: by code without an account, as staff by pressing join, and rate limits."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.test_field import _join, _payload
from walkapp.auth.models import Role
from walkapp.walks.models import WalkParticipant, WalkStatus


@pytest.fixture
def active_walk(make_walk):
    return make_walk(
        status=WalkStatus.ACTIVE,
        join_code="ABC234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
    )


def test_a_resident_joins_by_code_without_an_account(client, db, active_walk):
    assert client.get("/join/ABC234").status_code == 200
    response = _join(client)
    assert response.status_code == 302 and response.location == f"/field/{active_walk.id}"
    participant = db.scalar(select(WalkParticipant))
    assert participant.display_name == "Anna" and participant.user_id is None
    page = client.get(f"/field/{active_walk.id}").get_data(as_text=True)
    # The category's tile (a line may break after its slash).
    assert "Ny iakttagelse" in page and "Belysning saknas/<wbr>trasig" in page


def test_the_code_form_leads_to_the_walk(client, active_walk):
    response = client.post("/join", data={"code": " abc 234 "})
    assert response.status_code == 302 and response.location == "/join/ABC234"


@pytest.mark.parametrize(
    ("form", "status", "message"),
    [
        ({"consent": ""}, 422, "Rätta de markerade fälten."),
        ({"display_name": ""}, 422, "Rätta de markerade fälten."),
    ],
    ids=["no-consent", "no-name"],
)
def test_joining_without_consent_or_name_is_refused(client, db, active_walk, form, status, message):
    data = {"display_name": "Anna", "represents": "resident", "consent": "y", **form}
    response = client.post("/join/ABC234", data=data)
    assert response.status_code == status and message in response.get_data(as_text=True)
    assert db.scalar(select(func.count(WalkParticipant.id))) == 0


def test_a_wrong_code_is_explained(client, active_walk):
    response = client.post("/join", data={"code": "ZZZ-999"})
    assert response.status_code == 404
    assert "Ingen pågående vandring har den koden" in response.get_data(as_text=True)


def test_join_codes_are_rate_limited(client, active_walk):
    statuses = [client.post("/join", data={"code": f"ZZZ{i:03d}"}).status_code for i in range(12)]
    assert statuses[:10] == [404] * 10
    assert statuses[10] == 429
    assert "För många försök" in client.post("/join", data={"code": "X"}).get_data(as_text=True)


def test_someone_who_has_not_joined_cannot_use_the_walk(client, active_walk):
    assert client.get(f"/field/{active_walk.id}").status_code == 403
    response = client.post(f"/api/walks/{active_walk.id}/observations", json=_payload())
    assert response.status_code == 403 and response.is_json


def test_opening_the_field_page_as_staff_joins_nobody_until_they_press_join(
    client, login_as, db, active_walk
):
    login_as(Role.SAFETY_CHIEF)
    page = client.get(f"/field/{active_walk.id}")
    assert page.status_code == 200
    assert f'action="/field/{active_walk.id}/join"' in page.get_data(as_text=True)
    assert db.scalar(select(func.count(WalkParticipant.id))) == 0  # a GET changes nothing
    for _ in range(2):  # pressed twice: still one participant
        response = client.post(f"/field/{active_walk.id}/join")
        assert response.status_code == 303 and response.location == f"/field/{active_walk.id}"
    assert db.scalar(select(func.count(WalkParticipant.id))) == 1
    assert "Ny iakttagelse" in client.get(f"/field/{active_walk.id}").get_data(as_text=True)


def test_staff_cannot_join_a_walk_of_another_municipality_or_one_not_in_progress(
    client, login_as, db, make_walk, other_municipality
):
    login_as(Role.SAFETY_CHIEF, municipality=other_municipality)
    foreign = make_walk(status=WalkStatus.ACTIVE)
    assert client.post(f"/field/{foreign.id}/join").status_code == 404
    assert client.post("/field/999999/join").status_code == 404
    closed = make_walk(status=WalkStatus.CLOSED, municipality=other_municipality)
    assert client.get(f"/field/{closed.id}").status_code == 403
    assert client.post(f"/field/{closed.id}/join").status_code == 422
    assert db.scalar(select(func.count(WalkParticipant.id))) == 0


def test_guessing_join_codes_by_get_is_rate_limited_and_the_right_code_waits_too(
    client, active_walk
):
    statuses = [client.get(f"/join/ZZZ{i:03d}").status_code for i in range(10)]
    assert statuses == [404] * 10
    refused = client.get("/join/ZZZ999")
    assert refused.status_code == 429
    assert "För många försök" in refused.get_data(as_text=True)
    assert client.get("/join/ABC234").status_code == 429  # guessing is bounded: no answer at all
    assert client.post("/join", data={"code": "ABC234"}).status_code == 429


def test_a_whole_class_on_one_network_can_open_the_right_code(client, active_walk):
    # Only wrong codes count: many phones behind one address joining the walk are never refused.
    assert {client.get("/join/ABC234").status_code for _ in range(25)} == {200}
