"""The review map's data: observations counted in grid cells by the database, per zoom."""

import random
import uuid

import pytest
from sqlalchemy import insert, select

from walkapp.auth.models import Role
from walkapp.observations.models import Observation
from walkapp.review.grid import MAX_CELLS_ACROSS, WORLD, BBox, cell_size
from walkapp.walks.models import WalkParticipant

STRANGNAS = (59.3745, 17.0319)
MARIEFRED = (59.2597, 17.2237)
BOX = "bbox=16.5,59.0,17.5,59.6"


def _add(db, walk, count: int, centre, spread: float, seed: int = 1, **fields) -> None:
    """`count` observations of one walk around `centre`, in one statement."""
    rng = random.Random(seed)
    author = db.scalar(select(WalkParticipant.id).where(WalkParticipant.walk_id == walk.id))
    if author is None:
        participant = WalkParticipant(
            walk=walk, display_name="Anna", represents="resident", consent_given_at=walk.starts_at
        )
        db.add(participant)
        db.flush()
        author = participant.id
    rows = [
        {
            "municipality_id": walk.municipality_id,
            "walk_id": walk.id,
            "author_id": author,
            "client_uuid": uuid.UUID(int=rng.getrandbits(128)),
            "lat": centre[0] + rng.uniform(-spread, spread),
            "lon": centre[1] + rng.uniform(-spread, spread),
            "category_code": fields.get("category_code", "lighting_missing"),
            "polarity": fields.get("polarity", "problem"),
            "status": fields.get("status", "received"),
            "severity": 2,
            "note": "",
            "recorded_at": walk.starts_at,
        }
        for _ in range(count)
    ]
    db.execute(insert(Observation), rows)
    db.commit()


def _view(client, query: str) -> dict:
    response = client.get(f"/review/map.json?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def _counted(view: dict) -> int:
    return sum(cell[2] for cell in view["cells"]) + len(view["points"])


@pytest.fixture
def crowd(db, make_walk, other_municipality):
    """120 observations in Strängnäs, 30 in Mariefred (10 of them triaged), and 200 of another
    municipality at the very same places."""
    strangnas = make_walk(title="Strängnäs")
    mariefred = make_walk(title="Mariefred")
    _add(db, strangnas, 120, STRANGNAS, 0.01)
    _add(db, mariefred, 20, MARIEFRED, 0.005, seed=2)
    _add(db, mariefred, 10, MARIEFRED, 0.005, seed=3, status="triaged")
    foreign = make_walk(title="Annan kommun", municipality=other_municipality)
    _add(db, foreign, 100, STRANGNAS, 0.01, seed=4)
    _add(db, foreign, 100, MARIEFRED, 0.005, seed=5)
    return {"strangnas": strangnas, "mariefred": mariefred}


def test_the_cells_add_up_to_what_the_chief_may_see(client, login_as, crowd):
    login_as(Role.SAFETY_CHIEF)
    view = _view(client, f"zoom=11&{BOX}")
    assert view["zoom"] == 11
    # Another municipality's 200 observations lie in the same cells and are never counted.
    assert view["total"] == _counted(view) == 150
    assert 2 <= len(view["cells"]) <= 20
    # Each cell at the mean of its observations: in Strängnäs or Mariefred, never between.
    width, height = view["size"]
    assert width == pytest.approx(80 * 360 / (256 * 2**11)) and height < width
    for lat, lon, count in view["cells"]:
        assert count >= 2
        near = [abs(lat - c[0]) < 0.02 and abs(lon - c[1]) < 0.02 for c in (STRANGNAS, MARIEFRED)]
        assert any(near)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=triaged", 10),
        ("status=received", 140),
        ("walk={mariefred}", 30),
        ("kind=positive", 0),
    ],
)
def test_filters_hold_before_the_counting(client, login_as, crowd, query, expected):
    login_as(Role.SAFETY_CHIEF)
    query = query.format(mariefred=crowd["mariefred"].id)
    view = _view(client, f"zoom=11&{BOX}&{query}")
    assert view["total"] == _counted(view) == expected


def test_the_box_limits_what_is_counted(client, login_as, crowd):
    login_as(Role.SAFETY_CHIEF)
    around_mariefred = "bbox=17.2,59.24,17.25,59.28"
    assert _view(client, f"zoom=11&{around_mariefred}")["total"] == 30


def test_the_answer_depends_on_the_screen_not_the_number(client, login_as, db, make_walk):
    login_as(Role.SAFETY_CHIEF)
    walk = make_walk()
    _add(db, walk, 50, STRANGNAS, 0.02)
    few = client.get(f"/review/map.json?zoom=10&{BOX}")
    _add(db, walk, 2000, STRANGNAS, 0.02, seed=9)
    many = client.get(f"/review/map.json?zoom=10&{BOX}")
    assert many.get_json()["total"] == 2050
    # A 4 km square at zoom 10 touches at most 2 x 3 cells of 80 px: 2,050 observations come as
    # those cells, no larger an answer than 50 of them.
    assert len(many.get_json()["cells"]) <= 6 and many.get_json()["points"] == []
    assert len(many.data) < 600 and len(few.data) < 600


def test_zoomed_in_every_observation_comes_on_its_own(client, login_as, db, make_walk):
    login_as(Role.SAFETY_CHIEF)
    walk = make_walk()
    _add(db, walk, 40, STRANGNAS, 0.001, category_code="safe_place", polarity="positive")
    view = _view(client, "zoom=17&bbox=17.02,59.37,17.04,59.38")
    assert view["cells"] == [] and len(view["points"]) == view["total"] == 40
    ids = set(db.scalars(select(Observation.id).where(Observation.walk_id == walk.id)))
    assert {point[0] for point in view["points"]} == ids
    assert {tuple(point[3:]) for point in view["points"]} == {("received", "positive", "D")}
    # Further out the same observations are one cell the chief can click to zoom in.
    further = _view(client, "zoom=12&bbox=17.02,59.37,17.04,59.38")
    assert [cell[2] for cell in further["cells"]] == [40] and further["points"] == []


def test_a_lone_observation_is_a_point_at_any_zoom(client, login_as, make_observation):
    login_as(Role.SAFETY_CHIEF)
    lone = make_observation(lat=MARIEFRED[0], lon=MARIEFRED[1])
    view = _view(client, "zoom=5")
    assert view["cells"] == []
    assert view["points"] == [[lone.id, MARIEFRED[0], MARIEFRED[1], "received", "problem", "A"]]


@pytest.mark.parametrize(
    "query",
    ["", "zoom=", "zoom=-1", "zoom=abc", "zoom=23", "zoom=1.5", "zoom=12&bbox=0,0,0,0"],
)
def test_a_bad_zoom_is_a_clear_400(client, login_as, query):
    login_as(Role.SAFETY_CHIEF)
    response = client.get(f"/review/map.json?{query}")
    assert response.status_code == 400
    assert response.get_json()["error"] == "Kartområdet är inte giltigt."


@pytest.mark.parametrize("zoom", [0, 3, 9, 15, 22])
def test_a_box_far_larger_than_a_screen_gets_coarser_cells_not_more(zoom):
    for box in (WORLD, BBox(16.0, 59.0, 18.0, 60.0)):
        lon_size, lat_size = cell_size(zoom, box)
        across = max((box.east - box.west) / lon_size, (box.north - box.south) / lat_size)
        assert across <= MAX_CELLS_ACROSS


@pytest.mark.parametrize("zoom", [9, 13, 17, 22])
def test_a_screen_gets_cells_of_eighty_pixels(zoom):
    # The box review.js asks for: a 1366 x 768 screen with half a screen around it.
    degrees_per_pixel = 360 / (256 * 2**zoom)
    half_height = 768 * degrees_per_pixel * 0.51
    box = BBox(17.0, 59.3 - half_height, 17.0 + 2 * 1366 * degrees_per_pixel, 59.3 + half_height)
    lon_size, lat_size = cell_size(zoom, box)
    assert lon_size == pytest.approx(80 * degrees_per_pixel)
    # Square on the screen: Web Mercator stretches latitude by 1/cos(latitude) there.
    assert lat_size == pytest.approx(lon_size * 0.515, rel=0.01)
