"""The review map's assets (static/vendor) and its config; review.js builds the map with Leaflet.

No folium: it could only be used here through its private fields (element ids, asset lists) and
the globals its script declares, which a folium upgrade may change. The page links the vendored
Leaflet (review.js fetches leaflet.heat when the heat map is chosen), and review.js builds the
map, its layers and the layer control from this config (the page's JSON, no inline script for the
CSP). The observations come counted in grid cells for the visible area and zoom
(queries.map_cells), so what the page loads depends on the screen, not on the number of
observations, and no clustering runs in the browser.
"""

from flask import url_for
from flask_babel import gettext as _

from walkapp.review.grid import POINTS_ZOOM

MAP_NAME = "map_review"  # the map's element id

# The page preloads Leaflet, which review.js runs once it has asked for the map's data;
# leaflet.heat is fetched by review.js when the heat map is chosen.
SCRIPTS = ["leaflet/leaflet.js"]
STYLES = ["leaflet/leaflet.css"]
HEAT_SCRIPT = "leaflet.heat/leaflet-heat.js"


def asset_urls() -> tuple[list[str], list[str]]:
    """The scripts the review page preloads and the stylesheets it links."""
    scripts = [url_for("static", filename=f"vendor/{path}") for path in SCRIPTS]
    styles = [url_for("static", filename=f"vendor/{path}") for path in STYLES]
    return scripts, styles


def review_map_config(center_lat: float, center_lon: float, zoom: int, tiles: dict) -> dict:
    """What review.js needs to build the map: its place, the tiles (walkapp.tiles.views.map_tiles),
    the zoom from which observations come one by one, the heat layer's options and the layer
    control's names."""
    return {
        "mapName": MAP_NAME,
        "center": [center_lat, center_lon],
        "zoom": zoom,
        "tiles": {
            "url": tiles["tileUrl"],
            "attribution": tiles["tileAttribution"],
            "minZoom": tiles["tileMinZoom"],
            "maxZoom": 19,
            "maxNativeZoom": tiles["tileMaxZoom"],
        },
        "pointsZoom": POINTS_ZOOM,
        "leafletUrl": url_for("static", filename=f"vendor/{SCRIPTS[0]}"),
        "heatScript": url_for("static", filename=f"vendor/{HEAT_SCRIPT}"),
        # Off until chosen in the layer control. The cells carry their counts as weights;
        # review.js sets `max` from the heaviest cell of each answer.
        "heat": {"minOpacity": 0.5, "radius": 25, "blur": 15},
        "layerNames": {
            "street": _("Street map"),
            "observations": _("Observations"),
            "heat": _("Heat map"),
        },
    }
