"""The review page: filters from the URL, the list, the map data, bad filters, and escaping."""

import json
import re
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from walkapp.auth.models import Role
from walkapp.walks.models import walk_commitments

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def _ids_in_list(page: str) -> set[int]:
    return {
        int(part.split('"', 1)[0])
        for part in page.split('data-observation-id="')[1:]
        if part.split('"', 1)[0].isdigit()
    }


def _map_ids(client, query: str = "") -> set[int]:
    """The observations the map draws one by one when zoomed in to the houses."""
    response = client.get(f"/review/map.json?zoom=19&{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert data["cells"] == [] and data["total"] == len(data["points"])
    return {point[0] for point in data["points"]}


@pytest.fixture
def story(db, make_walk, make_observation, make_locality, make_promise, other_municipality):
    """Observations that differ in one thing each, and one of another municipality."""
    mariefred = make_locality()
    promise = make_promise(commitments=[("Minst fyra trygghetsvandringar", "safety_walk", 4)])
    dark_walk = make_walk(title="Kvällsvandring", light_conditions="dark", locality=mariefred)
    db.execute(
        walk_commitments.insert().values(
            walk_id=dark_walk.id, commitment_id=promise.commitments[0].id
        )
    )
    db.commit()
    day_walk = make_walk(title="Dagvandring", light_conditions="daylight")
    foreign_walk = make_walk(title="Annan kommun", municipality=other_municipality)
    return {
        "lamp": make_observation(walk=dark_walk, category_code="lighting_missing", severity=3),
        "bush": make_observation(
            walk=day_walk,
            category_code="vegetation",
            recorded_at=datetime(2021, 10, 20, 12, tzinfo=UTC),
        ),
        "safe": make_observation(walk=day_walk, category_code="safe_place", polarity="positive"),
        "speed": make_observation(
            walk=day_walk, category_code="speeding", status="triaged", severity=1
        ),
        "foreign": make_observation(walk=foreign_walk),
        "walks": (dark_walk, day_walk),
        "locality": mariefred,
        "promise": promise,
    }


def test_the_chief_sees_every_observation_of_the_municipality_and_no_other(client, login_as, story):
    login_as(Role.SAFETY_CHIEF)
    response = client.get("/review/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    own = {story[key].id for key in ("lamp", "bush", "safe", "speed")}
    assert _ids_in_list(page) == own
    assert _map_ids(client) == own
    assert "4 iakttagelser matchar filtren." in page
    assert 'id="map_review"' in page and "js/review" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("group=E", {"speed"}),
        ("category=vegetation&category=speeding", {"bush", "speed"}),
        ("kind=positive", {"safe"}),
        ("status=triaged", {"speed"}),
        ("severity=3", {"lamp"}),
        ("severity=1&severity=3", {"lamp", "speed"}),
        ("light=dark", {"lamp"}),
        ("date_from=2021-10-20&date_to=2021-10-20", {"bush"}),
        ("date_to=2021-10-19", {"lamp", "safe", "speed"}),
    ],
)
def test_each_filter_narrows_the_list_and_the_map_alike(client, login_as, story, query, expected):
    login_as(Role.SAFETY_CHIEF)
    want = {story[key].id for key in expected}
    page = client.get(f"/review/?{query}").get_data(as_text=True)
    assert _ids_in_list(page) == want
    assert _map_ids(client, query) == want


def test_filters_by_walk_locality_promise_and_commitment(client, login_as, story):
    login_as(Role.SAFETY_CHIEF)
    dark_walk, day_walk = story["walks"]
    commitment = story["promise"].commitments[0]
    for query, expected in [
        (f"walk={day_walk.id}", {"bush", "safe", "speed"}),
        (f"locality={story['locality'].id}", {"lamp"}),
        (f"promise={story['promise'].id}", {"lamp"}),
        (f"commitment={commitment.id}", {"lamp"}),
    ]:
        want = {story[key].id for key in expected}
        assert _ids_in_list(client.get(f"/review/?{query}").get_data(as_text=True)) == want, query
        assert _map_ids(client, query) == want, query


def test_the_map_data_holds_only_the_visible_area(client, login_as, make_observation):
    login_as(Role.SAFETY_CHIEF)
    near = make_observation(lat=59.3745, lon=17.0319)
    far = make_observation(lat=59.2597, lon=17.2237)
    assert _map_ids(client, "bbox=17.0,59.3,17.1,59.4") == {near.id}
    assert _map_ids(client, "bbox=16.0,59.0,18.0,60.0") == {near.id, far.id}
    point = client.get("/review/map.json?zoom=17").get_json()["points"][0]
    assert point == [near.id, 59.3745, 17.0319, "received", "problem", "A"]


def test_the_list_is_sorted_and_paged_by_the_url(client, login_as, make_observation, make_walk):
    login_as(Role.SAFETY_CHIEF)
    walk = make_walk()
    made = [make_observation(walk=walk, severity=1 + i % 3) for i in range(55)]
    first = client.get("/review/").get_data(as_text=True)
    second = client.get("/review/?page=2").get_data(as_text=True)
    assert len(_ids_in_list(first)) == 50 and len(_ids_in_list(second)) == 5
    assert _ids_in_list(first) | _ids_in_list(second) == {o.id for o in made}
    assert "Sida 1 av 2" in first and 'rel="next"' in first
    by_severity = client.get("/review/?sort=severity&dir=asc").get_data(as_text=True)
    assert 'aria-sort="ascending"' in by_severity
    ordered = [int(p.split('"', 1)[0]) for p in by_severity.split('data-observation-id="')[1:]]
    severities = {o.id: o.severity for o in made}
    listed = [severities[i] for i in dict.fromkeys(ordered)]
    assert listed == sorted(listed)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("status=lost", "&#39;lost&#39; är inte ett giltigt val"),
        ("severity=9", "&#39;9&#39; är inte ett giltigt val"),
        ("walk=abc", "Vandring: Okänt val."),
        ("date_from=2021-10-20&date_to=2021-10-01", "Slutdatumet ligger före startdatumet."),
        ("date_from=yesterday", "Inte ett giltigt datum"),
        ("sort=password", "Sortering: Okänd sortering."),
        ("page=0", "Sida: Numret måste vara mellan 1 och 100000."),
        ("date_from=0001-01-01", "Ange ett datum mellan 1900 och 2999."),
        ("date_to=9999-12-31", "Ange ett datum mellan 1900 och 2999."),
    ],
)
def test_bad_filters_are_a_clear_400(client, login_as, story, query, message):
    login_as(Role.SAFETY_CHIEF)
    response = client.get(f"/review/?{query}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    data = client.get(f"/review/map.json?zoom=12&{query}")
    assert data.status_code == 400
    assert data.get_json()["error"] == "Filtren är inte giltiga."


@pytest.mark.parametrize("bbox", ["1,2,3", "a,b,c,d", "17.1,59.3,17.0,59.4", "0,-95,10,10"])
def test_a_bad_map_area_is_400(client, login_as, bbox):
    login_as(Role.SAFETY_CHIEF)
    response = client.get(f"/review/map.json?zoom=12&bbox={bbox}")
    assert response.status_code == 400
    assert response.get_json()["error"] == "Kartområdet är inte giltigt."


def test_another_municipality_is_not_a_filter_choice(client, login_as, story, other_municipality):
    login_as(Role.SAFETY_CHIEF)
    response = client.get(f"/review/?municipality={other_municipality.id}")
    assert response.status_code == 400
    assert client.get(f"/review/observations/{story['foreign'].id}.json").status_code == 404


def test_the_map_is_built_from_the_pages_config_with_our_own_assets(client, login_as, municipality):
    login_as(Role.SAFETY_CHIEF)
    # Static files carry a content hash in their names (walkapp/assets.py): compare without it.
    page = re.sub(r"\.[0-9a-f]{10}\.", ".", client.get("/review/").get_data(as_text=True))
    config = json.loads(page.split('id="review-config">', 1)[1].split("</script>", 1)[0])
    assert config["center"] == [municipality.center_lat, municipality.center_lon]
    assert config["zoom"] == municipality.default_zoom
    assert config["tiles"]["url"] and config["pointsZoom"] == 17
    assert config["polarities"] == ["problem", "proposal", "positive"]
    for asset in ("leaflet.js", "leaflet.css"):
        assert "/static/vendor/" in page and asset in page
    # leaflet.heat is fetched when the heat map is chosen, from our own files as well.
    assert config["heatScript"] == "/static/vendor/leaflet.heat/leaflet-heat.js"
    # The database counts the clusters: no clustering plugin is loaded.
    assert "markercluster" not in page.lower()
    assert "http" not in page.split("<body", 1)[0].replace("http-equiv", "")
    assert "cdn" not in page.lower() and "folium" not in page.lower()
    assert client.get("/review/map.js").status_code == 404  # no server-built script any more


@contextmanager
def counting_queries(app):
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    engine = app.extensions["walkapp.engine"]
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_queries_for_the_list_and_the_map_do_not_grow_with_the_observations(
    app, client, login_as, make_observation, make_walk
):
    login_as(Role.SAFETY_CHIEF)
    walks = [make_walk(title=f"Vandring {i}") for i in range(3)]

    def measure() -> tuple[int, int]:
        with counting_queries(app) as page_queries:
            assert client.get("/review/").status_code == 200
        with counting_queries(app) as data_queries:
            assert client.get("/review/map.json?zoom=12").status_code == 200
        return len(page_queries), len(data_queries)

    for walk in walks:
        make_observation(walk=walk)
    few = measure()
    for i in range(40):
        make_observation(walk=walks[i % 3], category_code="graffiti" if i % 2 else "vegetation")
    assert measure() == few


def test_hostile_notes_are_text_in_the_list_and_the_popup_data(client, login_as, make_observation):
    login_as(Role.SAFETY_CHIEF)
    observation = make_observation(note=HOSTILE)
    page = client.get("/review/").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    popup = client.get(f"/review/observations/{observation.id}.json")
    assert popup.get_json()["note"] == HOSTILE  # data, which review.js writes as text
    detail = client.get(f"/observations/{observation.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in detail and "&lt;script&gt;" in detail
    config = page.split('id="review-config">', 1)[1].split("</script>", 1)[0]
    assert json.loads(config)["mapName"] == "map_review"


def test_a_walk_leader_reviews_but_creates_no_actions(client, login_as, make_observation):
    login_as(Role.WALK_LEADER)
    make_observation()
    page = client.get("/review/").get_data(as_text=True)
    assert 'name="observation_ids"' not in page
    assert "Skapa åtgärd" not in page


def test_a_police_area_reviews_both_its_municipalities_in_the_list_and_on_the_map(
    client, login_as, db, story, make_municipality, make_walk, make_observation
):
    from walkapp.places.models import PoliceArea

    outside = make_municipality("Norrköpings kommun", center_lat=58.59, center_lon=16.19)
    elsewhere = make_observation(walk=make_walk(municipality=outside))
    area = PoliceArea(name="Lokalpolisområde Test")
    story["lamp"].municipality.police_area = area
    story["foreign"].municipality.police_area = area
    db.commit()
    login_as(Role.POLICE_AREA, police_area=area)
    ours = {o.id for k, o in story.items() if k in ("lamp", "bush", "safe", "speed", "foreign")}
    page = client.get("/review/").get_data(as_text=True)
    assert _ids_in_list(page) == ours and elsewhere.id not in _ids_in_list(page)
    assert _map_ids(client) == ours
    municipality_id = story["foreign"].municipality_id
    assert _map_ids(client, f"municipality={municipality_id}") == {story["foreign"].id}
    # Lists name each row's municipality; the chief's tools are not offered.
    assert "Söderköpings kommun" in page and 'name="observation_ids"' not in page
