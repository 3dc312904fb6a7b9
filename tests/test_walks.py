"""Walks: planned, started with a join code, rotated, closed (the code expires); joining by code."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from walkapp.auth.models import Role
from walkapp.events.models import Event
from walkapp.walks.models import Represents, Walk, WalkParticipant, WalkStatus
from walkapp.walks.services import (
    JOIN_CODE_ALPHABET,
    JoinCodeInvalid,
    Joiner,
    find_walk_by_code,
    join_walk,
    normalise_join_code,
)


def test_a_walk_leader_plans_a_walk_for_commitments(
    client, login_as, db, make_locality, make_promise
):
    leader = login_as(Role.WALK_LEADER)
    locality = make_locality(name="Mariefred")
    promise = make_promise(commitments=[("Minst fyra trygghetsvandringar", "safety_walk", 4)])
    response = client.post(
        "/walks/new",
        data={
            "title": "Trygghetsvandring Mariefred",
            "kind": "safety",
            "locality_id": locality.id,
            "starts_at": "2026-12-01T18:30",
            "light_conditions": "dark",
            "weather_note": "Snö",
            "commitment_ids": [promise.commitments[0].id],
        },
    )
    assert response.status_code == 302
    walk = db.scalar(select(Walk))
    assert response.location == f"/walks/{walk.id}"
    assert walk.leader_id == leader.id and walk.status == WalkStatus.PLANNED
    assert walk.starts_at == datetime(2026, 12, 1, 17, 30, tzinfo=UTC)  # 18:30 Swedish winter time
    assert [c.text for c in walk.commitments] == ["Minst fyra trygghetsvandringar"]
    page = client.get(f"/walks/{walk.id}").get_data(as_text=True)
    assert "Trygghetsvandring Mariefred" in page and "Minst fyra trygghetsvandringar" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Rätta de markerade fälten."),
        ({"starts_at": "tomorrow"}, "Rätta de markerade fälten."),
        ({"kind": "moonwalk"}, "Rätta de markerade fälten."),
        ({"commitment_ids": ["999"]}, "Rätta de markerade fälten."),
    ],
    ids=["no-title", "bad-time", "unknown-kind", "unknown-commitment"],
)
def test_bad_walk_plans_are_refused(client, login_as, db, data, message):
    login_as(Role.SAFETY_CHIEF)
    form = {
        "title": "Vandring",
        "kind": "safety",
        "locality_id": 0,
        "starts_at": "2026-12-01T18:30",
        "light_conditions": "dark",
        **data,
    }
    response = client.post("/walks/new", data=form)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.scalar(select(func.count(Walk.id))) == 0


def test_starting_gives_a_readable_code_that_closing_expires(client, login_as, db, make_walk):
    login_as(Role.WALK_LEADER)
    walk = make_walk()
    assert client.post(f"/walks/{walk.id}/start").status_code == 303
    db.expire_all()
    code = walk.join_code
    assert walk.status == WalkStatus.ACTIVE and len(code) == 6
    assert set(code) <= set(JOIN_CODE_ALPHABET)
    assert f"{code[:3]}-{code[3:]}" in client.get(f"/walks/{walk.id}").get_data(as_text=True)
    assert find_walk_by_code(db, code.lower()).id == walk.id
    qr = client.get(f"/walks/{walk.id}/qr.svg")
    assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    client.post(f"/walks/{walk.id}/join-code")
    db.expire_all()
    assert walk.join_code != code
    with pytest.raises(JoinCodeInvalid):
        find_walk_by_code(db, code)  # the old code no longer works
    client.post(f"/walks/{walk.id}/close")
    db.expire_all()
    assert walk.status == WalkStatus.CLOSED and walk.join_code is None and walk.ends_at
    statuses = [e.to_status for e in db.scalars(select(Event).order_by(Event.id)) if e.to_status]
    assert statuses == ["active", "closed"]


def test_a_transition_out_of_order_is_explained_and_changes_nothing(
    client, login_as, db, make_walk
):
    login_as(Role.SAFETY_CHIEF)
    walk = make_walk()
    response = client.post(f"/walks/{walk.id}/close", follow_redirects=True)
    assert "Statusen kan inte ändras från Planerad till Avslutad." in response.get_data(
        as_text=True
    )
    db.expire_all()
    assert walk.status == WalkStatus.PLANNED


def test_walks_of_another_municipality_are_not_found(
    client, login_as, make_walk, other_municipality
):
    login_as(Role.SAFETY_CHIEF)
    foreign = make_walk(municipality=other_municipality)
    assert client.get(f"/walks/{foreign.id}").status_code == 404
    assert client.post(f"/walks/{foreign.id}/start").status_code == 404
    assert foreign.title not in client.get("/walks/").get_data(as_text=True)


def _active_walk(db, make_walk, **fields):
    walk = make_walk(
        status=WalkStatus.ACTIVE,
        join_code="ABC234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=1),
        **fields,
    )
    return walk


def test_joining_by_code_needs_no_account(app, db, make_walk):
    walk = _active_walk(db, make_walk)
    with app.test_request_context():
        participant = join_walk(
            db,
            " abc-234 ",
            Joiner(display_name="Anna", represents=Represents.RESIDENT, consent=True),
        )
        db.commit()
    assert participant.walk_id == walk.id and participant.user_id is None
    assert participant.consent_given_at is not None


@pytest.mark.parametrize(
    ("code", "consent", "name", "message"),
    [
        ("ZZZ999", True, "Anna", "Ingen pågående vandring har den koden"),
        ("ABC234", False, "Anna", "godkänna"),
        ("ABC234", True, "  ", "Ange ett namn"),
    ],
    ids=["wrong-code", "no-consent", "no-name"],
)
def test_joining_refuses_bad_input(app, db, make_walk, code, consent, name, message):
    _active_walk(db, make_walk)
    with app.test_request_context(), pytest.raises(Exception) as caught:
        join_walk(
            db, code, Joiner(display_name=name, represents=Represents.RESIDENT, consent=consent)
        )
    db.rollback()
    with app.test_request_context():
        assert message in str(caught.value.message)
    assert db.scalar(select(func.count(WalkParticipant.id))) == 0


def test_an_expired_or_closed_walk_cannot_be_joined(app, db, make_walk):
    walk = _active_walk(db, make_walk)
    walk.join_code_expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.commit()
    with app.test_request_context(), pytest.raises(JoinCodeInvalid, match="har gått ut"):
        find_walk_by_code(db, "ABC234")
    walk.join_code_expires_at = None
    walk.status = WalkStatus.CLOSED
    db.commit()
    with app.test_request_context(), pytest.raises(JoinCodeInvalid):
        find_walk_by_code(db, "ABC234")


def test_codes_are_normalised_as_people_type_them():
    assert normalise_join_code(" abc-234\n") == "ABC234"


def test_the_walk_overview_counts_by_category_and_status(
    client, login_as, make_walk, make_observation
):
    login_as(Role.SAFETY_CHIEF)
    walk = make_walk()
    for code, status in [
        ("graffiti", "received"),
        ("graffiti", "triaged"),
        ("lighting_missing", "received"),
    ]:
        make_observation(walk=walk, category_code=code, status=status)
    page = client.get(f"/walks/{walk.id}").get_data(as_text=True)
    by_category = page.split("Per kategori")[1].split("</table>")[0]
    assert 'Klotter, skadegörelse</th><td class="num">2' in by_category
    assert 'Belysning saknas/trasig</th><td class="num">1' in by_category
    by_status = page.split("Per status")[1].split("</table>")[0]
    assert 'Mottagen</th><td class="num">2' in by_status
    assert 'id="walk-map-data"' in page


def test_a_repeat_walk_starts_as_a_copy_of_the_earlier_one(
    client, login_as, make_walk, make_locality, db
):
    login_as(Role.SAFETY_CHIEF)
    earlier = make_walk(title="Trygghetsvandring Hamnen", status="closed", locality=make_locality())
    page = client.get(f"/walks/new?repeat_of={earlier.id}").get_data(as_text=True)
    assert 'value="Återbesök: Trygghetsvandring Hamnen"' in page
    assert f'<option selected value="{earlier.id}">' in page
    response = client.post(
        "/walks/new",
        data={
            "title": "Återbesök: Trygghetsvandring Hamnen",
            "kind": "safety",
            "locality_id": earlier.locality_id,
            "starts_at": "2026-12-01T18:00",
            "light_conditions": "dark",
            "repeat_of_id": earlier.id,
        },
    )
    assert response.status_code == 302
    walk = db.scalars(select(Walk).where(Walk.repeat_of_id == earlier.id)).one()
    assert walk.locality_id == earlier.locality_id
