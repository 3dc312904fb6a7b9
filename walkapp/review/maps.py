"""The review map built by folium on the server, with our vendored assets and no inline script.

folium writes a whole HTML document with CDN links, inline styles and an inline script. We take
its parts instead: our page holds the map's <div> (with folium's id, MAP_NAME, and a label for
screen readers), its script is served from our own URL (the CSP allows no inline script), and
every asset URL points at static/vendor (the page links them from the constants below, without
building a map). Points are not folium objects: review.js loads them as GeoJSON for the visible
area into folium's empty cluster and heat layers, which keeps the page fast at tens of thousands.
"""

import folium
from flask import url_for
from flask_babel import gettext as _
from folium import plugins

MAP_NAME = "map_review"
CLUSTER_NAME = "marker_cluster_review"
HEAT_NAME = "heat_map_review"


# What each folium element loads, from static/vendor instead of folium's CDN defaults. The page
# links them in this order (Leaflet first); folium's own header is not used (its inline styles and
# scripts are refused by the CSP).
LEAFLET_JS = [("leaflet", "leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", "leaflet/leaflet.css")]
CLUSTER_JS = [("markercluster", "leaflet.markercluster/leaflet.markercluster.js")]
CLUSTER_CSS = [
    ("markercluster_css", "leaflet.markercluster/MarkerCluster.css"),
    ("markercluster_default_css", "leaflet.markercluster/MarkerCluster.Default.css"),
]
HEAT_JS = [("leaflet_heat", "leaflet.heat/leaflet-heat.js")]


def _vendor(assets: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, url_for("static", filename=f"vendor/{path}")) for name, path in assets]


def asset_urls() -> tuple[list[str], list[str]]:
    """The scripts and stylesheets the review page links, without building a map."""
    scripts = [url for _name, url in _vendor(LEAFLET_JS + CLUSTER_JS + HEAT_JS)]
    styles = [url for _name, url in _vendor(LEAFLET_CSS + CLUSTER_CSS)]
    return scripts, styles


def review_map_script(center_lat: float, center_lon: float, zoom: int, tiles: dict) -> str:
    """folium's script for the map: tiles (walkapp.tiles.views.map_tiles), the empty cluster and
    heat layers, the layer control."""
    m = folium.Map(location=[center_lat, center_lon], zoom_start=zoom, tiles=None)
    m._id = "review"
    m.default_js, m.default_css = _vendor(LEAFLET_JS), _vendor(LEAFLET_CSS)
    folium.TileLayer(
        tiles["tileUrl"],
        attr=tiles["tileAttribution"],
        name=_("Street map"),
        min_zoom=tiles["tileMinZoom"],
        max_zoom=19,
        max_native_zoom=tiles["tileMaxZoom"],
    ).add_to(m)

    cluster = plugins.MarkerCluster(
        name=_("Observations"),
        # Adds thousands of markers in slices so the page stays responsive while they load.
        chunkedLoading=True,
        showCoverageOnHover=False,
        maxClusterRadius=50,
    )
    cluster._id = "review"
    cluster.default_js, cluster.default_css = _vendor(CLUSTER_JS), _vendor(CLUSTER_CSS)
    cluster.add_to(m)

    heat = plugins.HeatMap([], name=_("Heat map"), show=False, radius=20, blur=15, max_zoom=17)
    heat._id = "review"
    heat.default_js = _vendor(HEAT_JS)
    heat.add_to(m)

    folium.LayerControl(collapsed=False).add_to(m)

    root = m.get_root()
    root.render()
    return root.script.render()
