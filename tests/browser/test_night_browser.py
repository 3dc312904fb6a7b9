"""The field page at night: dark colours from the phone or the switch, a dimmed map, and a screen
kept awake during the walk."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from walkapp.walks.models import WalkStatus

pytestmark = pytest.mark.browser

DARK_PAPER = "rgb(18, 18, 18)"
LIGHT_PAPER = "rgb(255, 255, 255)"
SHOTS = os.environ.get("NIGHT_SHOTS")  # a folder: screenshots to look at while developing

# Records whether <html> had its theme when <body> first appeared: nothing is drawn before that.
THEME_BEFORE_BODY = """
new MutationObserver((changes, observer) => {
  if (document.body) {
    window.__themeBeforeBody = document.documentElement.getAttribute("data-theme");
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""

# Headless chromium may refuse a real wake lock: count the requests and hand back a fake lock.
FAKE_WAKE_LOCK = """
window.__wakeRequests = [];
window.__wakeLocks = [];
const fakeWakeLock = {
  request: async (type) => {
    window.__wakeRequests.push(type);
    const lock = new EventTarget();
    lock.type = type;
    lock.released = false;
    lock.release = async () => {
      if (lock.released) return;
      lock.released = true;
      lock.dispatchEvent(new Event("release"));
    };
    window.__wakeLocks.push(lock);
    return lock;
  },
};
Object.defineProperty(Navigator.prototype, "wakeLock", {
  get: () => fakeWakeLock, configurable: true,
});
"""

NO_WAKE_LOCK = "delete Navigator.prototype.wakeLock;"

SET_VISIBILITY = """(state) => {
  Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
  Object.defineProperty(document, "hidden", {value: state === "hidden", configurable: true});
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def _context(browser, live_server, width=390, **options):
    _playwright, chromium = browser
    return chromium.new_context(
        base_url=live_server,
        locale="sv-SE",
        viewport={"width": width, "height": 800},
        is_mobile=True,
        has_touch=True,
        **options,
    )


def _join(page, walk):
    page.goto("/join")
    page.get_by_label("Vandringskod").fill(walk.join_code)
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_label("Ditt namn på vandringen").fill("Kim")
    page.get_by_label("Du deltar som").select_option("resident")
    page.get_by_label("Jag godkänner").check()
    page.get_by_role("button", name="Delta i vandringen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(walk.title)


def _background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_a_phone_set_to_dark_gets_dark_pages_from_the_first_paint(browser, live_server):
    context = _context(browser, live_server, color_scheme="dark")
    context.add_init_script(THEME_BEFORE_BODY)
    page = context.new_page()
    page.goto("/join")
    assert _background(page) == DARK_PAPER
    assert page.evaluate("window.__themeBeforeBody") == "auto"
    expect(page.get_by_role("radio", name="Som enheten")).to_be_checked()
    _shot(page, "join-dark")
    context.close()

    context = _context(browser, live_server, color_scheme="light")
    page = context.new_page()
    page.goto("/join")
    assert _background(page) == LIGHT_PAPER
    context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_the_switch_in_the_header_sets_night_by_keyboard_and_is_remembered(
    browser, live_server, walk, width
):
    context = _context(browser, live_server, width=width, color_scheme="light")
    context.add_init_script(THEME_BEFORE_BODY)
    page = context.new_page()
    _join(page, walk)
    switch = page.get_by_role("group", name="Färger")
    expect(switch).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shot(page, f"field-light-{width}")

    page.get_by_role("radio", name="Dag").focus()
    page.keyboard.press("ArrowRight")  # radios move with the arrow keys
    expect(page.get_by_role("radio", name="Natt")).to_be_checked()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert _background(page) == DARK_PAPER
    _shot(page, f"field-dark-{width}")

    page.reload()
    expect(page.get_by_role("radio", name="Natt")).to_be_checked()
    assert page.evaluate("window.__themeBeforeBody") == "dark"
    assert _background(page) == DARK_PAPER
    page.goto("/promises/")  # the whole app, not only the field page
    assert _background(page) == DARK_PAPER

    page.get_by_role("radio", name="Dag").check()
    assert _background(page) == LIGHT_PAPER
    assert page.evaluate("localStorage.getItem('walkapp-theme')") == "light"
    context.close()


def test_day_chosen_on_the_page_wins_over_a_dark_phone(browser, live_server):
    context = _context(browser, live_server, color_scheme="dark")
    page = context.new_page()
    page.goto("/")
    page.get_by_role("radio", name="Dag").check()
    assert _background(page) == LIGHT_PAPER
    page.reload()
    assert _background(page) == LIGHT_PAPER
    context.close()


def test_at_night_the_map_is_dimmed_but_not_its_pins(browser, live_server, walk):
    context = _context(browser, live_server, color_scheme="dark")
    page = context.new_page()
    _join(page, walk)
    page.wait_for_selector(".leaflet-tile-pane", state="attached")
    filters = page.evaluate(
        """() => Object.fromEntries(
            ["tile", "overlay", "marker", "tooltip"].map(pane => [pane,
              getComputedStyle(document.querySelector(`.leaflet-${pane}-pane`)).filter]))"""
    )
    assert "brightness(0.6)" in filters["tile"]
    assert filters["overlay"] == filters["marker"] == filters["tooltip"] == "none"

    page.get_by_role("radio", name="Dag").check()
    tiles = page.evaluate("getComputedStyle(document.querySelector('.leaflet-tile-pane')).filter")
    assert tiles == "none"
    context.close()


def test_the_screen_is_kept_awake_during_the_walk_and_again_after_the_page_comes_back(
    browser, live_server, walk
):
    context = _context(browser, live_server)
    context.add_init_script(FAKE_WAKE_LOCK)
    page = context.new_page()
    _join(page, walk)
    page.wait_for_function("() => window.__wakeRequests.length === 1")
    assert page.evaluate("window.__wakeRequests") == ["screen"]

    page.evaluate(SET_VISIBILITY, "hidden")  # another app in front: the lock is let go
    page.wait_for_function("() => window.__wakeLocks[0].released")
    page.evaluate(SET_VISIBILITY, "visible")
    page.wait_for_function("() => window.__wakeRequests.length === 2")
    assert page.evaluate("window.__wakeLocks[1].released") is False

    # The walk is closed: the page no longer keeps the screen awake.
    walk.status = WalkStatus.CLOSED
    walk.session.commit()
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__wakeRequests") == []
    context.close()


def test_a_browser_without_wake_lock_shows_the_field_page_without_errors(
    browser, live_server, walk
):
    context = _context(browser, live_server)
    context.add_init_script(NO_WAKE_LOCK)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _join(page, walk)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("'wakeLock' in navigator") is False
    page.evaluate(SET_VISIBILITY, "visible")
    assert errors == []
    context.close()


def test_the_switch_is_on_staff_pages_too(browser, live_server):
    context = _context(browser, live_server, width=1280, color_scheme="dark")
    page = context.new_page()
    log_in(page, "chef@strangnas.example")
    page.goto("/review/")
    expect(page.get_by_role("group", name="Färger")).to_be_visible()
    assert _background(page) == DARK_PAPER
    _shot(page, "review-dark")
    context.close()
