"""User administration: the administrator's user pages and the create-user command."""

import pytest
from sqlalchemy import func, select

from walkapp.auth.models import Role, User
from walkapp.places.models import PoliceArea

# ----- the administrator's user pages -----------------------------------------------------


def _user_form(**overrides):
    data = {
        "name": "Nina Ny",
        "email": "nina@example.se",
        "role": "walk_leader",
        "municipality_id": 0,
        "organisation_id": 0,
        "is_active": "y",
        "password": "a good long password",
    }
    data.update(overrides)
    return data


def test_admin_creates_a_user_who_can_log_in(client, login_as, db, municipality):
    login_as(Role.ADMIN)
    response = client.post("/admin/users/new", data=_user_form(municipality_id=municipality.id))
    assert response.status_code == 302
    created = db.scalar(select(User).where(User.email == "nina@example.se"))
    assert created.role == Role.WALK_LEADER and created.municipality_id == municipality.id
    client.post("/logout")
    assert (
        client.post(
            "/login", data={"email": "nina@example.se", "password": "a good long password"}
        ).status_code
        == 302
    )


@pytest.mark.parametrize(
    ("overrides", "status", "message"),
    [
        ({"email": "taken@example.se"}, 409, "finns redan ett konto"),
        ({"role": "emperor"}, 422, "Rätta de markerade fälten."),
        ({"role": "handler"}, 422, "En handläggare måste tillhöra en organisation."),
        ({"password": "short"}, 422, "minst 10 tecken"),
        ({"municipality_id": 999}, 422, "Rätta de markerade fälten."),
    ],
    ids=[
        "duplicate-email",
        "unknown-role",
        "handler-without-organisation",
        "short-password",
        "unknown-municipality",
    ],
)
def test_bad_new_users_are_refused_and_nothing_is_stored(
    client, login_as, make_user, db, municipality, overrides, status, message
):
    login_as(Role.ADMIN)
    make_user(Role.PARTICIPANT, email="taken@example.se")
    before = db.scalar(select(func.count(User.id)))
    response = client.post(
        "/admin/users/new", data=_user_form(**{"municipality_id": municipality.id, **overrides})
    )
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert db.scalar(select(func.count(User.id))) == before


def test_a_municipal_admin_cannot_create_a_national_admin(client, login_as, db):
    login_as(Role.ADMIN)
    response = client.post("/admin/users/new", data=_user_form(role="admin", municipality_id=0))
    assert response.status_code == 422
    assert db.scalar(select(User).where(User.email == "nina@example.se")) is None


def test_an_admin_cannot_lock_themselves_out(client, login_as, db):
    admin = login_as(Role.ADMIN)
    response = client.post(
        f"/admin/users/{admin.id}",
        data={
            "name": admin.name,
            "email": admin.email,
            "role": "admin",
            "municipality_id": admin.municipality_id,
            "organisation_id": 0,
        },
    )
    assert response.status_code == 422
    db.expire_all()
    assert admin.is_active


@pytest.fixture
def area(db, municipality):
    area = PoliceArea(name="Lokalpolisområde Eskilstuna")
    municipality.police_area = area
    db.commit()
    return area


def test_a_national_admin_creates_a_police_area_officer(client, app, login_as, db, area):
    login_as(Role.ADMIN, municipality=None)
    form = client.get("/admin/users/new").get_data(as_text=True)
    assert "Lokalpolisområde Eskilstuna" in form
    response = client.post(
        "/admin/users/new", data=_user_form(role="police_area", police_area_id=area.id)
    )
    assert response.status_code == 302
    officer = db.scalar(select(User).where(User.email == "nina@example.se"))
    assert officer.police_area_id == area.id and officer.municipality_id is None
    assert "Lokalpolisområde Eskilstuna" in client.get("/admin/users").get_data(as_text=True)
    officer_client = app.test_client()
    officer_client.post("/login", data={"email": officer.email, "password": "a good long password"})
    assert "Lokalpolisområde Eskilstuna" in officer_client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"police_area_id": 0}, "A police area officer needs a police area."),
        ({"municipality_id": "MUNICIPALITY"}, "belongs to the police area, not to a"),
    ],
    ids=["no-area", "also-a-municipality"],
)
def test_a_police_area_officer_has_an_area_and_no_municipality(
    client, login_as, db, municipality, area, overrides, message
):
    login_as(Role.ADMIN, municipality=None)
    client.post("/language", data={"language": "en", "next": "/"})  # the messages are new
    if overrides.get("municipality_id") == "MUNICIPALITY":
        overrides["municipality_id"] = municipality.id
    data = _user_form(role="police_area", police_area_id=area.id) | overrides
    response = client.post("/admin/users/new", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.scalar(select(User).where(User.email == "nina@example.se")) is None


def test_a_municipal_admin_is_not_offered_the_police_area(client, login_as, db, area):
    login_as(Role.ADMIN)
    form = client.get("/admin/users/new").get_data(as_text=True)
    assert 'value="police_area"' not in form and "Lokalpolisområde Eskilstuna" not in form
    response = client.post(
        "/admin/users/new", data=_user_form(role="police_area", police_area_id=area.id)
    )
    assert response.status_code == 422
    assert db.scalar(select(User).where(User.email == "nina@example.se")) is None


def test_a_municipal_admin_does_not_see_or_change_a_police_area_officer(
    client, login_as, make_user, area
):
    officer = make_user(Role.POLICE_AREA, police_area=area)
    login_as(Role.ADMIN)
    assert officer.email not in client.get("/admin/users").get_data(as_text=True)
    assert client.get(f"/admin/users/{officer.id}").status_code == 404
    data = _user_form(role="walk_leader", email=officer.email)
    assert client.post(f"/admin/users/{officer.id}", data=data).status_code == 404


# ----- the command line ---------------------------------------------------------------------


def test_create_user_command(app, db, make_organisation, municipality):
    organisation = make_organisation(name="Teknik- och servicekontoret")
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "Hanna@Example.se",
            "--role",
            "handler",
            "--password",
            "long enough password",
            "--organisation",
            organisation.name,
            "--municipality",
            municipality.slug,
        ],
    )
    assert result.exit_code == 0, result.output
    user = db.scalar(select(User).where(User.email == "hanna@example.se"))
    assert user.organisation_id == organisation.id and user.municipality_id == municipality.id


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "emperor"], "Invalid value for '--role'"),
        (
            ["--role", "handler", "--municipality", "strangnas"],
            "En handläggare måste tillhöra en organisation.",
        ),
        (["--role", "walk_leader", "--municipality", "Atlantis"], "no municipality named"),
        (["--role", "walk_leader"], "måste tillhöra en kommun"),
    ],
)
def test_create_user_command_refuses_bad_input(app, db, municipality, args, message):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-user", "x@example.se", "--password", "long enough password", *args]
    )
    assert result.exit_code != 0
    assert message in result.output
    assert db.scalar(select(func.count(User.id))) == 0


def test_create_user_command_refuses_a_duplicate_email(app, db, make_user, municipality):
    make_user(Role.ADMIN, email="admin@example.se")
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "admin@example.se",
            "--role",
            "admin",
            "--password",
            "long enough password",
        ],
    )
    assert result.exit_code != 0 and "Det finns redan ett konto" in result.output


def test_create_user_command_places_a_police_area_officer(app, db, area):
    runner = app.test_cli_runner()
    base = ["create-user", "lpo@example.se", "--role", "police_area"]
    base += ["--password", "long enough password", "--police-area"]
    unknown = runner.invoke(args=[*base, "Lokalpolisområde Atlantis"])
    assert unknown.exit_code != 0 and "no police area named" in unknown.output
    result = runner.invoke(args=[*base, "lokalpolisområde eskilstuna"])
    assert result.exit_code == 0, result.output
    officer = db.scalar(select(User).where(User.email == "lpo@example.se"))
    assert officer.police_area_id == area.id and officer.municipality_id is None
