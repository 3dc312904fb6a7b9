"""The field page's map with walkapp's own tiles: stored when a participant joins, shown offline."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import make_active_walk
from tests.test_tiles import make_mbtiles
from walkapp.places.models import Municipality

pytestmark = pytest.mark.browser

# The tiles that are in the phone's view and have an image: Leaflet's <img> elements whose box
# meets the map's box.
TILES_IN_VIEW = """() => {
  const map = document.getElementById("map").getBoundingClientRect();
  const tiles = [...document.querySelectorAll("#map img.leaflet-tile")].filter((img) => {
    const box = img.getBoundingClientRect();
    return box.right > map.left && box.left < map.right && box.bottom > map.top
      && box.top < map.bottom;
  });
  return { inView: tiles.length, loaded: tiles.filter((img) => img.complete
    && img.naturalWidth > 0).length };
}"""


@pytest.fixture
def local_walk(live_app, tmp_path):
    """A walk in progress in a municipality whose map is walkapp's own, from a generated file."""
    live_app.config["TILE_DIR"] = str(tmp_path / "tiles")
    session = live_app.extensions["walkapp.sessionmaker"]()
    municipality = session.scalar(select(Municipality).where(Municipality.slug == "strangnas"))
    lat, lon = municipality.center_lat, municipality.center_lon
    # The walk's area (±1 km) and a little more, at the field map's zoom and the one below.
    make_mbtiles(
        tmp_path / "tiles" / "strangnas.mbtiles",
        bounds=(lon - 0.04, lat - 0.02, lon + 0.04, lat + 0.02),
        zooms=(15, 16),
    )
    earlier = municipality.tile_url
    municipality.tile_url = "local"
    session.commit()
    walk = make_active_walk(live_app, "Kartvandring")
    yield walk
    walk.session.close()
    municipality.tile_url = earlier
    session.commit()
    session.close()


@pytest.fixture
def phone_context(browser, live_server):
    playwright, chromium = browser
    device = dict(playwright.devices["Pixel 5"])
    device.pop("default_browser_type", None)
    context = chromium.new_context(**device, base_url=live_server, locale="sv-SE")
    yield context
    context.close()


def test_a_participant_who_joins_gets_the_walk_areas_map_offline(phone_context, local_walk):
    page = phone_context.new_page()
    page.goto("/join")
    code = local_walk.join_code
    page.get_by_label("Vandringskod").fill(f"{code[:3]}-{code[3:]}".lower())
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_label("Ditt namn på vandringen").fill("Anna")
    page.get_by_label("Du deltar som").select_option("resident")
    page.get_by_label("Jag godkänner").check()
    page.get_by_role("button", name="Delta i vandringen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(local_walk.title, timeout=30_000)

    plan = page.evaluate("JSON.parse(document.getElementById('field-config').textContent).tiles")
    assert plan["cache"] == f"walkapp-tiles-{local_walk.id}"
    assert 20 < plan["count"] <= 1500
    # The progress is shown in a live region, and reaches the end.
    status = page.locator("#tile-status")
    expect(status).to_have_attribute("aria-live", "polite", timeout=30_000)
    expect(status).to_have_text(plan["messages"]["done"], timeout=30_000)
    stored = page.evaluate(
        "(name) => caches.open(name).then((cache) => cache.keys()).then((keys) => keys.length)",
        plan["cache"],
    )
    assert stored == plan["count"] + 1  # every tile of the plan, and the note that it is done
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")

    # Only what tiles.js stored may show the map: the browser's own HTTP cache is emptied.
    phone_context.new_cdp_session(page).send("Network.clearBrowserCache")
    phone_context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(local_walk.title)
    all_loaded = (
        f"(() => {{ const t = ({TILES_IN_VIEW})(); return t.inView && t.loaded === t.inView }})()"
    )
    page.wait_for_function(all_loaded, timeout=15_000)
    tiles = page.evaluate(TILES_IN_VIEW)
    assert tiles["inView"] >= 4
    assert tiles["loaded"] == tiles["inView"]
    # Stored already: offline, the page does not try to fetch the map again.
    expect(status).to_have_text(plan["messages"]["done"], timeout=30_000)
