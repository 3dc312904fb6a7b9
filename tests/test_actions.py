"""Creating an action from observations: proposals, routing, lifecycle effects and bad input."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from walkapp.actions.models import Action, Priority
from walkapp.actions.services import create_action
from walkapp.auth.models import Role
from walkapp.errors import DomainError
from walkapp.events.models import Event, SubjectType
from walkapp.observations.models import ObservationStatus


@pytest.fixture
def owners(make_organisation):
    return {
        "technical": make_organisation("Teknik- och servicekontoret", "municipal_unit"),
        "police": make_organisation("Polisen Strängnäs", "police"),
    }


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
