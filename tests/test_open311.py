"""Open311 GeoReport v2 in XML and JSON, API keys, and the GIS exports in SWEREF 99."""

import csv
import io
import json
import struct
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pyogrio
import pyogrio.raw
import pytest
from sqlalchemy import func, select

from tests.test_review import counting_queries
from walkapp.auth.models import Role
from walkapp.gis.writers import to_sweref
from walkapp.observations.models import Observation
from walkapp.open311.models import ApiKey

JURISDICTION = "strangnas.se"


@pytest.fixture(autouse=True)
def web_domain(municipality, db):
    municipality.web_domain = JURISDICTION
    db.commit()


def _get(client, path: str, fmt: str, **params):
    response = client.get(f"/open311/v2/{path}.{fmt}", query_string=params)
    if fmt == "json":
        assert response.mimetype == "application/json"
        return response, response.get_json()
    assert response.mimetype == "text/xml"
    return response, ET.fromstring(response.data)  # noqa: S314 - our own answer


def _rows(body, fmt: str) -> list[dict]:
    """JSON's top-level array, or XML's list of elements, as a list of flat dicts."""
    if fmt == "json":
        return body
    return [{child.tag: child.text for child in item} for item in body]


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_discovery_and_services(client, fmt):
    response, body = _get(client, "discovery", fmt)
    assert response.status_code == 200
    if fmt == "json":
        endpoint = body["endpoints"][0]
        assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert endpoint["formats"] == ["text/xml", "application/json"]
    else:
        assert body.tag == "discovery"
        assert body.find("endpoints/endpoint/formats/format").text == "text/xml"
    response, body = _get(client, "services", fmt, jurisdiction_id=JURISDICTION)
    services = {row["service_code"]: row for row in _rows(body, fmt)}
    assert len(services) == 24
    lighting = services["lighting_missing"]
    assert lighting["service_name"] == "Belysning saknas/trasig"
    assert str(lighting["metadata"]).lower() == "true" and lighting["type"] == "realtime"
    response, body = _get(client, "services/speeding", fmt, jurisdiction_id=JURISDICTION)
    if fmt == "json":
        assert body["service_code"] == "speeding"
        codes = [a["code"] for a in body["attributes"]]
        values = [v["key"] for v in body["attributes"][0]["values"]]
    else:
        assert body.tag == "service_definition"
        codes = [a.find("code").text for a in body.find("attributes")]
        values = [v.find("key").text for v in body.find("attributes/attribute/values")]
    assert codes == ["polarity", "severity"]
    assert values == ["problem", "proposal", "positive"]


@pytest.fixture
def reported(make_walk, make_observation, make_action, make_organisation, db):
    walk = make_walk(status="closed")
    fixed = make_observation(
        walk=walk,
        note="Kalle langar här",
        is_masked=True,
        public_note="[borttaget] här",
        note_approved_at=datetime.now(UTC),  # masked and approved by the chief
        status="fixed",
        received_at=datetime.now(UTC) - timedelta(days=3),
    )
    open_one = make_observation(
        walk=walk,
        category_code="speeding",
        status="action_planned",
        received_at=datetime.now(UTC) - timedelta(days=1),
    )
    make_action(
        observations=[open_one],
        organisation=make_organisation("Polisen Strängnäs", "police"),
        due_on=(datetime.now(UTC) + timedelta(days=5)).date(),
    )
    old = make_observation(walk=walk, received_at=datetime.now(UTC) - timedelta(days=120))
    hidden = make_observation(walk=make_walk(status="planned"))
    return {"fixed": fixed, "open": open_one, "old": old, "hidden": hidden}


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_requests_in_the_specs_shape_with_public_data_only(client, reported, fmt):
    response, body = _get(client, "requests", fmt, jurisdiction_id=JURISDICTION)
    assert response.status_code == 200
    if fmt == "xml":
        assert body.tag == "service_requests"
    rows = {int(row["service_request_id"]): row for row in _rows(body, fmt)}
    # The last 90 days by default; a walk that has not started is not public.
    assert set(rows) == {reported["fixed"].id, reported["open"].id}
    fixed = rows[reported["fixed"].id]
    assert fixed["status"] == "closed" and fixed["status_notes"].startswith("Åtgärdad")
    assert fixed["description"] == "[borttaget] här"
    assert "Kalle" not in response.get_data(as_text=True)
    assert fixed["service_code"] == "lighting_missing"
    assert fixed["requested_datetime"].endswith("Z")
    assert float(fixed["lat"]) == pytest.approx(59.3745)
    assert float(fixed["long"]) == pytest.approx(17.0319)
    opened = rows[reported["open"].id]
    assert opened["status"] == "open" and opened["agency_responsible"] == "Polisen Strängnäs"
    assert opened["expected_datetime"].endswith("T00:00:00Z")
    _response, body = _get(
        client,
        "requests",
        fmt,
        jurisdiction_id=JURISDICTION,
        status="open",
        service_code="speeding",
    )
    assert [int(r["service_request_id"]) for r in _rows(body, fmt)] == [reported["open"].id]
    _response, body = _get(
        client, f"requests/{reported['fixed'].id}", fmt, jurisdiction_id=JURISDICTION
    )
    assert [r["service_request_id"] for r in _rows(body, fmt)] == [str(reported["fixed"].id)]
    start = (datetime.now(UTC) - timedelta(days=130)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (datetime.now(UTC) - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _response, body = _get(
        client, "requests", fmt, jurisdiction_id=JURISDICTION, start_date=start, end_date=end
    )
    assert [int(r["service_request_id"]) for r in _rows(body, fmt)] == [reported["old"].id]


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("requests", {"jurisdiction_id": "nowhere.se"}, 404),
        ("requests", {}, 400),
        ("services/no_such_service", {"jurisdiction_id": JURISDICTION}, 404),
        (
            "requests",
            {
                "jurisdiction_id": JURISDICTION,
                "start_date": "2026-01-01T00:00:00Z",
                "end_date": "2026-06-01T00:00:00Z",
            },
            400,
        ),
        ("requests", {"jurisdiction_id": JURISDICTION, "page": "99"}, 404),
        ("requests", {"jurisdiction_id": JURISDICTION, "page_size": "5000"}, 400),
        ("requests", {"jurisdiction_id": JURISDICTION, "status": "maybe"}, 400),
        ("requests/abc", {"jurisdiction_id": JURISDICTION}, 404),
        ("tokens/not-a-token", {}, 404),
        ("requests", {"jurisdiction_id": JURISDICTION, "end_date": "0001-01-05T00:00:00Z"}, 400),
        ("requests", {"jurisdiction_id": "strangnas\x00.se"}, 400),
    ],
)
def test_errors_in_the_specs_shape(client, reported, fmt, path, params, status):
    response, body = _get(client, path, fmt, **params)
    assert response.status_code == status
    errors = _rows(body, fmt)
    assert int(errors[0]["code"]) == status and errors[0]["description"]
    if fmt == "xml":
        assert body.tag == "errors"


def test_an_unknown_format_is_refused(client):
    response = client.get("/open311/v2/services.yaml?jurisdiction_id=strangnas.se")
    assert response.status_code == 400
    assert response.get_json()[0]["code"] == 400


@pytest.fixture
def api_key(app, client, login_as, municipality, db):
    login_as(Role.ADMIN)
    response = client.post(
        "/admin/api-keys/", data={"name": "FixaMinGata", "municipality_id": municipality.id}
    )
    assert response.status_code == 201
    page = response.get_data(as_text=True)
    key = page.split('<code class="api-key">', 1)[1].split("<", 1)[0]
    stored = db.scalars(select(ApiKey)).one()
    assert key not in (stored.key_hash, stored.prefix) and key.startswith(stored.prefix)
    assert key not in client.get("/admin/api-keys/").get_data(as_text=True)  # shown once
    client.post("/logout")
    return key


def _post(client, fmt, **form):
    data = {
        "jurisdiction_id": JURISDICTION,
        "service_code": "lighting_missing",
        "lat": "59.3745",
        "long": "17.0319",
        "description": "Lampan är trasig vid gångtunneln.",
        "attribute[severity]": "3",
    }
    data.update(form)
    return client.post(f"/open311/v2/requests.{fmt}", data=data)


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_a_report_with_a_key_lands_in_the_inbox(client, api_key, db, fmt):
    response = _post(client, fmt, api_key=api_key)
    assert response.status_code == 201
    if fmt == "json":
        created = response.get_json()[0]
    else:
        created = {c.tag: c.text for c in ET.fromstring(response.data)[0]}  # noqa: S314
    observation = db.get(Observation, int(created["service_request_id"]))
    assert (observation.walk_id, observation.author_id, observation.status) == (
        None,
        None,
        "received",
    )
    assert observation.severity == 3 and observation.location_source == "map"
    token = client.get(f"/open311/v2/tokens/{created['token']}.json").get_json()
    assert token == [
        {"service_request_id": created["service_request_id"], "token": created["token"]}
    ]
    assert db.scalars(select(ApiKey)).one().last_used_at is not None


def test_reports_without_a_good_key_are_refused(client, api_key, db, make_municipality):
    assert _post(client, "json").status_code == 403
    assert _post(client, "json", api_key="wk_guess").status_code == 403
    other = make_municipality(name="Söderköpings kommun", slug="soderkoping")
    other.web_domain = "soderkoping.se"
    db.commit()
    response = _post(client, "json", api_key=api_key, jurisdiction_id="soderkoping.se")
    assert response.status_code == 403
    assert response.get_json()[0]["code"] == 403
    assert _post(client, "xml", api_key=api_key, lat="").status_code == 400
    assert _post(client, "json", api_key=api_key, service_code="ufo").status_code == 404
    assert db.scalar(select(func.count(Observation.id))) == 0


def test_a_revoked_key_is_refused(client, login_as, api_key, db):
    login_as(Role.ADMIN)
    key_id = db.scalars(select(ApiKey)).one().id
    assert client.post(f"/admin/api-keys/{key_id}/revoke").status_code == 303
    assert _post(client, "json", api_key=api_key).status_code == 403
    assert db.scalar(select(func.count(Observation.id))) == 0


def test_sweref99_coordinates_match_the_projections_definition():
    """Published values of the projections: a point on the central meridian lies at the false
    easting (SWEREF 99 TM: 15°E, E 500 000; SWEREF 99 16 30: 16°30'E, E 150 000), and the
    equator at N 0."""
    north, east = to_sweref(59.3745, 15.0)
    assert east == pytest.approx(500_000, abs=0.001)
    assert to_sweref(0.0, 15.0) == pytest.approx((0.0, 500_000), abs=0.001)
    north_local, east_local = to_sweref(59.3745, 16.5, 3010)
    assert east_local == pytest.approx(150_000, abs=0.001)
    # Strängnäs (FACTS.md): about 6 583 000 N and 615 000 E in SWEREF 99 TM.
    north, east = to_sweref(59.3745, 17.0319)
    assert 6_580_000 < north < 6_590_000 and 610_000 < east < 620_000


def test_the_exports_hold_the_same_features(
    client, login_as, make_observation, tmp_path, municipality, db
):
    municipality.local_epsg = 3010  # SWEREF 99 16 30, Strängnäs's local zone
    db.commit()
    login_as(Role.SAFETY_CHIEF)
    made = [
        make_observation(lat=59.3745, lon=17.0319, note="Lampa"),
        make_observation(lat=59.2597, lon=17.2237, category_code="graffiti", note="Klotter"),
    ]
    geojson = client.get("/review/export.geojson?status=received")
    assert geojson.mimetype == "application/geo+json"
    collection = json.loads(geojson.data)
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == {o.id for o in made}
    assert features[made[0].id]["geometry"]["coordinates"] == [17.0319, 59.3745]

    # A Swedish user's CSV: ";" between cells and a decimal comma, as Swedish Excel reads it.
    text = client.get("/review/export.csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    by_id = {int(row["id"]): row for row in rows}

    def number(name):
        return float(by_id[made[0].id][name].replace(",", "."))

    north, east = to_sweref(59.3745, 17.0319)
    assert number("sweref99tm_n") == pytest.approx(north, abs=0.01)
    assert number("sweref99tm_e") == pytest.approx(east, abs=0.01)
    local_n, local_e = to_sweref(59.3745, 17.0319, 3010)
    assert number("epsg3010_n") == pytest.approx(local_n, abs=0.01)
    assert number("epsg3010_e") == pytest.approx(local_e, abs=0.01)

    path = tmp_path / "observations.gpkg"
    path.write_bytes(client.get("/review/export.gpkg").data)
    info = pyogrio.read_info(path)
    assert info["crs"] == "EPSG:3010" and info["geometry_type"] == "Point"
    meta, fids, geometry, fields = pyogrio.raw.read(path, return_fids=True)
    names = list(meta["fields"])
    assert sorted(int(fid) for fid in fids) == sorted(features)
    for fid, wkb, *values in zip(fids, geometry, *fields, strict=True):
        props = dict(zip(names, values, strict=True))
        expected = features[int(fid)]
        assert props["category_code"] == expected["properties"]["category_code"]
        assert props["note"] == expected["properties"]["note"]
        _order, _kind, x, y = struct.unpack("<BIdd", wkb[:21])
        lon, lat = expected["geometry"]["coordinates"]
        assert (y, x) == pytest.approx(to_sweref(lat, lon, 3010), abs=0.01)


def test_a_json_body_is_refused_in_the_specs_shape(client):
    response = client.post("/open311/v2/requests.xml", json={"api_key": "x"})
    assert response.status_code == 400 and response.mimetype == "text/xml"
    assert ET.fromstring(response.data).find("error/code").text == "400"  # noqa: S314


def test_queries_for_requests_do_not_grow_with_the_rows(app, client, make_walk, make_observation):
    walks = [make_walk(title=f"Vandring {n}", status="closed") for n in range(3)]

    def count() -> int:
        with counting_queries(app) as statements:
            response = client.get(
                "/open311/v2/requests.json", query_string={"jurisdiction_id": JURISDICTION}
            )
            assert response.status_code == 200
        return len(statements)

    make_observation(walk=walks[0])
    few = count()
    for n in range(12):
        make_observation(walk=walks[n % 3])
    assert count() == few


def test_a_report_naming_a_man_on_a_landline_is_held_for_review(client, api_key, municipality, db):
    """The issue's miss: a name with no surname ending, a Stockholm landline, a house number."""
    municipality.auto_publish_clean_notes = True  # even where clean notes publish themselves
    db.commit()
    note = "Ring Bosse på 08-123 45 67, han bor på Ringvägen 14"
    response = _post(client, "json", api_key=api_key, description=note)
    assert response.status_code == 201
    observation = db.get(Observation, int(response.get_json()[0]["service_request_id"]))
    assert observation.is_flagged and observation.note_approved_at is None
    listed = client.get(
        f"/open311/v2/requests/{observation.id}.json",
        query_string={"jurisdiction_id": JURISDICTION},
    )
    assert "Bosse" not in listed.get_data(as_text=True)
