"""Activities that count: several commitments each, quantities with units, edit and delete."""

import re
from datetime import date

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from walkapp.auth.models import Role
from walkapp.errors import DomainError
from walkapp.events.models import Event, EventKind, SubjectType
from walkapp.promises.activities import ActivityValues, log_activity
from walkapp.promises.models import Activity, ActivityKind, activity_commitments
from walkapp.promises.queries import progress
from walkapp.promises.units import quantity_text

NOTE = "Föräldramöte och brev hem om trafiken vid skolan"


def _english(client):
    client.post("/language", data={"language": "en", "next": "/"})


@pytest.fixture
def promise(make_promise):
    """The issue's example: one parent meeting with a letter home counts for two commitments."""
    return make_promise(
        commitments=[
            ("Informationskampanj om trafiksäkerhet", "information", 3),
            ("Två föräldramöten om trafik", "parent_meeting", 2),
            ("Fotpatrullering i centrum", "patrol", None),
            ("Riktade trafikkontroller", "traffic_control", 10),
        ]
    )


def _form(*commitments, **fields):
    return {
        "kind": "parent_meeting",
        "done_on": "2021-05-04",
        "count": "1",
        "commitment_ids": [str(c.id) for c in commitments],
        "note": NOTE,
    } | fields


def _events(db, activity_id):
    return db.scalars(
        select(Event)
        .where(Event.subject_type == SubjectType.ACTIVITY, Event.subject_id == activity_id)
        .order_by(Event.id)
    ).all()


def test_one_activity_counts_toward_two_commitments(client, login_as, promise, db):
    information, meetings, _patrol, _controls = promise.commitments
    chief = login_as(Role.SAFETY_CHIEF)
    _english(client)
    page = client.get(f"/promises/{promise.id}/activities/new?commitment={meetings.id}")
    assert page.status_code == 200
    boxes = re.findall(r"<input[^>]*checkbox[^>]*>", page.get_data(as_text=True))
    assert [f'value="{meetings.id}"' in box for box in boxes if "checked" in box] == [True]
    response = client.post(
        f"/promises/{promise.id}/activities/new",
        data=_form(information, meetings, quantity="45"),
    )
    assert response.status_code == 303
    activity = db.scalars(select(Activity)).one()
    assert {c.id for c in activity.commitments} == {information.id, meetings.id}
    assert (activity.kind, activity.quantity, activity.created_by_id) == (
        ActivityKind.PARENT_MEETING,
        45.0,
        chief.id,
    )
    done = {row.commitment.id: row.done for row in progress(db, promise)}
    assert (done[information.id], done[meetings.id]) == (1, 1)
    [created] = _events(db, activity.id)
    assert created.kind == EventKind.CREATED and created.actor_id == chief.id
    assert NOTE not in (created.public_note or "") + (created.internal_note or "")
    page = client.get(f"/promises/{promise.id}").get_data(as_text=True)
    assert page.count(f'data-activity="{activity.id}"') == 2  # under both commitments
    assert "Done: 1 of 2" in page and "Done: 1 of 3" in page and "45 parents" in page


def test_quantities_are_summed_per_kind_with_their_units(app, client, login_as, promise, db):
    _information, _meetings, patrol, controls = promise.commitments
    login_as(Role.POLICE_COORDINATOR)
    _english(client)
    url = f"/promises/{promise.id}/activities/new"
    for hours in ("12", "20"):
        data = _form(patrol, kind="patrol", count="2", quantity=hours, note="Centrum")
        assert client.post(url, data=data).status_code == 303
    # A Swede types the decimal comma; it still counts as a number.
    data = _form(controls, kind="traffic_control", count="3", quantity="139,0", note="E20")
    assert client.post(url, data=data).status_code == 303
    data = _form(controls, kind="traffic_control", count="1", quantity="1", note="Skolvägen")
    assert client.post(url, data=data).status_code == 303
    rows = {row.commitment.id: row for row in progress(db, promise)}
    assert [(q.kind, q.total) for q in rows[patrol.id].quantities] == [(ActivityKind.PATROL, 32.0)]
    assert rows[patrol.id].done == 4 and rows[controls.id].done == 4
    page = client.get(f"/promises/{promise.id}").get_data(as_text=True)
    assert "32 hours" in page and "140 vehicles checked" in page
    with app.test_request_context(), force_locale("sv"):
        # The number in the reader's language: a decimal comma in Swedish.
        assert quantity_text(ActivityKind.PATROL, 2.5).startswith("2,5")
    with app.test_request_context(), force_locale("en"):
        assert quantity_text(ActivityKind.TRAFFIC_CONTROL, 1) == "1 vehicle checked"


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"kind": "parent_meeting", "quantity": "-3"}, "a negative quantity"),
        ({"kind": "traffic_control", "quantity": "2.5"}, "half a vehicle"),
        ({"kind": "cooperation_meeting", "quantity": "4"}, "a BRÅ meeting has no unit"),
        ({"kind": "safety_walk"}, "walks count themselves"),
        ({"count": "10001"}, "too many occasions"),
        ({"done_on": "2999-01-01"}, "in the future"),
        ({"done_on": "2020-12-31"}, "before the promise"),
        ({"commitment_ids": []}, "no commitment"),
        ({"quantity": "1e309"}, "infinite"),
    ],
)
def test_a_bad_activity_is_refused_and_nothing_stored(client, login_as, promise, db, fields, why):
    login_as(Role.WALK_LEADER)
    url = f"/promises/{promise.id}/activities/new"
    response = client.post(url, data=_form(*promise.commitments[:2], **fields))
    assert response.status_code == 422, why
    assert db.scalar(select(func.count(Activity.id))) == 0, why


def test_a_commitment_of_another_municipality_is_refused(
    app, client, login_as, make_promise, promise, other_municipality, db
):
    foreign = make_promise(
        municipality=other_municipality, commitments=[("Föräldramöten", "parent_meeting", 2)]
    )
    chief = login_as(Role.SAFETY_CHIEF)
    url = f"/promises/{promise.id}/activities/new"
    data = _form(promise.commitments[1], foreign.commitments[0])
    assert client.post(url, data=data).status_code == 422  # not among the choices
    with app.test_request_context(), pytest.raises(DomainError) as refused:
        log_activity(
            db,
            chief,
            promise.municipality_id,
            ActivityValues(
                kind=ActivityKind.PARENT_MEETING,
                done_on=date(2021, 5, 4),
                count=1,
                quantity=None,
                note="",
                commitments=(foreign.commitments[0],),
            ),
            today=date(2021, 6, 1),
        )
    assert refused.value.status_code == 422
    db.rollback()
    assert db.scalar(select(func.count(Activity.id))) == 0


def test_the_author_and_the_chief_edit_and_delete_others_are_refused(
    app, client, login, make_user, promise, other_municipality, db
):
    information, meetings, _patrol, _controls = promise.commitments
    leader = login(make_user(Role.WALK_LEADER))
    url = f"/promises/{promise.id}/activities/new"
    assert client.post(url, data=_form(meetings, count="1")).status_code == 303
    activity = db.scalars(select(Activity)).one()
    activity_id = activity.id
    edit, delete = f"/activities/{activity_id}/edit", f"/activities/{activity_id}/delete"
    assert client.get(edit).status_code == 200
    # The author counts it for the information campaign too.
    assert client.post(edit, data=_form(information, meetings, count="2")).status_code == 303
    db.expire_all()
    assert activity.count == 2 and len(activity.commitments) == 2

    colleague, kommunpolis = app.test_client(), app.test_client()
    login(make_user(Role.WALK_LEADER), test_client=colleague)
    login(make_user(Role.POLICE_COORDINATOR), test_client=kommunpolis)
    for other in (colleague, kommunpolis):
        assert other.get(edit).status_code == 403
        assert other.post(edit, data=_form(meetings, count="9")).status_code == 403
        assert other.post(delete).status_code == 403
    foreign = app.test_client()
    login(make_user(Role.SAFETY_CHIEF, municipality=other_municipality), test_client=foreign)
    assert foreign.get(edit).status_code == 404
    assert foreign.post(delete).status_code == 404

    chief = app.test_client()
    boss = login(make_user(Role.SAFETY_CHIEF), test_client=chief)
    assert chief.post(edit, data=_form(meetings, count="3")).status_code == 303
    assert chief.get(delete).status_code == 200  # the confirmation
    assert chief.post(delete).status_code == 303
    db.expire_all()
    assert db.get(Activity, activity_id) is None
    assert db.scalar(select(func.count()).select_from(activity_commitments)) == 0
    kinds = [(e.kind, e.actor_id) for e in _events(db, activity_id)]
    assert kinds == [
        (EventKind.CREATED, leader.id),
        (EventKind.UPDATED, leader.id),
        (EventKind.UPDATED, boss.id),
        (EventKind.DELETED, boss.id),
    ]
    deleted = _events(db, activity_id)[-1]
    assert "parent_meeting" in deleted.public_note and NOTE not in deleted.public_note
    done = {row.commitment.id: row.done for row in progress(db, promise)}
    assert done[meetings.id] == 0 and done[information.id] == 0


def test_the_kommunpolis_changes_what_the_police_logged(app, client, login, make_user, promise, db):
    meetings = promise.commitments[1]
    login(make_user(Role.POLICE_COORDINATOR))
    url = f"/promises/{promise.id}/activities/new"
    assert client.post(url, data=_form(meetings, note="Möte på Finningeskolan")).status_code == 303
    activity = db.scalars(select(Activity)).one()
    colleague = app.test_client()
    login(make_user(Role.POLICE_COORDINATOR), test_client=colleague)
    edit = f"/activities/{activity.id}/edit"
    assert colleague.post(edit, data=_form(meetings, count="2")).status_code == 303
    leader = app.test_client()
    login(make_user(Role.WALK_LEADER), test_client=leader)
    assert leader.post(edit, data=_form(meetings, count="5")).status_code == 403
    db.expire_all()
    assert activity.count == 2


def test_a_note_about_a_person_is_refused_on_log_and_on_edit(client, login_as, promise, db):
    meetings = promise.commitments[1]
    login_as(Role.HANDLER)
    url = f"/promises/{promise.id}/activities/new"
    about_a_child = "Orossamtal med Elias Nilsson, 090512-1232, pappans mobil 070-123 45 67"
    response = client.post(url, data=_form(meetings, kind="concern_talk", note=about_a_child))
    assert response.status_code == 422
    assert about_a_child not in response.get_data(as_text=True)
    assert db.scalar(select(func.count(Activity.id))) == 0
    assert client.post(url, data=_form(meetings, kind="concern_talk")).status_code == 303
    activity = db.scalars(select(Activity)).one()
    edit = f"/activities/{activity.id}/edit"
    response = client.post(edit, data=_form(meetings, count="4", note=about_a_child))
    assert response.status_code == 422
    assert about_a_child not in response.get_data(as_text=True)
    db.expire_all()
    assert (activity.count, activity.note) == (1, NOTE)
    assert [e.kind for e in _events(db, activity.id)] == [EventKind.CREATED]


def test_participants_see_the_counts_but_not_the_activities(
    app, client, login, make_user, promise, db
):
    meetings = promise.commitments[1]
    login(make_user(Role.SAFETY_CHIEF))
    url = f"/promises/{promise.id}/activities/new"
    assert client.post(url, data=_form(meetings, count="2", quantity="30")).status_code == 303
    activity = db.scalars(select(Activity)).one()
    _english(client)
    staff_page = client.get(f"/promises/{promise.id}").get_data(as_text=True)
    assert NOTE in staff_page and f"/activities/{activity.id}/edit" in staff_page
    resident = app.test_client()
    login(make_user(Role.PARTICIPANT), test_client=resident)
    _english(resident)
    page = resident.get(f"/promises/{promise.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Done: 2 of 2" in text and "30 parents" in text
    assert NOTE not in text and f"/activities/{activity.id}" not in text
    assert "/activities/new" not in text
    assert resident.get(f"/activities/{activity.id}/edit").status_code == 403
