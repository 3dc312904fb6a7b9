"""The planned route and stops, shared tracks without names, and the leader's live pins."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, func, select

from walkapp.auth.models import Role
from walkapp.errors import DomainError
from walkapp.events.models import Event, SubjectType
from walkapp.walks.models import Walk, WalkParticipant, WalkStatus, WalkTrackPoint
from walkapp.walks.route import route_line, route_stops
from walkapp.walks.services import set_walk_route


def _route(points=((17.03, 59.37), (17.031, 59.371)), stops=(("Torget", 17.03, 59.37),)):
    features = []
    if points:
        features.append(
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "LineString", "coordinates": [list(p) for p in points]},
            }
        )
    for name, lon, lat in stops:
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name},
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture
def active_walk(make_walk):
    return make_walk(
        status=WalkStatus.ACTIVE,
        join_code="ABC234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
    )


def _join(client, code="abc-234", name="Anna"):
    return client.post(
        f"/join/{code}", data={"display_name": name, "represents": "resident", "consent": "y"}
    )


# ---------- the planned route ----------


def test_the_leader_saves_a_route_with_stops_and_an_event_says_so(client, db, login_as, make_walk):
    login_as(Role.WALK_LEADER)
    walk = make_walk()
    response = client.post(f"/walks/{walk.id}/route", data={"route": json.dumps(_route())})
    assert response.status_code == 303
    db.refresh(walk)
    assert route_line(walk.route_geojson) == [(59.37, 17.03), (59.371, 17.031)]
    assert [stop.name for stop in route_stops(walk.route_geojson)] == ["Torget"]
    stored = json.loads(walk.route_geojson)
    assert stored["type"] == "FeatureCollection"
    notes = db.scalars(
        select(Event.internal_note).where(
            Event.subject_type == SubjectType.WALK, Event.subject_id == walk.id
        )
    ).all()
    assert "route: 2 points, 1 stops" in notes
    page = client.get(f"/walks/{walk.id}").get_data(as_text=True)
    assert 'id="route-map"' in page and "Torget" in page


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("{not json", "not valid GeoJSON"),
        (json.dumps({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}), "FeatureCollection"),
        (json.dumps(_route(points=((17.03, 95), (17.0, 59.0)))), "outside the map"),
        (json.dumps(_route(points=((17.03, 59.37),))), "at least two points"),
        (json.dumps(_route(points=[(17.0, 59.0)] * 501)), "more than 500 points"),
        (json.dumps(_route(stops=[("x", 17.0, 59.0)] * 31)), "at most 30 stops"),
        (json.dumps(_route(stops=[("x" * 81, 17.0, 59.0)])), "longer than 80"),
        (json.dumps(_route(stops=[("  ", 17.0, 59.0)])), "needs a name"),
        (json.dumps(_route(points=((True, 59.0), (17.0, 59.0)))), "pair of numbers"),
    ],
    ids=[
        "not-json",
        "bare-geometry",
        "latitude",
        "one-point",
        "too-many-points",
        "too-many-stops",
        "long-name",
        "no-name",
        "boolean",
    ],
)
def test_a_bad_route_is_refused_with_a_reason_and_nothing_is_stored(
    client, db, login_as, make_walk, route, message
):
    login_as(Role.WALK_LEADER)
    client.post("/language", data={"language": "en", "next": "/"})  # the reasons in English
    walk = make_walk(route_geojson=json.dumps(_route()))
    before = walk.route_geojson
    response = client.post(f"/walks/{walk.id}/route", data={"route": route})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.refresh(walk)
    assert walk.route_geojson == before


def test_the_service_rebuilds_the_route_from_checked_values_only(db, make_user, make_walk):
    leader = make_user(Role.WALK_LEADER)
    walk = make_walk()
    sneaky = _route()
    sneaky["features"][1]["properties"]["onclick"] = "<script>"
    sneaky["crs"] = {"type": "name"}
    set_walk_route(db, leader, walk, json.dumps(sneaky))
    assert "script" not in walk.route_geojson and "crs" not in walk.route_geojson
    set_walk_route(db, leader, walk, "")
    assert walk.route_geojson is None


def test_only_the_municipalitys_planners_draw_a_route(
    client, db, login_as, make_walk, other_municipality
):
    login_as(Role.WALK_LEADER, municipality=other_municipality)
    walk = make_walk()
    assert client.post(f"/walks/{walk.id}/route", data={"route": ""}).status_code == 404
    db.refresh(walk)


def test_a_published_protocols_route_no_longer_changes(db, make_user, make_walk):
    walk = make_walk(status=WalkStatus.FOLLOWED_UP)
    with pytest.raises(DomainError):
        set_walk_route(db, make_user(Role.SAFETY_CHIEF), walk, json.dumps(_route()))


def test_the_field_page_carries_the_route(client, db, active_walk):
    active_walk.route_geojson = json.dumps(_route())
    db.commit()
    _join(client)
    page = client.get(f"/field/{active_walk.id}").get_data(as_text=True)
    config = json.loads(page.split('id="field-config">')[1].split("</script>")[0])
    assert config["route"]["features"][0]["geometry"]["type"] == "LineString"
    assert config["trackUrl"].endswith(f"/api/walks/{active_walk.id}/track")
    assert config["liveUrl"] is None  # a participant gets no live view of the others
    assert "Stopp längs rutten" in page and 'id="share-track"' in page
    assert 'id="share-track" checked' not in page


def test_the_protocol_shows_the_route_the_stops_and_the_way_walked(client, db, make_walk):
    walk = make_walk(status=WalkStatus.CLOSED, route_geojson=json.dumps(_route()))
    start = walk.starts_at
    for key in ("a" * 32, "b" * 32):
        for i in range(3):
            db.add(
                WalkTrackPoint(
                    walk_id=walk.id,
                    track_key=key,
                    lat=59.37 + i * 0.001,
                    lon=17.03 + (i % 2) * 0.001,
                    accuracy_m=5,
                    recorded_at=start + timedelta(minutes=i),
                )
            )
    db.commit()
    page = client.get(f"/p/walks/{walk.public_token}").get_data(as_text=True)
    data = json.loads(page.split('id="walk-map-data">')[1].split("</script>")[0])
    assert data["route"] == [[59.37, 17.03], [59.371, 17.031]]
    assert data["stops"] == [{"name": "Torget", "lat": 59.37, "lon": 17.03}]
    assert len(data["walked"]) == 2 and all(len(line) == 3 for line in data["walked"])
    assert "a" * 32 not in page and "b" * 32 not in page
    pdf = client.get(f"/p/walks/{walk.public_token}/protocol.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_the_pdf_draws_a_feature_collection_route():
    from walkapp.protocol.pdf import _route_points

    walk = Walk(route_geojson=json.dumps(_route()))
    assert _route_points(walk) == [(59.37, 17.03), (59.371, 17.031)]
    legacy = Walk(route_geojson=json.dumps({"type": "LineString", "coordinates": [[1, 2], [3, 4]]}))
    assert _route_points(legacy) == [(2, 1), (4, 3)]


# ---------- shared tracks ----------


def _points(n=3, start=None):
    start = start or datetime.now(UTC) - timedelta(minutes=5)
    return [
        {
            "recorded_at": (start + timedelta(seconds=30 * i)).isoformat(),
            "lat": 59.37 + i * 0.0003,
            "lon": 17.03,
            "accuracy": 6,
        }
        for i in range(n)
    ]


def test_a_shared_track_is_stored_without_the_participant_and_a_retry_stores_it_once(
    client, db, active_walk
):
    _join(client)
    body = {"track_key": "0123456789abcdef0123456789abcdef", "points": _points()}
    first = client.post(f"/api/walks/{active_walk.id}/track", json=body)
    again = client.post(f"/api/walks/{active_walk.id}/track", json=body)
    assert first.status_code == again.status_code == 200
    rows = db.scalars(select(WalkTrackPoint)).all()
    assert len(rows) == 3
    assert {row.track_key for row in rows} == {body["track_key"]}
    participant_id = db.scalar(select(WalkParticipant.id))
    columns = set(WalkTrackPoint.__table__.columns.keys())
    assert not {"participant_id", "user_id", "author_id"} & columns
    assert all(str(participant_id) != row.track_key for row in rows)


def test_track_points_for_another_walk_are_404_and_without_joining_403(
    app, client, db, active_walk
):
    body = {"track_key": "0123456789abcdef", "points": _points()}
    assert client.post(f"/api/walks/{active_walk.id}/track", json=body).status_code == 403
    _join(client)
    assert client.post(f"/api/walks/{active_walk.id + 999}/track", json=body).status_code == 404
    assert db.scalar(select(func.count(WalkTrackPoint.id))) == 0


def test_a_closed_walk_takes_no_more_track(client, db, active_walk):
    _join(client)
    active_walk.status = WalkStatus.CLOSED
    active_walk.ends_at = datetime.now(UTC) - timedelta(minutes=10)
    db.commit()
    body = {"track_key": "0123456789abcdef", "points": _points()}
    response = client.post(f"/api/walks/{active_walk.id}/track", json=body)
    assert response.status_code == 422
    assert response.json["error"]["field"] == "walk"
    assert db.scalar(select(func.count(WalkTrackPoint.id))) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"track_key": "x", "points": _points()}, "track_key"),
        ({"track_key": "0123456789abcdef", "points": []}, "points"),
        ({"track_key": "0123456789abcdef", "points": [{"lat": 91}]}, "lat"),
        (
            {"track_key": "0123456789abcdef", "points": [{**_points(1)[0], "recorded_at": "x"}]},
            "recorded_at",
        ),
    ],
    ids=["key", "empty", "latitude", "time"],
)
def test_bad_track_points_are_refused_and_nothing_is_stored(client, db, active_walk, body, field):
    _join(client)
    response = client.post(f"/api/walks/{active_walk.id}/track", json=body)
    assert response.status_code == 422 and response.json["error"]["field"] == field
    assert db.scalar(select(func.count(WalkTrackPoint.id))) == 0


def test_the_leader_sees_the_walked_route_as_lines_without_keys(client, db, login_as, active_walk):
    for i in range(4):
        db.add(
            WalkTrackPoint(
                walk_id=active_walk.id,
                track_key="secretkey123",
                lat=59.37 + i * 0.001,
                lon=17.03,
                accuracy_m=5,
                recorded_at=datetime.now(UTC) + timedelta(seconds=i),
            )
        )
    db.commit()
    login_as(Role.WALK_LEADER)
    page = client.get(f"/walks/{active_walk.id}").get_data(as_text=True)
    data = json.loads(page.split('id="walk-map-data">')[1].split("</script>")[0])
    # Four points in a straight line are simplified to its two ends.
    assert data["walked"] == [[[59.37, 17.03], [59.373, 17.03]]]
    assert "secretkey123" not in page


# ---------- the leader's live view ----------


def test_the_live_pins_answer_304_until_a_pin_arrives_in_one_query(
    app, client, db, login_as, active_walk, make_observation
):
    make_observation(walk=active_walk, note="Namnet på grannen")
    login_as(Role.WALK_LEADER)
    first = client.get(f"/api/walks/{active_walk.id}/live")
    assert first.status_code == 200 and len(first.json) == 1
    assert "note" not in first.json[0] and "Namnet" not in first.get_data(as_text=True)
    etag = first.headers["ETag"]

    statements = []
    engine = app.extensions["walkapp.engine"]

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        unchanged = client.get(f"/api/walks/{active_walk.id}/live", headers={"If-None-Match": etag})
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert unchanged.status_code == 304 and unchanged.data == b""
    # The logged-in user, then one query for the walk and its observations' fingerprint.
    walk_queries = [s for s in statements if "observations" in s]
    assert len(walk_queries) == 1, statements
    assert len(statements) <= 3, statements

    make_observation(walk=active_walk, category_code="lighting_missing")
    changed = client.get(f"/api/walks/{active_walk.id}/live", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and len(changed.json) == 2
    assert changed.headers["ETag"] != etag


def test_participants_and_other_municipalities_get_no_live_view(
    client, login_as, active_walk, other_municipality
):
    _join(client)
    assert client.get(f"/api/walks/{active_walk.id}/live").status_code == 401
    login_as(Role.WALK_LEADER, municipality=other_municipality)
    assert client.get(f"/api/walks/{active_walk.id}/live").status_code == 404
    login_as(Role.HANDLER)
    assert client.get(f"/api/walks/{active_walk.id}/live").status_code == 403


def test_the_walk_page_polls_for_pins_while_the_walk_is_in_progress(
    client, login_as, active_walk, make_walk
):
    login_as(Role.WALK_LEADER)
    page = client.get(f"/walks/{active_walk.id}").get_data(as_text=True)
    data = json.loads(page.split('id="walk-map-data">')[1].split("</script>")[0])
    assert data["liveUrl"].endswith(f"/api/walks/{active_walk.id}/live")
    planned = client.get(f"/walks/{make_walk().id}").get_data(as_text=True)
    assert "/live" not in planned
