"""The chief's walk overview in a desktop browser: a map whose points match the list."""

import pytest
from playwright.sync_api import expect

from walkapp.demo_story import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def desktop(browser, live_server):
    _playwright, chromium = browser
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server)
    page = context.new_page()
    yield page
    context.close()


def test_the_walk_map_shows_each_observation_of_the_list(desktop):
    page = desktop
    page.goto("/login")
    page.get_by_label("E-postadress").fill("chef@strangnas.example")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_label("Lösenord").press("Enter")
    page.get_by_role("navigation").get_by_role("link", name="Vandringar").click()
    page.get_by_role("link", name="Trygghetsvandring Strängnäs centrum").click()
    rows = page.locator("table:has(th:text('Anteckning')) tbody tr")
    expect(rows).to_have_count(6)
    markers = page.locator("#walk-map path.leaflet-interactive")
    expect(markers).to_have_count(6)
    markers.first.click(force=True)
    popup_link = page.locator(".leaflet-popup-content a")
    expect(popup_link).to_be_visible()
    popup_link.click()
    expect(page.get_by_role("heading", name="Beslut")).to_be_visible()
