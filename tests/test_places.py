"""The administrator manages organisations and localities of their own municipality."""

import pytest
from sqlalchemy import func, select

from walkapp.auth.models import Role
from walkapp.places.models import Locality, Organisation


def test_admin_creates_and_edits_an_organisation(client, login_as, db, municipality):
    login_as(Role.ADMIN)
    response = client.post(
        "/admin/organisations/new",
        data={
            "municipality_id": municipality.id,
            "name": "Strängnäs Bostads AB",
            "kind": "property_owner",
            "email": "Felanmalan@SBO.example",
            "is_active": "y",
        },
    )
    assert response.status_code == 302
    organisation = db.scalar(
        select(Organisation).where(Organisation.name == "Strängnäs Bostads AB")
    )
    assert organisation.kind == "property_owner" and organisation.email == "felanmalan@sbo.example"
    response = client.post(
        f"/admin/organisations/{organisation.id}",
        data={
            "municipality_id": municipality.id,
            "name": "SBO",
            "kind": "property_owner",
            "email": "felanmalan@sbo.example",
        },
    )
    assert response.status_code == 302
    db.expire_all()
    assert organisation.name == "SBO" and not organisation.is_active
    assert "SBO" in client.get("/admin/organisations").get_data(as_text=True)


def test_admin_creates_a_locality(client, login_as, db, municipality):
    login_as(Role.ADMIN)
    response = client.post(
        "/admin/localities/new",
        data={
            "municipality_id": municipality.id,
            "name": "Stallarholmen",
            "center_lat": "59.364",
            "center_lon": "17.208",
        },
    )
    assert response.status_code == 302
    locality = db.scalar(select(Locality).where(Locality.name == "Stallarholmen"))
    assert (locality.center_lat, locality.center_lon) == (59.364, 17.208)


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"name": "Mariefred"}, 409, "Kommunen har redan en ort med det namnet."),
        ({"center_lat": "95"}, 422, "Rätta de markerade fälten."),
        ({"center_lon": "öster"}, 422, "Rätta de markerade fälten."),
        ({"municipality_id": "999"}, 422, "Rätta de markerade fälten."),
    ],
    ids=["duplicate-name", "latitude-off-the-map", "not-a-number", "unknown-municipality"],
)
def test_bad_localities_are_refused_and_nothing_changes(
    client, login_as, db, municipality, make_locality, data, status, message
):
    make_locality(name="Mariefred")
    login_as(Role.ADMIN)
    form = {
        "municipality_id": municipality.id,
        "name": "Åkers styckebruk",
        "center_lat": "59.25",
        "center_lon": "17.09",
        **data,
    }
    response = client.post("/admin/localities/new", data=form)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert db.scalar(select(func.count(Locality.id))) == 1


def test_an_admin_cannot_place_things_in_another_municipality(
    client, login_as, db, other_municipality
):
    login_as(Role.ADMIN)
    response = client.post(
        "/admin/organisations/new",
        data={"municipality_id": other_municipality.id, "name": "Polisen", "kind": "police"},
    )
    assert response.status_code == 422  # not among the offered choices
    assert db.scalar(select(func.count(Organisation.id))) == 0


def test_user_text_is_escaped(client, login_as, make_organisation):
    make_organisation(name='<script>alert("x")</script>')
    login_as(Role.ADMIN)
    page = client.get("/admin/organisations").get_data(as_text=True)
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page
