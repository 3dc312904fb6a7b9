"""A deploy reaches the phone: a changed asset is used at the next load, old cache or not."""

import shutil

import pytest
from playwright.sync_api import expect

from walkapp import assets

pytestmark = pytest.mark.browser

FIX = {"latitude": 59.37445, "longitude": 17.0319, "accuracy": 8}
MARK = "getComputedStyle(document.documentElement).getPropertyValue('--deploy-mark').trim()"


@pytest.fixture
def static_copy(live_app, tmp_path):
    """This module's app serves a static folder the test changes, as a deploy would."""
    original = live_app.static_folder
    folder = tmp_path / "static"
    shutil.copytree(original, folder)
    live_app.static_folder = str(folder)
    assets.refresh(live_app)
    yield folder
    live_app.static_folder = original
    assets.refresh(live_app)


def _deploy(live_app, folder, mark: str) -> None:
    stylesheet = folder / "css" / "walkapp.css"
    stylesheet.write_text(stylesheet.read_text() + f"\n:root {{ --deploy-mark: {mark}; }}\n")
    assets.refresh(live_app)


def _ready(page) -> None:
    page.wait_for_selector(".leaflet-container")


def test_a_changed_stylesheet_reaches_the_phone_at_its_next_load(
    browser, live_server, live_app, static_copy, walk
):
    playwright, chromium = browser
    device = dict(playwright.devices["Pixel 5"])
    device.pop("default_browser_type", None)
    context = chromium.new_context(
        **device, base_url=live_server, locale="sv-SE", permissions=["geolocation"], geolocation=FIX
    )
    page = context.new_page()
    page.goto(f"/join/{walk.join_code}")
    page.get_by_label("Ditt namn på vandringen").fill("Anna")
    page.get_by_label("Du deltar som").select_option("resident")
    page.get_by_label("Jag godkänner").check()
    page.get_by_role("button", name="Delta i vandringen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(walk.title)
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("caches.match(location.pathname).then(Boolean)")
    page.reload()
    _ready(page)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    old_css = page.locator("link[rel=stylesheet][href*='/css/walkapp.']").get_attribute("href")
    old_caches = page.evaluate("caches.keys()")
    # The worker precached this build's stylesheet under its hashed name.
    assert page.evaluate(f"caches.match('{old_css}').then(Boolean)")
    assert page.evaluate(MARK) == ""

    _deploy(live_app, static_copy, "7")
    page.reload()
    _ready(page)
    new_css = page.locator("link[rel=stylesheet][href*='/css/walkapp.']").get_attribute("href")
    assert new_css != old_css
    assert page.evaluate(MARK) == "7"
    # The next worker (a new build in sw.js) takes over and removes the old build's shell.
    page.wait_for_function(
        "old => caches.keys().then(keys => keys.every(k => !old.includes(k)) && keys.some(k =>"
        " k.startsWith('walkapp-shell-')))",
        arg=old_caches,
    )

    # Offline, the page and the new stylesheet come from the new build's cache.
    context.set_offline(True)
    page.reload()
    _ready(page)
    assert page.evaluate(MARK) == "7"
    context.close()
