"""Benchmark: what the field page costs a phone: bytes on a first and a repeat visit, an offline
reload, and the taps a quick capture takes; the same page without compression and hashed names
(the baseline) in the same run.

Bytes are counted where they leave the server (status line, headers and body of every response,
the service worker's own requests included), map tiles excluded. The first visit is a phone that
has never seen walkapp: it opens the join link, joins a demo walk and lands on the field page, in
Chromium on a 390x844 viewport, until the service worker has stored what it needs offline; the
join pages count, since no phone reaches the field page without them.

    python bench/field_load.py [--database-url URL]
"""

import argparse
import io
import logging
import os
import re
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FIX = {"latitude": 59.37445, "longitude": 17.0319, "accuracy": 8}
TILES = re.compile(r"^/tiles/|\.(pbf|mvt)$")


class ByteCounter:
    """WSGI middleware: the bytes of every response, by request path, while counting is on."""

    def __init__(self, app):
        self.app, self.lock, self.rows, self.on = app, threading.Lock(), [], False

    def __call__(self, environ, start_response):
        path, head = environ.get("PATH_INFO", ""), [0, ""]

        def start(status, headers, exc_info=None):
            head[1] = status.split()[0]
            head[0] = len(status) + 11 + sum(len(k) + len(v) + 4 for k, v in headers) + 2
            return start_response(status, headers, exc_info)

        body = 0
        for chunk in self.app(environ, start):
            body += len(chunk)
            yield chunk
        if self.on and not TILES.search(path):
            with self.lock:
                self.rows.append((f"{head[1]} {path}", head[0] + body))

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            rows, self.rows = self.rows, []
        return rows


def make_app(folder: str, database_url: str | None):
    os.environ.update(
        {
            "WALKAPP_INSTANCE_PATH": folder,
            "WALKAPP_SECRET_KEY": "bench-secret-key-long-enough-for-walkapp-0123",
            "WALKAPP_DATABASE_URL": database_url or f"sqlite:///{folder}/bench.sqlite3",
            "WALKAPP_PHOTO_DIR": f"{folder}/photos",
            "WALKAPP_RATELIMIT_ENABLED": "0",
            "WALKAPP_REQUEST_LOG": "0",
            # The demo's photos need no blur proposals here; a detector thread would outlive the
            # temporary folder it reads from.
            "WALKAPP_PHOTO_DETECTION": "off",
        }
    )
    from walkapp import create_app

    return create_app()


def prepare(app) -> str:
    """Migrate, seed the demo, and start a walk in the demo municipality; returns its code."""
    from sqlalchemy import select

    from walkapp.migrations.tool import upgrade
    from walkapp.places.models import Municipality
    from walkapp.walks.models import Walk, WalkStatus
    from walkapp.walks.services import new_join_code

    upgrade(app.extensions["walkapp.engine"])
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.extensions["walkapp.sessionmaker"]() as db:
        municipality = db.scalar(select(Municipality).where(Municipality.slug == "strangnas"))
        code = new_join_code(db)
        db.add(
            Walk(
                municipality=municipality,
                kind="safety",
                title="Kvällsvandring",
                starts_at=datetime.now(UTC) - timedelta(minutes=10),
                status=WalkStatus.ACTIVE,
                join_code=code,
                join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
            )
        )
        db.commit()
    return code


def as_baseline(app) -> None:
    """The delivery before issue 15: no compression, plain static names, a hand-named worker."""
    from flask import send_from_directory

    from walkapp import assets
    from walkapp.security import public

    app.url_default_functions[None].remove(assets.hashed_static_urls)
    app.after_request_funcs[None].remove(assets.compress_response)
    app.view_functions["static"] = app.send_static_file

    @public
    def service_worker():
        response = send_from_directory(app.static_folder, "js/sw.js", max_age=0)
        response.headers["Service-Worker-Allowed"] = "/"
        return response

    app.view_functions["field.service_worker"] = service_worker


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (40, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def _ready(page) -> None:
    page.wait_for_selector(".leaflet-container")
    page.get_by_role("button", name="+ Ny iakttagelse").wait_for()


def _settle(page) -> None:
    """Until the worker is installed and keeps the page, and its precache has ended."""
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("caches.match(location.pathname).then(Boolean)", timeout=15000)
    page.wait_for_timeout(1500)


def measure(browser, base: str, code: str, counter: ByteCounter) -> dict:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=3,
        base_url=base,
        locale="sv-SE",
        permissions=["geolocation"],
        geolocation=FIX,
    )
    page = context.new_page()
    counter.take()
    counter.on = True
    page.goto(f"/join/{code}")
    page.get_by_label("Ditt namn på vandringen").fill("Anna")
    page.get_by_label("Du deltar som").select_option("resident")
    page.get_by_label("Jag godkänner").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Delta i vandringen").click()
    field_url = page.url
    _ready(page)
    _settle(page)
    first = counter.take()
    # The repeat visit: the phone comes back to the page (the worker controls it now).
    page.goto("about:blank")
    page.goto(field_url)
    _ready(page)
    page.wait_for_timeout(1500)
    repeat = counter.take()
    counter.on = False
    context.set_offline(True)
    started = time.perf_counter()
    page.reload()
    _ready(page)
    offline_ms = (time.perf_counter() - started) * 1000
    context.set_offline(False)
    taps = quick_capture(page)
    context.close()
    return {
        "first_kb_gz": sum(size for _path, size in first) / 1000,
        "repeat_kb": sum(size for _path, size in repeat) / 1000,
        "offline_reload_ms": offline_ms,
        "taps_to_save": taps,
        "first": first,
        "repeat": repeat,
    }


def quick_capture(page) -> int | str:
    """Open the form, then count the taps: photo, category, save; the form must close."""
    page.get_by_role("button", name="+ Ny iakttagelse").click()
    page.locator("#position-text").filter(has_text="±").wait_for()
    taps = 0
    with page.expect_file_chooser() as chooser:
        page.locator("label[for=photo]").click()
        taps += 1
    chooser.value.set_files({"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": _photo()})
    page.locator("#category-field label.tile").first.click()
    taps += 1
    page.get_by_role("button", name="Spara", exact=True).click()
    taps += 1
    try:
        page.locator("#observation-form").wait_for(state="hidden", timeout=5000)
    except Exception:  # noqa: BLE001 - not saved in these taps: say so instead of a number
        return "not-saved"
    return taps


def serve(app):
    counter = ByteCounter(app.wsgi_app)
    app.wsgi_app = counter
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, counter


def line(name: str, result: dict) -> str:
    return (
        f"{name}: first_kb_gz={result['first_kb_gz']:.1f} repeat_kb={result['repeat_kb']:.1f} "
        f"offline_reload_ms={result['offline_reload_ms']:.0f} taps_to_save={result['taps_to_save']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp folder")
    parser.add_argument("--verbose", action="store_true", help="bytes per request, heaviest first")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder, args.database_url)
        code = prepare(app)
        baseline_app = make_app(folder, args.database_url)
        as_baseline(baseline_app)
        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            for name, flask_app in (("field_load", app), ("field_load_baseline", baseline_app)):
                server, counter = serve(flask_app)
                base = f"http://127.0.0.1:{server.server_port}"
                results[name] = measure(browser, base, code, counter)
                server.shutdown()
            browser.close()
        for name, result in results.items():
            if args.verbose:
                for visit in ("first", "repeat"):
                    for path, size in sorted(result[visit], key=lambda row: -row[1]):
                        print(f"  {name} {visit}: {size:7d} {path}")
        for name, result in results.items():
            print(line(name, result))


if __name__ == "__main__":
    main()
