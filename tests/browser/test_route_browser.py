"""The route drawn with the keyboard, and the leader's map that shows new pins without a reload."""

import json
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from walkapp.walks.models import Walk

pytestmark = pytest.mark.browser

FIX = {"latitude": 59.37445, "longitude": 17.0319, "accuracy": 8}


def test_a_route_and_a_stop_are_drawn_with_the_keyboard_and_saved(desktop, walk):
    page = desktop
    log_in(page, "ledare@strangnas.example")
    page.goto(f"/walks/{walk.id}")
    expect(page.locator("#route-map .leaflet-tile-pane")).to_be_attached()

    page.locator("#add-point").focus()
    page.keyboard.press("Enter")  # the new point's latitude field takes the focus
    page.locator("#add-point").focus()
    page.keyboard.press("Enter")
    latitude = page.locator("#route-points li").nth(1).locator("input").first
    expect(latitude).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("59,3712")  # a Swedish decimal comma
    page.locator("#add-stop").focus()
    page.keyboard.press("Enter")
    name = page.locator("#route-stops li input").first
    expect(name).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("Gångtunneln vid stationen")
    page.locator("#route-form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/walks/{walk.id}#route-heading")

    walk.session.expire_all()
    route = json.loads(walk.session.get(Walk, walk.id).route_geojson)
    line, stop = route["features"]
    assert len(line["geometry"]["coordinates"]) == 2
    assert line["geometry"]["coordinates"][1][1] == pytest.approx(59.3712)
    assert stop["properties"]["name"] == "Gångtunneln vid stationen"
    # The saved route is drawn again, in the lists as on the map.
    expect(page.locator("#route-stops li input").first).to_have_value("Gångtunneln vid stationen")
    expect(page.locator("#route-points li")).to_have_count(2)


def test_the_leader_sees_a_new_pin_without_reloading(browser, live_server, desktop, walk):
    leader = desktop
    log_in(leader, "ledare@strangnas.example")
    leader.goto(f"/walks/{walk.id}")
    expect(leader.locator("#walk-map")).to_have_attribute("data-live-pins", "0")
    leader.evaluate("window.notReloaded = true")

    playwright, chromium = browser
    device = dict(playwright.devices["Pixel 5"])
    device.pop("default_browser_type", None)
    context = chromium.new_context(
        **device, base_url=live_server, locale="sv-SE", permissions=["geolocation"], geolocation=FIX
    )
    try:
        phone = context.new_page()
        phone.goto(f"/join/{walk.join_code}")
        phone.get_by_label("Ditt namn på vandringen").fill("Anna")
        phone.get_by_label("Du deltar som").select_option("resident")
        phone.get_by_label("Jag godkänner").check()
        phone.get_by_role("button", name="Delta i vandringen").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text(walk.title)
        # The participant's phone saves an observation through the field API, as its outbox does.
        status = phone.evaluate(
            """async ([url, uuid]) => {
                const csrf = document.querySelector("[data-csrf]").dataset.csrf;
                const response = await fetch(url, {
                  method: "POST", credentials: "same-origin",
                  headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
                  body: JSON.stringify({client_uuid: uuid, lat: 59.3745, lon: 17.0319,
                    category: "lighting_missing", polarity: "problem",
                    recorded_at: new Date().toISOString()}),
                });
                return response.status;
            }""",
            [f"/api/walks/{walk.id}/observations", str(uuid.uuid4())],
        )
        assert status == 201
    finally:
        context.close()

    expect(leader.locator("#walk-map")).to_have_attribute("data-live-pins", "1", timeout=15_000)
    expect(leader.locator("#live-status")).to_contain_text("1")
    assert leader.evaluate("window.notReloaded") is True
