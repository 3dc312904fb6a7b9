"""The review map's assets (static/vendor) and its config; review.js builds the map with Leaflet.

No folium: it could only be used here through its private fields (element ids, asset lists) and
the globals its script declares, which a folium upgrade may change. The page links the vendored
Leaflet, markercluster and leaflet.heat files, and review.js builds the map, the empty cluster and
heat layers and the layer control from this config (the page's JSON, no inline script for the
CSP). Points are loaded as GeoJSON for the visible area, which keeps the page fast at tens of
thousands.
"""

from flask import url_for
from flask_babel import gettext as _

MAP_NAME = "map_review"  # the map's element id

# The page links them in this order (Leaflet first).
SCRIPTS = [
    "leaflet/leaflet.js",
    "leaflet.markercluster/leaflet.markercluster.js",
    "leaflet.heat/leaflet-heat.js",
]
STYLES = [
    "leaflet/leaflet.css",
    "leaflet.markercluster/MarkerCluster.css",
    "leaflet.markercluster/MarkerCluster.Default.css",
]


def asset_urls() -> tuple[list[str], list[str]]:
    """The scripts and stylesheets the review page links."""
    scripts = [url_for("static", filename=f"vendor/{path}") for path in SCRIPTS]
    styles = [url_for("static", filename=f"vendor/{path}") for path in STYLES]
    return scripts, styles


def review_map_config(center_lat: float, center_lon: float, zoom: int, tiles: dict) -> dict:
    """What review.js needs to build the map: its place, the tiles (walkapp.tiles.views.map_tiles),
    the options of the cluster and heat layers, and the layer control's names."""
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
        # Adds thousands of markers in slices so the page stays responsive while they load.
        "cluster": {"chunkedLoading": True, "showCoverageOnHover": False, "maxClusterRadius": 50},
        # Off until chosen in the layer control.
        "heat": {"minOpacity": 0.5, "maxZoom": 17, "radius": 20, "blur": 15},
        "layerNames": {
            "street": _("Street map"),
            "observations": _("Observations"),
            "heat": _("Heat map"),
        },
    }
