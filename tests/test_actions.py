"""Actions: created from observations, their lifecycle, and who may touch them."""

import io
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from walkapp.actions.models import ACTION_TRANSITIONS, Action, ActionStatus, Priority
from walkapp.actions.services import change_action_status, create_action
from walkapp.auth.models import Role
from walkapp.errors import DomainError
from walkapp.events.models import Event, SubjectType
from walkapp.observations.models import ObservationStatus
from walkapp.photos.models import Photo, PhotoKind


def make_owners(db, make_organisation) -> dict:
    """Two organisations and the routing rules that send lamps to one and speeding to the other."""
    owners = {
        "technical": make_organisation("Teknik- och servicekontoret", "municipal_unit"),
        "police": make_organisation("Polisen Strängnäs", "police"),
    }
    # The municipality's routing rules, which every proposal follows (tests/test_routing.py).
    from walkapp.routing.models import RoutingRule

    for code, owner in (("lighting_missing", "technical"), ("speeding", "police")):
        organisation = owners[owner]
        db.add(
            RoutingRule(
                municipality_id=organisation.municipality_id,
                category_code=code,
                organisation_id=organisation.id,
            )
        )
    db.commit()
    return owners


@pytest.fixture
def owners(db, make_organisation):
    return make_owners(db, make_organisation)


def test_the_form_proposes_owner_priority_and_due_date(client, login_as, make_observation, owners):
    login_as(Role.SAFETY_CHIEF)
    lamp = make_observation(category_code="lighting_missing", severity=3)
    page = client.get(f"/actions/new?observation_ids={lamp.id}").get_data(as_text=True)
    technical = owners["technical"]
    assert f'<option selected value="{technical.id}">' in page
    assert '<option selected value="high">' in page
    assert f'value="{(date.today() + timedelta(days=14)).isoformat()}"' in page
    speeding = make_observation(category_code="speeding", severity=1)
    page = client.get(f"/actions/new?observation_ids={speeding.id}").get_data(as_text=True)
    assert f'<option selected value="{owners["police"].id}">' in page
    assert '<option selected value="low">' in page
    assert f'value="{(date.today() + timedelta(days=90)).isoformat()}"' in page


def test_one_action_for_two_observations_reaches_the_handler_at_once(
    app, client, login_as, make_user, login, make_observation, owners, db
):
    chief = login_as(Role.SAFETY_CHIEF)
    received = make_observation(note="Mörkt vid stigen")
    triaged = make_observation(status="triaged", note="Lampan blinkar")
    due = (date.today() + timedelta(days=10)).isoformat()
    response = client.post(
        "/actions/new",
        data={
            "observation_ids": [received.id, triaged.id],
            "title": "Byt armaturer längs stigen",
            "description": "Två lampor",
            "organisation_id": owners["technical"].id,
            "priority": "high",
            "due_on": due,
            "next": "/review/?status=received",
        },
    )
    assert response.status_code == 303
    assert response.location == "/review/?status=received"
    action = db.scalars(select(Action)).one()
    assert (action.title, action.priority, action.due_on.isoformat()) == (
        "Byt armaturer längs stigen",
        Priority.HIGH,
        due,
    )
    assert {o.id for o in action.observations} == {received.id, triaged.id}
    assert action.created_by_id == chief.id
    db.expire_all()
    assert received.status == triaged.status == ObservationStatus.ACTION_PLANNED
    # Every step through the lifecycle table is an event: received → triaged → action planned.
    steps = db.scalars(
        select(Event.to_status)
        .where(Event.subject_type == SubjectType.OBSERVATION, Event.subject_id == received.id)
        .order_by(Event.id)
    ).all()
    assert steps == ["triaged", "action_planned"]
    assert (
        db.scalar(select(func.count(Event.id)).where(Event.subject_type == SubjectType.ACTION)) == 1
    )

    handler_client = app.test_client()
    handler = make_user(Role.HANDLER, organisation=owners["technical"])
    login(handler, test_client=handler_client)
    start = handler_client.get("/").get_data(as_text=True)
    assert "Byt armaturer längs stigen" in start
    page = handler_client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "Mörkt vid stigen" in page and "Lampan blinkar" in page and "geo:" in page
    other_handler = app.test_client()
    login(make_user(Role.HANDLER, organisation=owners["police"]), test_client=other_handler)
    assert other_handler.get(f"/actions/{action.id}").status_code == 404


def test_several_actions_per_observation(client, login_as, make_observation, owners, db):
    login_as(Role.SAFETY_CHIEF)
    observation = make_observation()
    for organisation, title in [(owners["technical"], "Klipp häcken"), (owners["police"], "Ses")]:
        response = client.post(
            "/actions/new",
            data={
                "observation_ids": observation.id,
                "title": title,
                "organisation_id": organisation.id,
                "priority": "normal",
                "due_on": (date.today() + timedelta(days=5)).isoformat(),
            },
        )
        assert response.status_code == 303
    page = client.get(f"/observations/{observation.id}").get_data(as_text=True)
    assert "Klipp häcken" in page and "Ses" in page
    assert db.scalar(select(func.count(Action.id))) == 2


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"due_on": "2020-01-01"}, 422, "Slutdatumet har redan passerat."),
        ({"title": ""}, 422, "Rätta de markerade"),
        ({"organisation_id": "999999"}, 422, "Inte ett giltigt val"),
        ({"priority": "urgent"}, 422, "Rätta de markerade"),
        ({"observation_ids": ""}, 422, "Välj minst en iakttagelse."),
    ],
)
def test_bad_input_creates_nothing(
    client, login_as, make_observation, owners, db, change, status, message
):
    login_as(Role.SAFETY_CHIEF)
    observation = make_observation()
    data = {
        "observation_ids": observation.id,
        "title": "Byt lampa",
        "organisation_id": owners["technical"].id,
        "priority": "normal",
        "due_on": (date.today() + timedelta(days=5)).isoformat(),
    }
    data.update(change)
    response = client.post("/actions/new", data=data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert db.scalar(select(func.count(Action.id))) == 0
    db.expire_all()
    assert observation.status == ObservationStatus.RECEIVED


def test_observations_of_another_municipality_or_duplicates_are_refused(
    app, client, login_as, make_observation, make_walk, owners, other_municipality, db
):
    chief = login_as(Role.SAFETY_CHIEF)
    foreign = make_observation(walk=make_walk(municipality=other_municipality))
    response = client.get(f"/actions/new?observation_ids={foreign.id}")
    assert response.status_code == 404
    survivor = make_observation()
    duplicate = make_observation(status="duplicate", duplicate_of_id=survivor.id)
    response = client.get(f"/actions/new?observation_ids={duplicate.id}")
    assert response.status_code == 422
    assert "är en dubblett" in response.get_data(as_text=True)
    with app.test_request_context(), pytest.raises(DomainError):
        create_action(
            db,
            chief,
            [foreign],
            organisation=owners["technical"],
            title="Fel kommun",
            due_on=None,
            today=date.today(),
        )
    db.rollback()
    assert db.scalar(select(func.count(Action.id))) == 0


def test_an_organisation_of_another_municipality_is_refused(
    app, login_as, make_observation, make_organisation, other_municipality, db
):
    chief = login_as(Role.SAFETY_CHIEF)
    foreign_org = make_organisation("Polisen Norrköping", "police", other_municipality)
    with app.test_request_context(), pytest.raises(DomainError) as caught:
        create_action(
            db,
            chief,
            [make_observation()],
            organisation=foreign_org,
            title="Fel organisation",
            due_on=None,
            today=date.today(),
        )
    assert caught.value.status_code == 422


def _step(app, db, actor, action, to_status, **kwargs):
    with app.test_request_context():
        result = change_action_status(db, actor, action, to_status, today=date.today(), **kwargs)
        db.commit()
        return result


NOTES = {"public_note": "Lampan är bytt.", "planned_on": date.today() + timedelta(days=3)}


@pytest.mark.parametrize("start", list(ActionStatus))
@pytest.mark.parametrize("target", list(ActionStatus))
def test_every_step_of_the_action_table_and_no_other(
    app, db, make_user, make_action, owners, start, target
):
    """Each (from, to) pair: allowed by the table, taken by the chief or handler; else refused."""
    handler = make_user(Role.HANDLER, organisation=owners["technical"])
    chief = make_user(Role.SAFETY_CHIEF)
    action = make_action(organisation=owners["technical"], status=start)
    actor = chief if target == ActionStatus.VERIFIED else handler
    if target in ACTION_TRANSITIONS[start]:
        _step(app, db, actor, action, target, **NOTES)
        db.expire_all()
        assert action.status == target
        event = db.scalars(
            select(Event)
            .where(Event.subject_type == SubjectType.ACTION, Event.subject_id == action.id)
            .order_by(Event.id.desc())
        ).first()
        assert (event.from_status, event.to_status) == (start, target)
    else:
        with pytest.raises(DomainError):
            _step(app, db, actor, action, target, **NOTES)
        db.rollback()
        db.expire_all()
        assert action.status == start


def test_verifying_is_the_chiefs_and_done_needs_a_public_note(
    app, db, make_user, make_action, owners
):
    handler = make_user(Role.HANDLER, organisation=owners["technical"])
    action = make_action(organisation=owners["technical"], status="in_progress")
    with pytest.raises(DomainError, match="public note|offentlig"):
        _step(app, db, handler, action, "done")
    db.rollback()
    _step(app, db, handler, action, "done", public_note="Klart.")
    with pytest.raises(DomainError) as caught:
        _step(app, db, handler, action, "verified")
    assert caught.value.status_code == 403
    db.rollback()
    with pytest.raises(DomainError, match="planned|planerat"):
        _step(app, db, handler, make_action(organisation=owners["technical"]), "planned")


def test_a_handler_cannot_see_or_change_another_organisations_actions(
    app, client, login, make_user, make_action, owners, db
):
    police_action = make_action(organisation=owners["police"], title="Polisens åtgärd")
    own_action = make_action(organisation=owners["technical"], title="Vår åtgärd")
    handler = login(make_user(Role.HANDLER, organisation=owners["technical"]))
    queue = client.get("/actions/").get_data(as_text=True)
    assert "Vår åtgärd" in queue and "Polisens åtgärd" not in queue
    assert client.get(f"/actions/{police_action.id}").status_code == 404
    for url, data in [
        (f"/actions/{police_action.id}", {"status": "in_progress"}),
        (f"/actions/{police_action.id}/assign", {"assignee_id": handler.id}),
        (f"/actions/{police_action.id}/comment", {"text": "Hej"}),
        (
            "/actions/bulk",
            {"action_ids": [own_action.id, police_action.id], "status": "in_progress"},
        ),
    ]:
        assert client.post(url, data=data).status_code == 404, url
    db.expire_all()
    assert police_action.status == own_action.status == ActionStatus.OPEN
    assert police_action.assignee_id is None
    with pytest.raises(DomainError) as caught:
        _step(app, db, handler, police_action, "in_progress")
    assert caught.value.status_code == 404


def test_the_handler_completes_an_action_with_an_after_photo(
    client, login, make_user, make_action, make_observation, owners, db, make_photo_bytes
):
    observation = make_observation(status="action_planned", note="Trasig lampa")
    action = make_action(observations=[observation], organisation=owners["technical"])
    login(make_user(Role.HANDLER, organisation=owners["technical"]))
    for data in [
        {"status": "planned", "planned_on": (date.today() + timedelta(days=2)).isoformat()},
        {"status": "in_progress", "internal_note": "Beställt armatur"},
    ]:
        assert client.post(f"/actions/{action.id}", data=data).status_code == 303
    response = client.post(
        f"/actions/{action.id}",
        data={
            "status": "done",
            "public_note": "Ny LED-armatur uppsatt.",
            "photo": (io.BytesIO(make_photo_bytes()), "efter.jpg"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    db.expire_all()
    assert action.status == ActionStatus.DONE and action.closing_note == "Ny LED-armatur uppsatt."
    assert observation.status == ObservationStatus.FIXED
    after = db.scalars(select(Photo).where(Photo.action_id == action.id)).one()
    assert after.kind == PhotoKind.AFTER
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "Beställt armatur" in page and "Ny LED-armatur uppsatt." in page
    assert f"/photos/{after.id}/thumb.jpg" in page


def test_a_refused_after_photo_changes_nothing(client, login, make_user, make_action, owners, db):
    action = make_action(organisation=owners["technical"], status="in_progress")
    login(make_user(Role.HANDLER, organisation=owners["technical"]))
    response = client.post(
        f"/actions/{action.id}",
        data={
            "status": "done",
            "public_note": "Klart",
            "photo": (io.BytesIO(b"not a photo"), "x.jpg"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    db.expire_all()
    assert action.status == ActionStatus.IN_PROGRESS
    assert db.scalar(select(func.count(Photo.id))) == 0


def test_an_observation_follows_all_its_actions(
    app, db, make_user, make_action, make_observation, owners
):
    chief = make_user(Role.SAFETY_CHIEF)
    observation = make_observation(status="action_planned")
    hedge = make_action(observations=[observation], organisation=owners["technical"])
    lamp = make_action(observations=[observation], organisation=owners["police"])
    _step(app, db, chief, hedge, "in_progress")
    _step(app, db, chief, hedge, "done", public_note="Häcken klippt.")
    db.expire_all()
    assert observation.status == ObservationStatus.ACTION_PLANNED  # the lamp is still open
    _step(app, db, chief, lamp, "rejected", public_note="Inte vår lampa.")
    db.expire_all()
    assert observation.status == ObservationStatus.FIXED  # a rejected action does not count
    _step(app, db, chief, hedge, "verified")
    db.expire_all()
    assert observation.status == ObservationStatus.VERIFIED
    _step(app, db, chief, lamp, "open")
    db.expire_all()
    assert observation.status == ObservationStatus.ACTION_PLANNED  # reopened work
