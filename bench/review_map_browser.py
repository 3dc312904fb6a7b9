"""Benchmark: the review map drawn in Chromium for 10,000 and 100,000 observations, against
folium's FastMarkerCluster with the same points in the same browser.

walkapp: the safety chief opens /review/ (filters, list, the map; the map asks the server for the
observations of the view counted in grid cells). Baseline: folium's FastMarkerCluster, the
ordinary way to put many points on a Leaflet map, which sends every point in the page and clusters
them in the browser with Leaflet.markercluster. Both are served from a local server over HTTP with
gzip, the baseline with walkapp's own Leaflet and the vendored MarkerCluster 1.5.3
(bench/vendor/), to Debian's /usr/bin/chromium at 1366x768 in a fresh context (empty cache); every
host but 127.0.0.1 is unreachable, so neither gets map tiles. Timed: from navigation until a
cluster is drawn and the page answers script (its main thread is free to take the click); the
median of the rounds, walkapp and baseline taking turns. walkapp_kb_gz counts the bodies of every
response the page load needs (HTML, CSS, scripts, icons, map data) as sent with gzip.

The observations are written with bulk inserts into a temporary SQLite database, or the (empty,
scratch) database of --database-url; the larger count adds to the smaller.

    python bench/review_map_browser.py [--observations 10000 100000] [--rounds 3]
                                       [--database-url URL]
"""

import argparse
import gzip
import json
import logging
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import bulk  # noqa: E402 - bench/bulk.py, beside this file

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Tiles (and any CDN) unreachable for both pages: only the local servers answer.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1366, "height": 768}
PASSWORD = "bench-password-2026"  # noqa: S105 - a throwaway database
EMAIL = "chef@review-bench.example"
CENTRE = bulk.CENTRE
WALKAPP_READY = "() => { const c = document.querySelector('#map_review .map-cluster');"
WALKAPP_READY += " return !!c && c.getBoundingClientRect().width > 0; }"
BASELINE_READY = "() => { const c = document.querySelector('.marker-cluster');"
BASELINE_READY += " return !!c && c.getBoundingClientRect().width > 0; }"


class GzipCounter:
    """WSGI middleware: asks the app for gzip (whatever the browser offers) and counts the bytes
    of the bodies it sends while counting is on."""

    def __init__(self, app):
        self.app, self.lock, self.rows, self.on = app, threading.Lock(), [], False

    def __call__(self, environ, start_response):
        environ["HTTP_ACCEPT_ENCODING"] = "gzip"
        path, size = environ.get("PATH_INFO", ""), 0
        for chunk in self.app(environ, start_response):
            size += len(chunk)
            yield chunk
        if self.on:
            with self.lock:
                self.rows.append((path, size))

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            rows, self.rows = self.rows, []
        return rows


def make_app(folder: str, database_url: str | None):
    os.environ["WALKAPP_INSTANCE_PATH"] = folder
    from walkapp import create_app

    return create_app(
        {
            "SECRET_KEY": "bench-secret-key-long-enough-for-walkapp-0123",
            "DATABASE_URL": database_url or f"sqlite:///{folder}/bench.sqlite3",
            "PHOTO_DIR": f"{folder}/photos",
            "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
            "RATELIMIT_ENABLED": False,
            "REQUEST_LOG": False,
            "PHOTO_DETECTION": "off",
        }
    )


def seed_frame(app) -> dict:
    """A municipality, its safety chief, 20 walks with a participant each."""
    from walkapp.migrations.tool import upgrade

    upgrade(app.extensions["walkapp.engine"])
    return bulk.seed_frame(app, slug="review-bench", email=EMAIL, password=PASSWORD)


def add_observations(app, frame: dict, start: int, count: int) -> None:
    """Observations start .. start+count-1, each batch drawn from a seed of its own, so that the
    rows are the same whether the larger count is seeded at once or after the smaller."""
    engine = app.extensions["walkapp.engine"]
    end = start + count
    for first in range(start, end, bulk.BATCH):
        size = min(bulk.BATCH, end - first)
        bulk.add_observations(engine, frame, first, size, random.Random(first), accuracy_m=10.0)
    bulk.analyze(engine)


def baseline_files(app, frame: dict) -> dict[str, tuple[bytes, str]]:
    """folium's FastMarkerCluster page with every observation, and the files it links, gzipped."""
    import folium
    from folium.plugins import FastMarkerCluster
    from sqlalchemy import select

    from walkapp.observations.models import Observation

    with app.extensions["walkapp.engine"].connect() as connection:
        points = connection.execute(
            select(Observation.lat, Observation.lon).where(
                Observation.municipality_id == frame["municipality_id"]
            )
        ).all()
    m = folium.Map(location=CENTRE, zoom_start=13)
    # Only what FastMarkerCluster needs, from this server: no jQuery, Bootstrap or icon fonts.
    m.default_js = [("leaflet", "/vendor/leaflet/leaflet.js")]
    m.default_css = [("leaflet_css", "/vendor/leaflet/leaflet.css")]
    # Leaflet's own marker: the default callback's icons need Leaflet.awesome-markers as well.
    cluster = FastMarkerCluster(
        [[lat, lon] for lat, lon in points],
        callback="function (row) { return L.marker(new L.LatLng(row[0], row[1])); }",
    )
    cluster.default_js = [("markerclusterjs", "/mc/leaflet.markercluster.js")]
    cluster.default_css = [
        ("markerclustercss", "/mc/MarkerCluster.css"),
        ("markerclusterdefaultcss", "/mc/MarkerCluster.Default.css"),
    ]
    cluster.add_to(m)
    files = {"/": (m.get_root().render().encode(), "text/html; charset=utf-8")}
    sources = {
        "/vendor/leaflet/": ROOT / "static/vendor/leaflet",
        "/mc/": ROOT / "bench/vendor/leaflet.markercluster",
    }
    for prefix, folder in sources.items():
        for path in folder.rglob("*"):
            if path.is_file():
                kind = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}
                files[prefix + path.relative_to(folder).as_posix()] = (
                    path.read_bytes(),
                    kind.get(path.suffix, "application/octet-stream"),
                )
    return {url: (gzip.compress(body, 6), kind) for url, (body, kind) in files.items()}


def baseline_app(files: dict[str, tuple[bytes, str]]):
    def app(environ, start_response):
        found = files.get(environ.get("PATH_INFO", "/"))
        if found is None:
            start_response("404 Not Found", [("Content-Length", "0")])
            return [b""]
        body, kind = found
        start_response(
            "200 OK",
            [
                ("Content-Type", kind),
                ("Content-Encoding", "gzip"),
                ("Content-Length", str(len(body))),
            ],
        )
        return [body]

    return app


def serve(wsgi_app) -> tuple:
    server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def log_in(context, base: str) -> None:
    """The session cookie, by HTTP: the page's cache stays empty."""
    page = context.request.get(f"{base}/login").text()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    response = context.request.post(
        f"{base}/login",
        form={"csrf_token": token.group(1), "email": EMAIL, "password": PASSWORD},
        max_redirects=0,
    )
    assert response.status == 302, response.status


def measure_walkapp(browser, base: str, counter: GzipCounter) -> dict:
    context = browser.new_context(viewport=VIEWPORT, locale="sv-SE")
    log_in(context, base)
    page = context.new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/review/map.json" in r.url else None)
    counter.take()
    counter.on = True
    elapsed = _time_to_ready(page, f"{base}/review/", WALKAPP_READY)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # a second request, if the page made one, has been asked by now
    counter.on = False
    sent = counter.take()
    requests_on_opening = len(asked)
    # The cluster does what it shows: a click zooms in, with one more request.
    zoom = _hash_zoom(page)
    with page.expect_response(lambda r: "/review/map.json" in r.url):
        page.locator("#map_review .map-cluster").first.click()
    page.wait_for_timeout(500)
    zoomed_in = _hash_zoom(page) > zoom and len(asked) == requests_on_opening + 1
    context.close()
    return {
        "ms": elapsed,
        "kb_gz": sum(size for _path, size in sent) / 1024,
        "data_kb_gz": sum(size for path, size in sent if path == "/review/map.json") / 1024,
        "requests": requests_on_opening,
        "zoomed_in": zoomed_in,
    }


def _hash_zoom(page) -> int:
    return int(page.evaluate("() => /^#map=(\\d+)/.exec(location.hash)[1]"))


def measure_baseline(browser, base: str) -> float:
    context = browser.new_context(viewport=VIEWPORT, locale="sv-SE")
    elapsed = _time_to_ready(context.new_page(), f"{base}/", BASELINE_READY)
    context.close()
    return elapsed


def _time_to_ready(page, url: str, ready: str) -> float:
    """Milliseconds from navigation until a cluster is drawn and the page runs a script again."""
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(ready, polling="raf", timeout=120_000)
    page.evaluate("() => 0")  # answered once the main thread is free to take a click
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--observations", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp folder")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder, args.database_url)
        frame = seed_frame(app)
        counter = GzipCounter(app.wsgi_app)
        app.wsgi_app = counter
        server, base = serve(app)
        seeded = 0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            for count in sorted(args.observations):
                started = time.perf_counter()
                add_observations(app, frame, seeded, count - seeded)
                seeded = count
                files = baseline_files(app, frame)
                seed_s = time.perf_counter() - started
                baseline_server, baseline_base = serve(baseline_app(files))
                measure_walkapp(browser, base, counter)  # warm: templates, connections, caches
                measure_baseline(browser, baseline_base)
                walkapp, baseline = [], []
                for _ in range(args.rounds):
                    walkapp.append(measure_walkapp(browser, base, counter))
                    baseline.append(measure_baseline(browser, baseline_base))
                baseline_server.shutdown()
                walkapp_ms = statistics.median(r["ms"] for r in walkapp)
                baseline_ms = statistics.median(baseline)
                last = walkapp[-1]
                print(
                    f"review_map_browser_detail: observations={count} seed_s={seed_s:.1f} "
                    f"map_requests_on_opening={json.dumps([r['requests'] for r in walkapp])} "
                    f"cluster_click_zooms_in={all(r['zoomed_in'] for r in walkapp)} "
                    f"map_data_kb_gz={last['data_kb_gz']:.1f} "
                    f"baseline_kb_gz={sum(len(body) for body, _kind in files.values()) / 1024:.0f} "
                    f"walkapp_runs_ms={[round(r['ms']) for r in walkapp]} "
                    f"baseline_runs_ms={[round(ms) for ms in baseline]}",
                    flush=True,
                )
                print(
                    f"review_map_browser: observations={count} walkapp_ms={walkapp_ms:.0f} "
                    f"baseline_ms={baseline_ms:.0f} ratio={walkapp_ms / baseline_ms:.3f} "
                    f"walkapp_kb_gz={last['kb_gz']:.0f}",
                    flush=True,
                )
            browser.close()
        server.shutdown()
        app.extensions["walkapp.engine"].dispose()


if __name__ == "__main__":
    main()
