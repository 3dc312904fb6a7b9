"""The kommunpolis (police coordinator), the cooperation settings and the promise rhythm."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from walkapp.auth.models import Role, User, role_title
from walkapp.errors import DomainError
from walkapp.promises.models import Promise
from walkapp.promises.services import PromiseValues, save_promise
from walkapp.reports.models import FollowUp, FollowUpStatus
from walkapp.walks.models import WalkParticipant, WalkStatus


def _english(client):
    client.post("/language", data={"language": "en", "next": "/"})


def test_an_admin_creates_a_kommunpolis_who_logs_in_to_an_overview(
    client, login_as, db, municipality, make_promise
):
    make_promise(title="Medborgarlöfte 2021")
    login_as(Role.ADMIN)
    response = client.post(
        "/admin/users/new",
        data={
            "name": "Kim Kommunpolis",
            "email": "kim@polisen.example",
            "role": "police_coordinator",
            "municipality_id": municipality.id,
            "organisation_id": 0,
            "is_active": "y",
            "password": "a good long password",
        },
    )
    assert response.status_code == 302
    kim = db.scalar(select(User).where(User.email == "kim@polisen.example"))
    assert kim.role == Role.POLICE_COORDINATOR and kim.municipality_id == municipality.id
    client.post("/logout")
    client.post("/login", data={"email": kim.email, "password": "a good long password"})
    _english(client)
    page = client.get("/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Kim Kommunpolis · Police coordinator" in text
    assert "Follow-up reports due" in text and "Medborgarlöfte 2021" in text
    assert "Routing rules" not in text  # the municipality's settings stay the chief's


def test_the_kommunpolis_reads_what_the_chief_reads_and_changes_none_of_it(
    client, login_as, make_walk, make_observation, make_action
):
    walk = make_walk(status=WalkStatus.CLOSED)
    observation = make_observation(walk=walk)
    action = make_action(observations=[observation])
    login_as(Role.POLICE_COORDINATOR)
    _english(client)
    for url in (
        "/walks/",
        f"/walks/{walk.id}",
        f"/observations/{observation.id}",
        "/review/",
        "/actions/",
        f"/actions/{action.id}",
        "/review/export.csv",
        "/actions/export.csv",
    ):
        assert client.get(url).status_code == 200, url
    walk_page = client.get(f"/walks/{walk.id}").get_data(as_text=True)
    assert "Plan a repeat walk" not in walk_page and "Save the route" not in walk_page
    action_page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "Add the comment" not in action_page and "Assign" not in action_page
    assert 'name="action_ids"' not in client.get("/actions/").get_data(as_text=True)
    observation_page = client.get(f"/observations/{observation.id}").get_data(as_text=True)
    assert 'name="status"' not in observation_page  # no assessment form
    for url, data in (
        (f"/actions/{action.id}", {"status": "planned"}),
        (f"/actions/{action.id}/comment", {"text": "Vi tar det"}),
        ("/actions/bulk", {"action_ids": action.id, "status": "planned"}),
        (f"/observations/{observation.id}", {"status": "no_action"}),
        (f"/observations/{observation.id}/mask", {"public_text": "x"}),
        (f"/walks/{walk.id}/close", {}),
        ("/walks/new", {"title": "Ny"}),
    ):
        assert client.post(url, data=data).status_code == 403, url


def test_the_kommunpolis_walks_along_for_the_police(client, login_as, make_walk, db):
    walk = make_walk(status=WalkStatus.ACTIVE, join_code="ABC234")
    police = login_as(Role.POLICE_COORDINATOR)
    assert client.post(f"/field/{walk.id}/join").status_code == 303
    participant = db.scalar(select(WalkParticipant).where(WalkParticipant.user_id == police.id))
    assert participant.walk_id == walk.id and participant.represents == "police"
    assert client.get(f"/field/{walk.id}").status_code == 200


def test_the_kommunpolis_sees_nothing_of_another_municipality(
    client, login_as, make_walk, make_promise, other_municipality
):
    walk = make_walk(municipality=other_municipality)
    promise = make_promise(municipality=other_municipality)
    login_as(Role.POLICE_COORDINATOR)
    for url in (f"/walks/{walk.id}", f"/promises/{promise.id}", f"/promises/{promise.id}/edit"):
        assert client.get(url).status_code == 404, url


def test_the_kommunpolis_writes_the_promise_with_the_chief(client, login_as, db):
    login_as(Role.POLICE_COORDINATOR)
    response = client.post(
        "/promises/new",
        data={
            "title": "Medborgarlöfte 2027",
            "agreement_id": "0",
            "starts_on": "2027-01-01",
            "ends_on": "2027-12-31",
            "follow_up_kind": "half_year",
            "period_start_month": "11",
            "report_due_days": "30",
            "contact": "  Kommunpolisen, 114 14  ",
        },
    )
    assert response.status_code == 303
    promise = db.scalars(select(Promise)).one()
    assert (promise.period_start_month, promise.report_due_days) == (11, 30)
    assert promise.contact == "Kommunpolisen, 114 14"
    _english(client)
    form = client.get(f"/promises/{promise.id}/edit").get_data(as_text=True)
    assert '<option selected value="11">November</option>' in form or (
        'value="11" selected' in form
    )
    assert "Strängnäs" not in form and "Söderköping" not in form  # no one municipality's rhythm


@pytest.mark.parametrize(
    "data",
    [{"report_due_days": "181"}, {"report_due_days": "-1"}, {"period_start_month": "13"}],
)
def test_a_bad_rhythm_is_refused_and_nothing_stored(client, login_as, db, data):
    login_as(Role.SAFETY_CHIEF)
    form = {
        "title": "Löfte",
        "agreement_id": "0",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "follow_up_kind": "tertial",
        "period_start_month": "1",
        "report_due_days": "14",
    }
    response = client.post("/promises/new", data=form | data)
    assert response.status_code == 422
    assert db.scalar(select(func.count(Promise.id))) == 0


def _values(promise, **changes) -> PromiseValues:
    return replace(PromiseValues.of(promise), **({"contact": ""} | changes))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"report_due_days": 200}, "0 to 180 days"),
        ({"report_due_days": None}, "0 to 180 days"),
        ({"period_start_month": 0}, "January to December"),
        ({"follow_up_kind": "weekly"}, "how often"),
        ({"contact": "x" * 2001}, "too long"),
    ],
)
def test_the_service_refuses_a_bad_rhythm_with_a_clear_message(
    app, db, make_user, make_promise, changes, message
):
    chief = make_user(Role.SAFETY_CHIEF)
    promise = make_promise()
    with app.test_request_context(), pytest.raises(DomainError) as refused:
        save_promise(db, chief, promise, _values(promise, **changes))
    assert refused.value.status_code == 422
    with app.test_request_context(), force_locale("en"):
        assert message in str(refused.value.message)


def test_a_rhythm_that_would_drop_a_published_report_is_refused(client, login_as, db, make_promise):
    promise = make_promise(year=2021)
    db.add(
        FollowUp(
            promise=promise,
            period_label="2021-T1",
            starts_on=date(2021, 1, 1),
            ends_on=date(2021, 4, 30),
            status=FollowUpStatus.PUBLISHED,
            published_at=datetime(2021, 5, 20, tzinfo=UTC),
        )
    )
    db.commit()
    login_as(Role.SAFETY_CHIEF)
    form = {
        "title": promise.title,
        "agreement_id": "0",
        "starts_on": "2021-01-01",
        "ends_on": "2021-12-31",
        "follow_up_kind": "half_year",
        "period_start_month": "1",
        "report_due_days": "14",
    }
    response = client.post(f"/promises/{promise.id}/edit", data=form)
    assert response.status_code == 422
    assert "2021-T1" in response.get_data(as_text=True)
    # Keeping the tertials and only moving the due date is fine.
    response = client.post(
        f"/promises/{promise.id}/edit", data=form | {"follow_up_kind": "tertial"}
    )
    assert response.status_code == 303


def test_the_chief_names_the_role_and_the_police_area(
    client, login_as, make_user, db, municipality, other_municipality
):
    chief = login_as(Role.SAFETY_CHIEF, name="Sara Samordnare")
    url = f"/admin/municipalities/{municipality.id}/cooperation"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        data={"chief_title": " Trygghetssamordnare ", "police_area": "Lokalpolisområde Eskilstuna"},
    )
    assert response.status_code == 303
    db.expire_all()
    assert municipality.chief_title == "Trygghetssamordnare"
    assert municipality.police_area.name == "Lokalpolisområde Eskilstuna"
    assert "Sara Samordnare · Trygghetssamordnare" in client.get("/").get_data(as_text=True)
    assert role_title(db.get(User, chief.id)) == "Trygghetssamordnare"
    too_long = client.post(url, data={"chief_title": "x" * 61, "police_area": ""})
    assert too_long.status_code == 422
    foreign = f"/admin/municipalities/{other_municipality.id}/cooperation"
    assert client.get(foreign).status_code == 404
    assert client.post(foreign, data={"chief_title": "Kapad"}).status_code == 404
    # Emptied again: the role's own name.
    assert client.post(url, data={"chief_title": "", "police_area": ""}).status_code == 303
    db.expire_all()
    assert municipality.chief_title is None and municipality.police_area is None


def test_the_kommunpolis_does_not_change_the_settings(client, login_as, municipality):
    login_as(Role.POLICE_COORDINATOR)
    url = f"/admin/municipalities/{municipality.id}/cooperation"
    assert client.get(url).status_code == 403
    assert client.post(url, data={"chief_title": "Polischef"}).status_code == 403


def test_the_users_list_shows_the_municipalitys_title(
    client, login_as, make_user, db, municipality
):
    municipality.chief_title = "Trygghetssamordnare"
    db.commit()
    make_user(Role.SAFETY_CHIEF, name="Sara")
    make_user(Role.POLICE_COORDINATOR, name="Kim")
    login_as(Role.ADMIN)
    _english(client)
    page = client.get("/admin/users").get_data(as_text=True)
    assert "<td>Trygghetssamordnare</td>" in page
    assert "<td>Police coordinator</td>" in page
    # An admin of the municipality sets it too.
    response = client.post(
        f"/admin/municipalities/{municipality.id}/cooperation",
        data={"chief_title": "Säkerhetschef", "police_area": ""},
    )
    assert response.status_code == 303
