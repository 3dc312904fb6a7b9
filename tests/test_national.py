"""Views across municipalities: a police area officer reads the municipalities of its area (and
changes nothing), a national administrator reads every one; another's rows look missing."""

import pytest
from sqlalchemy import func, select

from walkapp.auth.models import Role, User
from walkapp.events.models import Event
from walkapp.observations.models import Observation, ObservationStatus
from walkapp.places import queries as place_queries
from walkapp.places.models import PoliceArea


@pytest.fixture
def kommuner(db, municipality, other_municipality, make_municipality, make_walk):
    """Three kommuner, the first two in one police area, each with a walk, an observation, an
    action and a promise named after it."""
    outside = make_municipality(
        "Norrköpings kommun", center_lat=58.5877, center_lon=16.1924, local_epsg=3007
    )
    area = PoliceArea(name="Lokalpolisområde Sörmland-Öst")
    municipality.police_area = area
    other_municipality.police_area = area
    db.commit()
    return {"A": municipality, "B": other_municipality, "C": outside, "area": area}


@pytest.fixture
def rows(kommuner, make_walk, make_observation, make_action, make_organisation, make_promise):
    made = {}
    for key in ("A", "B", "C"):
        kommun = kommuner[key]
        walk = make_walk(title=f"Vandring {key}", municipality=kommun)
        observation = make_observation(walk=walk, note=f"Lampan {key} är trasig.")
        organisation = make_organisation(name=f"Teknik {key}", municipality=kommun)
        action = make_action(
            observations=[observation], organisation=organisation, title=f"Åtgärd {key}"
        )
        promise = make_promise(title=f"Medborgarlöfte {key}", municipality=kommun)
        made[key] = {"observation": observation, "action": action, "promise": promise}
    return made


def _officer(login_as, kommuner):
    return login_as(Role.POLICE_AREA, police_area=kommuner["area"], name="Lars Lokalpolis")


def test_the_police_area_reads_the_municipalities_of_its_area_and_none_other(
    client, login_as, kommuner, rows
):
    _officer(login_as, kommuner)
    review = client.get("/review/").get_data(as_text=True)
    actions = client.get("/actions/").get_data(as_text=True)
    promises = client.get("/promises/").get_data(as_text=True)
    for key, shown in (("A", True), ("B", True), ("C", False)):
        name = kommuner[key].name
        assert (f"Lampan {key}" in review) is shown, key
        assert (f"Åtgärd {key}" in actions) is shown, key
        assert (f"Medborgarlöfte {key}" in promises) is shown, key
        # The filters offer the area's municipalities, and the rows name theirs.
        assert (f">{name}<" in review) is shown, key
        expected = 200 if shown else 404
        observation, action = rows[key]["observation"], rows[key]["action"]
        assert client.get(f"/review/observations/{observation.id}.json").status_code == expected
        assert client.get(f"/observations/{observation.id}").status_code == expected
        assert client.get(f"/actions/{action.id}").status_code == expected
        assert client.get(f"/promises/{rows[key]['promise'].id}").status_code == expected
    assert "2 iakttagelser matchar filtren." in review
    assert 'class="review-table__municipality"' in review


def test_the_start_page_lists_the_area_and_its_municipalities(client, login_as, kommuner, rows):
    _officer(login_as, kommuner)
    page = client.get("/").get_data(as_text=True)
    assert "Lokalpolisområde Sörmland-Öst" in page
    assert kommuner["A"].name in page and kommuner["B"].name in page
    assert kommuner["C"].name not in page
    # Each municipality leads to its own review and actions.
    assert f"/review/?municipality={kommuner['B'].id}" in page
    assert f"/actions/?municipality={kommuner['B'].id}" in page


def test_the_police_area_changes_nothing(client, login_as, db, kommuner, rows):
    _officer(login_as, kommuner)
    observation, action = rows["A"]["observation"], rows["A"]["action"]
    events_before = db.scalar(select(func.count(Event.id)))
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert 'name="public_note"' not in page  # no step of the action's lifecycle is offered
    review = client.get("/review/").get_data(as_text=True)
    assert 'name="observation_ids"' not in review  # no selection for a new action
    attempts = [
        (f"/observations/{observation.id}", {"status": "triaged"}),
        (f"/observations/{observation.id}/merge", {"merge_ids": observation.id}),
        (f"/actions/{action.id}", {"status": "planned"}),
        (f"/actions/{action.id}/comment", {"text": "Polisen tittar på saken."}),
        ("/actions/bulk", {"action_ids": action.id, "status": "planned"}),
        ("/actions/new", {"observation_ids": observation.id}),
        ("/promises/new", {"title": "Kapat löfte"}),
        (f"/admin/municipalities/{kommuner['A'].id}/cooperation", {"chief_title": "Polis"}),
    ]
    for url, data in attempts:
        assert client.post(url, data=data).status_code == 403, url
    db.expire_all()
    assert db.get(Observation, observation.id).status == ObservationStatus.RECEIVED
    assert db.scalar(select(func.count(Event.id))) == events_before


def test_the_services_refuse_the_police_area_too(app, db, kommuner, rows, make_user):
    """Behind the routes' role gates, the services refuse the officer themselves."""
    from datetime import date

    from walkapp.actions.services import change_action_status
    from walkapp.auth.services import PasswordRules, create_user
    from walkapp.errors import DomainError
    from walkapp.places.services import save_cooperation, save_organisation

    officer = make_user(Role.POLICE_AREA, police_area=kommuner["area"])
    kommun, action = kommuner["A"], rows["A"]["action"]
    with app.app_context():
        rules = PasswordRules.from_config(app.config)
        attempts = [
            lambda: change_action_status(db, officer, action, "planned", today=date.today()),
            lambda: save_cooperation(db, officer, kommun, chief_title="", police_area=""),
            lambda: save_organisation(
                db, officer, None, municipality=kommun, name="X", kind="other"
            ),
            *(
                lambda role=role: create_user(
                    db,
                    officer,
                    email="ny@example.se",
                    name="Ny",
                    role=role,
                    password="a good long password",
                    municipality=kommun if role == "walk_leader" else None,
                    police_area=kommuner["area"],
                    rules=rules,
                )
                for role in ("police_area", "walk_leader")
            ),
        ]
        for attempt in attempts:
            with pytest.raises(DomainError):
                attempt()
            db.rollback()


def test_another_municipality_looks_like_one_that_does_not_exist(client, login_as, kommuner, rows):
    _officer(login_as, kommuner)
    for page in ("/review/", "/actions/"):
        foreign = client.get(f"{page}?municipality={kommuner['C'].id}")
        missing = client.get(f"{page}?municipality=999999")
        assert foreign.status_code == missing.status_code == 400, page
        assert "Lampan C" not in foreign.get_data(as_text=True)
        assert "Åtgärd C" not in foreign.get_data(as_text=True)
    # One municipality of the area at a time.
    only_b = client.get(f"/review/?municipality={kommuner['B'].id}").get_data(as_text=True)
    assert "Lampan B" in only_b and "Lampan A" not in only_b


def test_the_national_admin_reads_every_municipality(client, login_as, kommuner, rows):
    login_as(Role.ADMIN, municipality=None)
    review = client.get("/review/").get_data(as_text=True)
    actions = client.get("/actions/").get_data(as_text=True)
    start = client.get("/").get_data(as_text=True)
    for key in ("A", "B", "C"):
        assert f"Lampan {key}" in review and f"Åtgärd {key}" in actions, key
        assert kommuner[key].name in start, key
        observation = rows[key]["observation"]
        assert client.get(f"/review/observations/{observation.id}.json").status_code == 200
    assert "3 iakttagelser matchar filtren." in review
    only_c = client.get(f"/actions/?municipality={kommuner['C'].id}").get_data(as_text=True)
    assert "Åtgärd C" in only_c and "Åtgärd A" not in only_c
    # Reading is not acting: no tools of the chief's are offered to the administrator either.
    assert 'name="observation_ids"' not in review


def test_exports_across_zones_use_sweref_99_tm(db, kommuner, make_user):
    officer = make_user(Role.POLICE_AREA, police_area=kommuner["area"])
    national = make_user(Role.ADMIN, municipality=None)
    # Strängnäs and Söderköping share SWEREF 99 16 30; Norrköping (here 15 00) does not.
    assert place_queries.local_epsg(db, officer) == 3010
    assert place_queries.local_epsg(db, national) == 3006
    assert place_queries.local_epsg(db, national, [kommuner["C"].id]) == 3007
    # A municipality the officer does not read counts as none at all.
    assert place_queries.local_epsg(db, officer, [kommuner["C"].id]) == 3006


def test_municipalities_that_name_the_same_police_area_share_it(
    client,
    app,
    login_as,
    login,
    make_user,
    db,
    municipality,
    other_municipality,
    make_observation,
    make_walk,
):
    ours = make_observation(note="Strängnäs lampa")
    theirs = make_observation(
        walk=make_walk(municipality=other_municipality), note="Söderköpings lampa"
    )
    for kommun, name in (
        (municipality, "Lokalpolisområde Eskilstuna"),
        (other_municipality, "  lokalpolisområde   ESKILSTUNA "),
    ):
        chief = make_user(Role.SAFETY_CHIEF, municipality=kommun)
        login(chief)
        url = f"/admin/municipalities/{kommun.id}/cooperation"
        assert client.post(url, data={"chief_title": "", "police_area": name}).status_code == 303
        client.post("/logout")
    db.expire_all()
    assert municipality.police_area_id == other_municipality.police_area_id
    assert municipality.police_area.name == "Lokalpolisområde Eskilstuna"
    officer = app.test_client()
    login(make_user(Role.POLICE_AREA, police_area=municipality.police_area), test_client=officer)
    for observation in (ours, theirs):
        assert officer.get(f"/review/observations/{observation.id}.json").status_code == 200
    # Söderköping turns to its own area: the officer of Eskilstuna's no longer reads it.
    login(make_user(Role.SAFETY_CHIEF, municipality=other_municipality))
    url = f"/admin/municipalities/{other_municipality.id}/cooperation"
    data = {"chief_title": "", "police_area": "Lokalpolisområde Norrköping"}
    assert client.post(url, data=data).status_code == 303
    assert officer.get(f"/review/observations/{theirs.id}.json").status_code == 404
    assert officer.get(f"/review/observations/{ours.id}.json").status_code == 200


def test_the_database_refuses_a_police_area_officer_of_one_municipality(db, kommuner):
    from sqlalchemy.exc import IntegrityError

    db.add(
        User(
            email="lpo@example.se",
            name="Lars",
            role=Role.POLICE_AREA,
            password_hash="x",
            municipality=kommuner["A"],
            police_area=kommuner["area"],
        )
    )
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()


def test_reads_from_outside_land_in_each_municipalitys_own_audit_log(
    client, login_as, make_user, login, kommuner, rows
):
    """A municipality's administrator sees every read of its participants' notes, also by the
    police area officer who stands above it: each entry is filed under the municipality read."""
    _officer(login_as, kommuner)
    observation_b = rows["B"]["observation"]
    assert client.get(f"/observations/{observation_b.id}").status_code == 200
    assert client.get(f"/review/observations/{observation_b.id}.json").status_code == 200
    assert client.get("/review/").status_code == 200
    assert client.get("/review/export.csv").status_code == 200
    client.post("/logout")

    login(make_user(Role.ADMIN, municipality=kommuner["B"], name="Bodil Admin"))
    page = client.get("/admin/privacy").get_data(as_text=True)
    assert page.count("Lars Lokalpolis") == 4
    assert f"observation {observation_b.id}" in page
    assert f"observations {observation_b.id}<" in page  # the list entry names only B's row
    assert "review list (1 observations)" in page
    assert "observations as csv (1 rows)" in page
    assert f"observations {rows['A']['observation'].id}<" not in page
    client.post("/logout")

    login(make_user(Role.ADMIN, municipality=kommuner["C"], name="Cecilia Admin"))
    assert "Lars Lokalpolis" not in client.get("/admin/privacy").get_data(as_text=True)


def test_the_whole_country_chooses_a_municipality_before_its_walks_are_listed(
    client, login_as, make_municipality, make_walk, make_observation
):
    """The national administrator's filters would list every walk in Sweden: past a handful of
    municipalities the lists wait for one to be chosen, and the observations are all still there."""
    walks = []
    for n in range(7):
        kommun = make_municipality(f"Kommun{n} kommun", slug=f"kommun-{n}")
        walk = make_walk(title=f"Kvällsvandring i Kommun{n}", municipality=kommun)
        make_observation(walk=walk, note=f"Mörkt vid skolan {n}.")
        walks.append(walk)
    login_as(Role.ADMIN, municipality=None)
    page = client.get("/review/").get_data(as_text=True)
    assert "Välj en kommun för att filtrera på ort, vandring" in page
    assert "Kvällsvandring i Kommun0 (" not in page  # no walk offered as a choice yet
    assert "Mörkt vid skolan 0." in page and "Mörkt vid skolan 6." in page
    chosen = walks[3]
    page = client.get(f"/review/?municipality={chosen.municipality_id}").get_data(as_text=True)
    assert "Kvällsvandring i Kommun3 (" in page
    assert "Kvällsvandring i Kommun4 (" not in page
    narrowed = client.get(f"/review/?municipality={chosen.municipality_id}&walk={chosen.id}")
    assert narrowed.status_code == 200
    assert "Mörkt vid skolan 3." in narrowed.get_data(as_text=True)
    # A walk without its municipality is not among the choices: a clear refusal, not everything.
    assert client.get(f"/review/?walk={chosen.id}").status_code == 400


def test_the_whole_country_chooses_a_municipality_before_its_organisations_are_listed(
    client, login_as, make_municipality, make_organisation
):
    kommuner = [make_municipality(f"Ort{n} kommun", slug=f"ort-{n}") for n in range(7)]
    for kommun in kommuner:
        make_organisation(name=f"Gatukontoret i {kommun.name}", municipality=kommun)
    login_as(Role.ADMIN, municipality=None)
    page = client.get("/actions/").get_data(as_text=True)
    assert "Välj en kommun för att filtrera på organisation." in page
    assert "Gatukontoret i Ort0 kommun (" not in page
    chosen = kommuner[2]
    page = client.get(f"/actions/?municipality={chosen.id}").get_data(as_text=True)
    assert "Gatukontoret i Ort2 kommun (" in page
    assert "Gatukontoret i Ort3 kommun (" not in page
