"""Benchmark: the review page and its map data for 10,000 observations against a naive folium map.

walkapp: the review page (filters, first page of the list), its map script (review.js, which builds
the map with the vendored Leaflet plugins) and the map data of the municipality's view at zoom 13
(the observations counted in grid cells by the database), each through the real app and database.
Naive baseline: one folium map with a Marker and a Popup per observation, rendered to HTML, as the
first version of a review map is usually written. Both run in the same process on the same
machine, so the ratio holds on a noisy one. What the browser makes of it: review_map_browser.py.
"""

import argparse
import gzip
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

import bulk
import folium
from sqlalchemy import select

from walkapp import create_app
from walkapp.migrations.tool import upgrade
from walkapp.observations.models import Observation

PASSWORD = "bench-password-2026"  # noqa: S105 - a throwaway database
EMAIL = "chef@bench.example"
CENTRE = bulk.CENTRE


def seed(app, count: int) -> None:
    frame = bulk.seed_frame(app, slug="strangnas", email=EMAIL, password=PASSWORD)
    bulk.add_observations(
        app.extensions["walkapp.engine"],
        frame,
        0,
        count,
        random.Random(2026),
        note=lambda n: f"Iakttagelse {n}: mörkt och buskigt vid gångvägen <{n}>",
    )


def walkapp_review(client) -> int:
    """One chief opening the review: page, map script, map data. Returns the gzipped bytes."""
    page = client.get("/review/")
    assert page.status_code == 200, page.status_code
    html = page.get_data()
    script_url = re.search(rb'src="(/static/js/review[^"]*\.js)"', html).group(1).decode()
    script = client.get(script_url)
    data = client.get("/review/map.json?bbox=16.5,59.0,17.5,59.8&zoom=13")
    assert script.status_code == 200 and data.status_code == 200
    return sum(len(gzip.compress(body, 6)) for body in (html, script.get_data(), data.get_data()))


def naive_review(points: list[tuple[float, float, str]]) -> int:
    m = folium.Map(location=CENTRE, zoom_start=13)
    for lat, lon, note in points:
        folium.Marker([lat, lon], popup=folium.Popup(note, parse_html=False)).add_to(m)
    html = m.get_root().render().encode()
    return len(gzip.compress(html, 6))


def median_ms(run, rounds: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        size = run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--observations", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--naive-rounds", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "TESTING": True,
                "WTF_CSRF_ENABLED": False,
                "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
                "PHOTO_DIR": str(Path(folder) / "photos"),
                "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
                "RATELIMIT_ENABLED": False,
            }
        )
        upgrade(app.extensions["walkapp.engine"])
        seed(app, args.observations)
        client = app.test_client()
        login = client.post("/login", data={"email": EMAIL, "password": PASSWORD})
        assert login.status_code == 302, login.status_code
        walkapp_review(client)  # warm: templates compiled, connection opened

        with app.extensions["walkapp.engine"].connect() as connection:
            points = connection.execute(
                select(Observation.lat, Observation.lon, Observation.note)
            ).all()

        walkapp_ms, walkapp_bytes = median_ms(lambda: walkapp_review(client), args.rounds)
        naive_ms, naive_bytes = median_ms(lambda: naive_review(points), args.naive_rounds)
        app.extensions["walkapp.engine"].dispose()

    print(f"observations={args.observations} naive_kb_gz={naive_bytes / 1024:.0f}")
    print(
        f"review_map: walkapp_ms={walkapp_ms:.0f} naive_ms={naive_ms:.0f} "
        f"ratio={walkapp_ms / naive_ms:.3f} walkapp_kb_gz={walkapp_bytes / 1024:.0f}"
    )


if __name__ == "__main__":
    main()
