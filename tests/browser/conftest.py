"""A live walkapp with the demo story, and a phone-sized chromium page."""

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import empty_tables
from walkapp import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, chromium keeps trying to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def live_app(migrated, tmp_path_factory):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "browser-test-secret-key-long-enough-for-walkapp",
            "DATABASE_URL": migrated,
            "PHOTO_DIR": str(tmp_path_factory.mktemp("photos")),
            "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        }
    )
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    yield app
    empty_tables(app.extensions["walkapp.engine"])
    app.extensions["walkapp.engine"].dispose()


@pytest.fixture(scope="module")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield playwright, browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A page in a phone's viewport, with touch, in a fresh context (no cookies)."""
    playwright, chromium = browser
    device = dict(playwright.devices["Pixel 5"])
    device.pop("default_browser_type", None)
    context = chromium.new_context(**device, base_url=live_server, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_server):
    """A page in a desktop browser's viewport, in a fresh context."""
    _playwright, chromium = browser
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, email: str) -> None:
    """Log in through the login page as one of the demo accounts."""
    from walkapp.demo.story import DEMO_PASSWORD

    page.goto("/login")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_label("Lösenord").press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)


def make_active_walk(live_app, title: str = "Fältvandring"):
    """A walk in progress in Strängnäs with a join code of its own.

    `walk.session` is the test's own session, to read what the server holds; close it after.
    """
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import select

    from walkapp.places.models import Municipality
    from walkapp.walks.models import Walk, WalkStatus
    from walkapp.walks.services import new_join_code

    session = live_app.extensions["walkapp.sessionmaker"]()
    municipality = session.scalar(select(Municipality).where(Municipality.slug == "strangnas"))
    code = new_join_code(session)
    walk = Walk(
        municipality=municipality,
        kind="safety",
        title=f"{title} {code}",
        starts_at=datetime.now(UTC) - timedelta(minutes=30),
        status=WalkStatus.ACTIVE,
        join_code=code,
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
    )
    session.add(walk)
    session.commit()
    walk.session = session
    return walk


@pytest.fixture
def walk(live_app):
    """A fresh walk in progress with its own code, and a session to count what the server holds."""
    walk = make_active_walk(live_app)
    yield walk
    walk.session.close()
