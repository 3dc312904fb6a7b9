"""Reassigning: the chief moves an action to another organisation, told and tracked, never rejected.

Also: every organisation has a contact address (the organisation form asks for it).
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from walkapp.actions.assignment import reassign_action
from walkapp.actions.models import Action, ActionStatus
from walkapp.auth.models import Role
from walkapp.demo.story import MUNICIPALITIES
from walkapp.errors import DomainError, Forbidden
from walkapp.events.models import Event, EventKind, SubjectType
from walkapp.events.services import record_event
from walkapp.notifications.models import MessageKind, OutboxMessage
from walkapp.observations.models import ObservationStatus
from walkapp.places.models import Organisation

REASON = "Belysningen sköts av tekniska, inte av socialtjänsten."
DUE = date.today() + timedelta(days=20)
PLANNED = date.today() + timedelta(days=7)


@pytest.fixture
def setup(app, db, municipality, make_walk, make_observation, make_action, make_organisation):
    municipality.web_domain = "strangnas.se"
    social = make_organisation("Socialtjänsten", "municipal_unit")
    technical = make_organisation("Teknik- och servicekontoret", "municipal_unit")
    technical.email = "teknik@kommun.example"
    db.commit()
    walk = make_walk(status="closed")
    observation = make_observation(walk=walk, status="action_planned")
    return {
        "social": social,
        "technical": technical,
        "walk": walk,
        "observation": observation,
        "make_action": make_action,
    }


@pytest.fixture
def people(setup, make_user):
    return {
        "social": make_user(Role.HANDLER, organisation=setup["social"], email="sol@kommun.example"),
        "technical": make_user(
            Role.HANDLER, organisation=setup["technical"], email="anna@kommun.example"
        ),
        "chief": make_user(Role.SAFETY_CHIEF, email="chef@kommun.example"),
    }


@pytest.fixture
def action(setup, people, db):
    action = setup["make_action"](
        observations=[setup["observation"]],
        organisation=setup["social"],
        title="Byt lampan vid stigen",
        status=ActionStatus.PLANNED,
        planned_on=PLANNED,
        due_on=DUE,
        assignee_id=people["social"].id,
    )
    record_event(db, people["chief"], SubjectType.ACTION, action.id, EventKind.CREATED)
    db.commit()
    return action


def _events(db, action) -> list[Event]:
    return db.scalars(
        select(Event)
        .where(Event.subject_type == SubjectType.ACTION, Event.subject_id == action.id)
        .order_by(Event.id)
    ).all()


def _messages(db) -> list[OutboxMessage]:
    return db.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_the_chief_moves_an_action_and_the_new_owner_is_told(
    app, client, login, db, setup, people, action
):
    login(people["chief"])
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert f'action="/actions/{action.id}/reassign"' in page
    # The choice is the municipality's other organisations, not the one holding it.
    assert f'<option value="{setup["technical"].id}">' in page
    assert f'<option value="{setup["social"].id}"' not in page

    response = client.post(
        f"/actions/{action.id}/reassign",
        data={"organisation_id": setup["technical"].id, "reason": REASON},
    )
    assert response.status_code == 303
    assert response.location == f"/actions/{action.id}"

    db.expire_all()
    # Status, dates and observations stay; the person of the old organisation does not.
    assert action.organisation_id == setup["technical"].id
    assert (action.status, action.planned_on, action.due_on) == (
        ActionStatus.PLANNED,
        PLANNED,
        DUE,
    )
    assert action.assignee_id is None
    assert [o.id for o in action.observations] == [setup["observation"].id]
    assert setup["observation"].status == ObservationStatus.ACTION_PLANNED
    assert db.scalar(select(func.count(Action.id))) == 1  # moved in place, never a new one
    events = _events(db, action)
    assert [e.kind for e in events] == [EventKind.CREATED, EventKind.ASSIGNED]
    moved = events[-1]
    assert moved.internal_note == (
        f"Flyttad från Socialtjänsten till Teknik- och servicekontoret: {REASON}"
    )
    assert moved.public_note is None and moved.to_status is None
    assert moved.actor_id == people["chief"].id

    # The new organisation's shared address and its handler, in the same transaction.
    messages = _messages(db)
    assert {m.to_address for m in messages} == {"teknik@kommun.example", "anna@kommun.example"}
    assert all(m.kind == MessageKind.ASSIGNED and m.sent_at is None for m in messages)
    assert "Teknik- och servicekontoret" in messages[0].subject
    assert "Byt lampan vid stigen" in messages[0].subject
    assert REASON in messages[0].body and f"/actions/{action.id}" in messages[0].body
    assert "Socialtjänsten" in messages[0].body

    # The page shows the move and the new owner.
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "Flyttad från Socialtjänsten till Teknik- och servicekontoret" in page

    # The old organisation's handler no longer sees it; the new one has it in its queue.
    old = app.test_client()
    login(people["social"], test_client=old)
    assert old.get(f"/actions/{action.id}").status_code == 404
    assert "Byt lampan vid stigen" not in old.get("/actions/").get_data(as_text=True)
    new = app.test_client()
    login(people["technical"], test_client=new)
    assert "Byt lampan vid stigen" in new.get("/actions/").get_data(as_text=True)
    assert new.get(f"/actions/{action.id}").status_code == 200


def test_moving_back_and_forth_tells_each_organisation_each_time(
    client, login, db, setup, people, action
):
    login(people["chief"])
    for target in ("technical", "social", "technical"):
        response = client.post(
            f"/actions/{action.id}/reassign",
            data={"organisation_id": setup[target].id, "reason": REASON},
        )
        assert response.status_code == 303
    addresses = [m.to_address for m in _messages(db)]
    # Socialtjänsten has no shared address: its handler is told.
    assert sorted(addresses) == sorted(
        ["teknik@kommun.example", "anna@kommun.example"] * 2 + ["sol@kommun.example"]
    )
    assert len(_events(db, action)) == 4


def test_the_public_sees_no_rejection_and_no_reason(client, login, db, setup, people, action):
    login(people["chief"])
    client.post(
        f"/actions/{action.id}/reassign",
        data={"organisation_id": setup["technical"].id, "reason": REASON},
    )
    client.get("/logout")
    public = client.get(f"/p/walks/{setup['walk'].public_token}").get_data(as_text=True)
    assert REASON not in public and "Flyttad" not in public
    response = client.get(
        "/open311/v2/requests.json", query_string={"jurisdiction_id": "strangnas.se"}
    )
    rows = {int(row["service_request_id"]): row for row in response.get_json()}
    row = rows[setup["observation"].id]
    assert row["status"] == "open"
    assert row["agency_responsible"] == "Teknik- och servicekontoret"
    assert REASON not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("case", "status", "message"),
    [
        ("same", 422, "The action is already with this organisation."),
        ("inactive", 422, "The organisation is no longer active."),
        ("no-address", 422, "The organisation has no contact address."),
        ("blank-reason", 422, "Please correct the marked fields."),
        ("spaces-reason", 422, "Please correct the marked fields."),
        ("closed", 422, "Only an action that is still open can be moved."),
        ("other-municipality", 404, None),
        ("missing", 404, None),
        ("garbage-id", 422, "Unknown choice."),
        ("handler", 403, None),
    ],
)
def test_refused_moves_change_nothing(
    app,
    client,
    login,
    db,
    setup,
    people,
    action,
    make_organisation,
    make_municipality,
    case,
    status,
    message,
):
    data = {"organisation_id": setup["technical"].id, "reason": REASON}
    if case == "same":
        data["organisation_id"] = setup["social"].id
    elif case == "inactive":
        setup["technical"].is_active = False
    elif case == "no-address":
        # A property owner with no address and no handler: nobody would hear of it.
        data["organisation_id"] = make_organisation("Fastighetsägarna", "property_owner").id
    elif case == "blank-reason":
        data["reason"] = ""
    elif case == "spaces-reason":
        data["reason"] = "   \n "
    elif case == "closed":
        action.status = ActionStatus.DONE
    elif case == "other-municipality":
        elsewhere = make_municipality("Söderköpings kommun")
        data["organisation_id"] = make_organisation("Tekniska kontoret", municipality=elsewhere).id
    elif case == "missing":
        data["organisation_id"] = 999_999
    elif case == "garbage-id":
        data["organisation_id"] = "99999999999999999999"
    db.commit()
    client.post("/language", data={"language": "en", "next": "/"})
    login(people["social"] if case == "handler" else people["chief"])
    before = len(_events(db, action))
    response = client.post(f"/actions/{action.id}/reassign", data=data)
    assert response.status_code == status
    if message:
        page = response.get_data(as_text=True)
        assert message in page
        # The form is kept with the reason typed (not offered at all for a closed action or
        # when no other active organisation is left).
        if case not in ("blank-reason", "spaces-reason", "inactive", "closed"):
            assert REASON in page
    db.expire_all()
    assert action.organisation_id == setup["social"].id
    assert action.assignee_id == people["social"].id
    assert len(_events(db, action)) == before
    assert _messages(db) == []


def test_the_missing_and_the_foreign_organisation_answer_alike(
    client, login, db, setup, people, action, make_municipality, make_organisation
):
    elsewhere = make_municipality("Söderköpings kommun")
    foreign = make_organisation("Tekniska kontoret", municipality=elsewhere)
    login(people["chief"])
    answers = [
        client.post(
            f"/actions/{action.id}/reassign", data={"organisation_id": oid, "reason": REASON}
        )
        for oid in (foreign.id, 999_999)
    ]
    assert answers[0].status_code == answers[1].status_code == 404
    assert answers[0].get_data() == answers[1].get_data()


def test_another_municipalitys_chief_cannot_move_it(
    client, login, make_user, make_municipality, setup, action, db
):
    elsewhere = make_municipality("Söderköpings kommun")
    login(make_user(Role.SAFETY_CHIEF, municipality=elsewhere))
    response = client.post(
        f"/actions/{action.id}/reassign",
        data={"organisation_id": setup["technical"].id, "reason": REASON},
    )
    assert response.status_code == 404
    db.expire_all()
    assert action.organisation_id == setup["social"].id


def test_a_handler_sees_no_move_form(client, login, people, action):
    login(people["social"])
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "/reassign" not in page


def test_an_organisation_needs_a_contact_address(client, login_as, db, municipality):
    login_as(Role.ADMIN)
    client.post("/language", data={"language": "en", "next": "/"})
    response = client.post(
        "/admin/organisations/new",
        data={
            "municipality_id": municipality.id,
            "name": "Fastighetsägarna",
            "kind": "property_owner",
        },
    )
    assert response.status_code == 422
    assert "contact address: it is told of new actions." in response.get_data(as_text=True)
    assert db.scalar(select(func.count(Organisation.id))) == 0


def test_the_demo_organisations_all_have_an_address():
    for spec in MUNICIPALITIES:
        for _name, _kind, email in spec["organisations"]:
            assert "@" in email


def test_the_service_refuses_a_blank_reason_and_a_handler(app, db, setup, people, action):
    now = datetime.now(UTC)
    with app.test_request_context():
        with pytest.raises(DomainError) as refused:
            reassign_action(db, people["chief"], action, setup["technical"], " \n ", now)
        assert refused.value.status_code == 422
        with pytest.raises(Forbidden):
            reassign_action(db, people["social"], action, setup["technical"], REASON, now)
    db.rollback()
    assert action.organisation_id == setup["social"].id


def test_an_owner_without_handlers_is_told_at_its_address(
    client, login, db, setup, people, action, make_organisation
):
    owner = make_organisation("Fastighetsägarna", "property_owner")
    owner.email = "felanmalan@fastighet.example"
    db.commit()
    login(people["chief"])
    response = client.post(
        f"/actions/{action.id}/reassign", data={"organisation_id": owner.id, "reason": REASON}
    )
    assert response.status_code == 303
    assert {m.to_address for m in _messages(db)} == {"felanmalan@fastighet.example"}
    db.expire_all()
    assert action.organisation_id == owner.id and action.status == ActionStatus.PLANNED
