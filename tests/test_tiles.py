"""Map tiles: each municipality's source, walkapp's own tiles from MBTiles, the stored walk area."""

import io
import json
import re
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from walkapp.auth.models import Role
from walkapp.tiles.mbtiles import tile_path
from walkapp.tiles.services import tile_count, tile_xy
from walkapp.tiles.views import map_tiles
from walkapp.walks.models import WalkStatus

# Around Strängnäs (the test municipality's centre, 59.3772 N 17.0315 E).
AREA = (17.00, 59.36, 17.06, 59.39)


def tile_colour(z: int, x: int, y: int) -> tuple[int, int, int]:
    """Every tile has its own colour, so a test sees which tile it was given."""
    return (z * 10 % 256, x % 256, y % 256)


def make_mbtiles(path, bounds=AREA, zooms=(14, 15, 16), fmt="png") -> dict:
    """A small MBTiles file: one solid Pillow-made tile per (z, x, y) over the bounds, TMS rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
        "tile_data BLOB);"
        "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
    )
    west, south, east, north = bounds
    count = 0
    for z in zooms:
        x0, y0 = tile_xy(north, west, z)
        x1, y1 = tile_xy(south, east, z)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                buffer = io.BytesIO()
                image_format = {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}[fmt]
                Image.new("RGB", (256, 256), tile_colour(z, x, y)).save(buffer, image_format)
                connection.execute(
                    "INSERT INTO tiles VALUES (?, ?, ?, ?)",
                    (z, x, 2**z - 1 - y, buffer.getvalue()),
                )
                count += 1
    metadata = {
        "name": "test",
        "format": fmt,
        "bounds": ",".join(map(str, bounds)),
        "minzoom": str(min(zooms)),
        "maxzoom": str(max(zooms)),
        "attribution": '<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap</a>',
    }
    connection.executemany("INSERT INTO metadata VALUES (?, ?)", metadata.items())
    connection.commit()
    connection.close()
    return {"count": count, "zooms": zooms}


@pytest.fixture
def tile_dir(app, tmp_path):
    app.config["TILE_DIR"] = str(tmp_path / "tiles")
    return tmp_path / "tiles"


@pytest.fixture
def local_tiles(tile_dir, municipality, db):
    """The municipality uses walkapp's own tiles, from a generated file."""
    info = make_mbtiles(tile_dir / f"{municipality.slug}.mbtiles")
    municipality.tile_url = "local"
    db.commit()
    return info


def _centre_tile(z=15):
    return (z, *tile_xy(59.3772, 17.0315, z))


def _colour(response) -> tuple[int, int, int]:
    return Image.open(io.BytesIO(response.data)).convert("RGB").getpixel((128, 128))


# ----- the tile route ------------------------------------------------------------------------


def test_a_tile_is_served_from_the_file_with_the_rows_flipped_to_the_maps_numbering(
    client, local_tiles, municipality
):
    z, x, y = _centre_tile()
    response = client.get(f"/tiles/{municipality.slug}/{z}/{x}/{y}.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    # The tile at the map's (XYZ) row y, which the file holds at TMS row 2^z-1-y.
    assert _colour(response) == tile_colour(z, x, y)


def test_a_tile_the_file_does_not_have_is_not_found(client, local_tiles, municipality):
    z, x, y = _centre_tile()
    slug = municipality.slug
    assert client.get(f"/tiles/{slug}/{z}/{x + 500}/{y}.png").status_code == 404
    assert client.get(f"/tiles/{slug}/10/{x}/{y}.png").status_code == 404  # zoom not in the file
    assert client.get(f"/tiles/{slug}/{z}/{2**z}/{y}.png").status_code == 404  # off the world
    assert client.get(f"/tiles/{slug}/{z}/{x}/{y}.jpg").status_code == 404  # not its format
    assert client.get(f"/tiles/no-such-place/{z}/{x}/{y}.png").status_code == 404


def test_a_tile_has_an_etag_and_answers_304_when_unchanged(client, local_tiles, municipality):
    z, x, y = _centre_tile()
    url = f"/tiles/{municipality.slug}/{z}/{x}/{y}.png"
    first = client.get(url)
    assert first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert not again.data


def test_a_tile_at_its_versioned_address_is_cached_for_a_year(
    app, client, local_tiles, municipality
):
    with app.test_request_context():
        template = map_tiles(municipality)["tileUrl"]
    z, x, y = _centre_tile()
    url = template.format(z=z, x=x, y=y)
    assert url.startswith(f"/tiles/{municipality.slug}/{z}/{x}/{y}.png?v=")
    response = client.get(url)
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]
    assert "public" in response.headers["Cache-Control"]
    unversioned = client.get(url.split("?")[0])
    assert "immutable" not in unversioned.headers["Cache-Control"]


def test_tiles_are_public_for_the_map_of_a_public_protocol(client, local_tiles, municipality):
    z, x, y = _centre_tile()
    assert client.get(f"/tiles/{municipality.slug}/{z}/{x}/{y}.png").status_code == 200


@pytest.mark.parametrize(
    "slug", ["..", "%2E%2E", "..%2Fsecret", "%2E%2E%2Fsecret", "Secret", "a.b", "-x"]
)
def test_no_file_outside_the_tile_directory_can_be_reached_through_the_slug(client, tile_dir, slug):
    make_mbtiles(tile_dir.parent / "secret.mbtiles", zooms=(0,))
    make_mbtiles(tile_dir / "x.mbtiles", zooms=(0,))
    assert client.get(f"/tiles/{slug}/0/0/0.png").status_code == 404


def test_only_plain_slugs_name_a_tile_file(tmp_path):
    assert tile_path(str(tmp_path), "strangnas") == tmp_path / "strangnas.mbtiles"
    for slug in ("../secret", "a/b", "..", "", "Strangnas", "a\x00b", "x.mbtiles"):
        assert tile_path(str(tmp_path), slug) is None


def test_a_jpeg_file_serves_jpg_tiles(client, tile_dir, municipality):
    make_mbtiles(tile_dir / f"{municipality.slug}.mbtiles", fmt="jpg", zooms=(15,))
    z, x, y = _centre_tile()
    response = client.get(f"/tiles/{municipality.slug}/{z}/{x}/{y}.jpg")
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"


# ----- the administrator's settings ----------------------------------------------------------


def _save_map(client, municipality, **data):
    fields = {"tile_url": "", "tile_attribution": "", "tile_min_zoom": "", "tile_max_zoom": ""}
    fields.update({k: str(v) for k, v in data.items()})
    return client.post(f"/admin/maps/{municipality.id}", data=fields)


def test_the_administrator_sets_a_municipalitys_tile_source(client, db, login_as, municipality):
    login_as(Role.ADMIN)
    assert client.get("/admin/maps").status_code == 200
    assert client.get(f"/admin/maps/{municipality.id}").status_code == 200
    response = _save_map(
        client,
        municipality,
        tile_url="https://{s}.tiles.example.se/{z}/{x}/{y}.png",
        tile_attribution="© Lantmäteriet",
        tile_min_zoom=5,
        tile_max_zoom=18,
    )
    assert response.status_code == 303
    db.refresh(municipality)
    assert municipality.tile_url == "https://{s}.tiles.example.se/{z}/{x}/{y}.png"
    assert (municipality.tile_min_zoom, municipality.tile_max_zoom) == (5, 18)
    assert _save_map(client, municipality, tile_url="LOCAL").status_code == 303
    db.refresh(municipality)
    assert municipality.tile_url == "local"
    assert municipality.tile_min_zoom is None
    assert _save_map(client, municipality).status_code == 303  # all empty: the installation's
    db.refresh(municipality)
    assert municipality.tile_url is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"tile_url": "http://tiles.example.se/{z}/{x}/{y}.png"}, "https://"),
        ({"tile_url": "https://tiles.example.se/{z}/{x}.png"}, "{y}"),
        ({"tile_url": "https://tiles.example.se/tiles.png"}, "{z}"),
        ({"tile_url": "https://tiles.example.se; script-src *;/{z}/{x}/{y}.png"}, "host"),
        ({"tile_url": "https://'unsafe-inline'/{z}/{x}/{y}"}, "host"),
        ({"tile_url": "javascript:alert(1)//{z}{x}{y}"}, "https://"),
        ({"tile_min_zoom": 23}, "22"),
        ({"tile_max_zoom": -1}, "22"),
        ({"tile_min_zoom": 16, "tile_max_zoom": 12}, "lowest"),
        ({"tile_min_zoom": "many"}, ""),
    ],
)
def test_a_tile_source_a_map_cannot_use_is_refused_with_the_reason(
    client, db, login_as, municipality, data, message
):
    login_as(Role.ADMIN)
    response = _save_map(client, municipality, **data)
    assert response.status_code == 422
    db.refresh(municipality)
    assert municipality.tile_url is None
    assert municipality.tile_min_zoom is None
    assert municipality.tile_max_zoom is None


def test_the_refusal_says_what_is_wrong(client, login_as, municipality):
    login_as(Role.ADMIN)
    response = _save_map(client, municipality, tile_url="https://tiles.example.se/a.png")
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "{z}, {x}" in text or "{z}, {x} och {y}" in text


def test_another_municipalitys_map_is_not_found(client, login_as, other_municipality):
    login_as(Role.ADMIN)
    assert client.get(f"/admin/maps/{other_municipality.id}").status_code == 404
    response = _save_map(client, other_municipality, tile_url="local")
    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.WALK_LEADER, Role.SAFETY_CHIEF, Role.HANDLER])
def test_only_administrators_set_the_map(client, login_as, municipality, role):
    login_as(role)
    assert _save_map(client, municipality, tile_url="local").status_code == 403


# ----- every map uses the municipality's source, and the CSP allows exactly it -------------------


def _img_src(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return next(part for part in policy.split("; ") if part.startswith("img-src"))


def _map_data(response, element_id) -> dict:
    html = response.get_data(as_text=True)
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html)
    return json.loads(match.group(1))


def test_a_third_party_source_is_used_by_the_maps_and_allowed_by_the_csp(
    client, db, login_as, municipality, make_walk
):
    municipality.tile_url = "https://{s}.tiles.example.se/{z}/{x}/{y}.png"
    municipality.tile_attribution = "© Kartbolaget <b>AB</b>"
    db.commit()
    walk = make_walk(status=WalkStatus.ACTIVE)
    login_as(Role.WALK_LEADER)
    page = client.get(f"/walks/{walk.id}")
    assert "https://*.tiles.example.se" in _img_src(page)
    assert "tile.openstreetmap.org" not in _img_src(page)
    data = _map_data(page, "walk-map-data")
    assert data["tileUrl"] == municipality.tile_url
    assert data["tileAttribution"] == "© Kartbolaget AB"  # Leaflet writes it as HTML
    review = _map_data(client.get("/review/"), "review-config")
    assert review["tiles"]["url"] == municipality.tile_url


def test_a_protocols_map_uses_the_municipalitys_tiles(
    client, db, municipality, make_walk, make_observation
):
    municipality.tile_url = "https://tiles.example.se/{z}/{x}/{y}.png"
    db.commit()
    walk = make_walk(status=WalkStatus.CLOSED)
    make_observation(walk=walk)
    response = client.get(f"/p/walks/{walk.public_token}")
    assert response.status_code == 200
    assert "https://tiles.example.se" in _img_src(response)
    assert _map_data(response, "walk-map-data")["tileUrl"] == municipality.tile_url


def test_local_tiles_need_only_self_in_the_csp(client, login_as, local_tiles, make_walk):
    walk = make_walk(status=WalkStatus.ACTIVE)
    login_as(Role.WALK_LEADER)
    page = client.get(f"/walks/{walk.id}")
    assert _img_src(page) == "img-src 'self' data: blob:"
    data = _map_data(page, "walk-map-data")
    assert data["tileUrl"].startswith("/tiles/strangnas/{z}/{x}/{y}.png?v=")
    assert (data["tileMinZoom"], data["tileMaxZoom"]) == (14, 16)


def test_a_page_without_a_municipalitys_map_allows_the_installations_tile_host(client):
    assert "https://tile.openstreetmap.org" in _img_src(client.get("/"))


def test_local_without_a_file_falls_back_to_the_installations_tiles(
    client, db, login_as, tile_dir, municipality, make_walk
):
    municipality.tile_url = "local"
    db.commit()
    walk = make_walk(status=WalkStatus.ACTIVE)
    login_as(Role.WALK_LEADER)
    page = client.get(f"/walks/{walk.id}")
    assert _map_data(page, "walk-map-data")["tileUrl"].startswith("https://tile.openstreetmap")
    assert "https://tile.openstreetmap.org" in _img_src(page)


# ----- the field page: what the phone stores -------------------------------------------------


@pytest.fixture
def active_walk(make_walk):
    return make_walk(
        status=WalkStatus.ACTIVE,
        join_code="TIL234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
    )


def _field_config(client, walk) -> dict:
    client.post(
        "/join/til-234", data={"display_name": "Anna", "represents": "resident", "consent": "y"}
    )
    response = client.get(f"/field/{walk.id}")
    assert response.status_code == 200
    return _map_data(response, "field-config")


def test_with_local_tiles_the_field_page_plans_to_store_the_walk_area(
    client, local_tiles, active_walk
):
    config = _field_config(client, active_walk)
    plan = config["tiles"]
    assert plan["cache"] == f"walkapp-tiles-{active_walk.id}"
    assert plan["url"] == config["tileUrl"]
    assert (plan["minZoom"], plan["maxZoom"]) == (14, 16)
    west, south, east, north = plan["bounds"]
    assert west < 17.0315 < east and south < 59.3772 < north
    # The walk's area (±1 km), within the file: far fewer tiles than the file has.
    assert 0 < plan["count"] <= 1500
    assert plan["count"] == sum(tile_count(tuple(plan["bounds"]), z) for z in range(14, 17))
    assert plan["maxBytes"] == 30 * 1024 * 1024
    assert "{done}" in plan["messages"]["progress"] and "{total}" in plan["messages"]["progress"]


def test_the_stored_area_drops_the_highest_zooms_to_stay_within_the_tile_limit(
    app, client, local_tiles, active_walk
):
    app.config["TILE_PREFETCH_MAX_TILES"] = 30
    plan = _field_config(client, active_walk)["tiles"]
    assert plan["count"] <= 30
    assert plan["maxZoom"] < 16


def test_with_a_third_party_source_nothing_is_prefetched(client, db, municipality, active_walk):
    municipality.tile_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    db.commit()
    config = _field_config(client, active_walk)
    assert config["tiles"] is None
    assert config["tileUrl"] == municipality.tile_url


def test_the_stored_area_follows_the_walks_observations(
    client, local_tiles, active_walk, make_observation
):
    before = _field_config(client, active_walk)["tiles"]["bounds"]
    make_observation(walk=active_walk, lat=59.3650, lon=17.0100)
    after = _field_config(client, active_walk)["tiles"]["bounds"]
    assert after[0] < before[0] and after[1] < before[1]


def test_without_a_setting_a_municipality_uses_the_installations_source(app, municipality):
    with app.test_request_context():
        tiles = map_tiles(municipality)
    assert tiles["tileUrl"] == app.config["MAP_TILE_URL"]
    assert tiles["tileAttribution"] == "© OpenStreetMap contributors"
    assert (tiles["tileMinZoom"], tiles["tileMaxZoom"]) == (0, 19)
