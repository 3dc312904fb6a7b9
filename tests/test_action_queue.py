"""The action queue: overdue first, filters, and the same step for several actions at once."""

from datetime import date, timedelta

import pytest

from tests.test_actions import _step, make_owners
from walkapp.actions.models import ActionStatus
from walkapp.auth.models import Role
from walkapp.errors import DomainError
from walkapp.observations.models import ObservationStatus


@pytest.fixture
def owners(db, make_organisation):
    return make_owners(db, make_organisation)


def test_bulk_steps_are_all_or_nothing(client, login, make_user, make_action, owners, db):
    open_one = make_action(organisation=owners["technical"], title="A")
    done_one = make_action(organisation=owners["technical"], title="B", status="done")
    login(make_user(Role.HANDLER, organisation=owners["technical"]))
    response = client.post(
        "/actions/bulk",
        data={
            "action_ids": [open_one.id, done_one.id],
            "status": "rejected",
            "public_note": "Inte kommunens mark.",
            "next": "/actions/",
        },
    )
    assert response.status_code == 303
    page = client.get("/actions/").get_data(as_text=True)
    assert "”B”" in page  # the refused one is named
    db.expire_all()
    assert (open_one.status, done_one.status) == (ActionStatus.OPEN, ActionStatus.DONE)
    second = make_action(organisation=owners["technical"], title="C")
    response = client.post(
        "/actions/bulk",
        data={"action_ids": [open_one.id, second.id], "status": "in_progress"},
    )
    db.expire_all()
    assert open_one.status == second.status == ActionStatus.IN_PROGRESS


def test_the_queue_puts_overdue_first_and_filters(client, login, make_user, make_action, owners):
    today = date.today()
    technical = owners["technical"]
    later = make_action(
        organisation=owners["technical"], title="Senare", due_on=today + timedelta(9)
    )
    late = make_action(organisation=owners["technical"], title="Sen", due_on=today - timedelta(2))
    make_action(organisation=owners["technical"], title="Klar", status="done")
    login(make_user(Role.HANDLER, organisation=owners["technical"]))
    page = client.get("/actions/").get_data(as_text=True)
    assert page.index("Sen<") < page.index("Senare<") and "Klar<" not in page
    assert "Försenad" in page
    only_late = client.get("/actions/?overdue=y").get_data(as_text=True)
    assert "Sen<" in only_late and "Senare<" not in only_late
    done = client.get("/actions/?status=done").get_data(as_text=True)
    assert "Klar<" in done and "Sen<" not in done
    assert client.get("/actions/?status=lost").status_code == 400
    assert client.get("/actions/?sort=cheapest").status_code == 400
    urgent = make_action(organisation=technical, title="Brådskande", priority="high")
    by_priority = client.get("/actions/?sort=priority").get_data(as_text=True)
    assert by_priority.index("Brådskande<") < by_priority.index("Sen<")
    newest = client.get("/actions/?sort=created").get_data(as_text=True)
    assert newest.index("Brådskande<") < newest.index("Senare<")
    assert urgent.id
    assert later.id and late.id


def test_a_done_note_with_a_phone_number_is_refused_until_the_handler_confirms_it(
    client, login, make_user, make_action, make_observation, owners, db
):
    observation = make_observation(status="action_planned")
    action = make_action(
        observations=[observation], organisation=owners["technical"], status="in_progress"
    )
    login(make_user(Role.HANDLER, organisation=owners["technical"]))
    note = "Lampan bytt. Frågor: ring Kjell på 018-12 34 56."
    response = client.post(f"/actions/{action.id}", data={"status": "done", "public_note": note})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert note in page  # the text is kept for editing
    assert 'name="confirmed_personal_data"' in page  # and the checkbox is offered
    db.expire_all()
    assert action.status == ActionStatus.IN_PROGRESS and action.closing_note in (None, "")
    assert observation.status == ObservationStatus.ACTION_PLANNED
    response = client.post(
        f"/actions/{action.id}",
        data={"status": "done", "public_note": note, "confirmed_personal_data": "y"},
    )
    assert response.status_code == 303
    db.expire_all()
    assert action.status == ActionStatus.DONE and action.closing_note == note
    assert observation.status == ObservationStatus.FIXED


def test_public_reasons_with_personal_data_are_refused_in_bulk_and_by_the_service_too(
    app, client, login, make_user, make_action, owners, db
):
    chief = make_user(Role.SAFETY_CHIEF)
    action = make_action(organisation=owners["technical"])
    with pytest.raises(DomainError) as refused:
        _step(app, db, chief, action, "rejected", public_note="Fastighetsägare Anna Berg äger")
    assert refused.value.status_code == 422
    db.rollback()
    login(make_user(Role.HANDLER, organisation=owners["technical"]))
    form = {"action_ids": [action.id], "status": "rejected", "next": "/actions/"}
    client.post("/actions/bulk", data=form | {"public_note": "Inte vår, mejla per@example.se"})
    db.expire_all()
    assert action.status == ActionStatus.OPEN
    client.post(
        "/actions/bulk",
        data=form
        | {"public_note": "Inte vår, mejla per@example.se", "confirmed_personal_data": "y"},
    )
    db.expire_all()
    assert action.status == ActionStatus.REJECTED
