"""The review map built by folium on the server, with our vendored assets and no inline script.

folium writes a whole HTML document with CDN links, inline styles and an inline script. We take
its parts instead: our page holds the map's <div> (with folium's id, MAP_NAME, and a label for
screen readers), its script is served from our own URL (the CSP allows no inline script), and
every asset URL points at static/vendor. Points are not
folium objects: review.js loads them as GeoJSON for the visible area into folium's empty
cluster and heat layers, which is what keeps the page fast at tens of thousands.
"""

from dataclasses import dataclass

import folium
from branca.element import Element
from flask import current_app, url_for
from flask_babel import gettext as _
from folium import plugins

MAP_NAME = "map_review"
CLUSTER_NAME = "marker_cluster_review"
HEAT_NAME = "heat_map_review"


@dataclass(frozen=True)
class MapParts:
    script: str
    js_urls: list[str]
    css_urls: list[str]


def _vendor(path: str) -> str:
    return url_for("static", filename=f"vendor/{path}")


def _walk(element: Element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


def build_review_map(center_lat: float, center_lon: float, zoom: int) -> MapParts:
    config = current_app.config
    m = folium.Map(location=[center_lat, center_lon], zoom_start=zoom, tiles=None)
    m._id = "review"
    m.default_js = [("leaflet", _vendor("leaflet/leaflet.js"))]
    m.default_css = [("leaflet_css", _vendor("leaflet/leaflet.css"))]
    folium.TileLayer(
        config["MAP_TILE_URL"],
        attr=config["MAP_TILE_ATTRIBUTION"],
        name=_("Street map"),
        max_zoom=19,
    ).add_to(m)

    cluster = plugins.MarkerCluster(
        name=_("Observations"),
        # Adds thousands of markers in slices so the page stays responsive while they load.
        chunkedLoading=True,
        showCoverageOnHover=False,
        maxClusterRadius=50,
    )
    cluster._id = "review"
    cluster.default_js = [
        ("markercluster", _vendor("leaflet.markercluster/leaflet.markercluster.js"))
    ]
    cluster.default_css = [
        ("markercluster_css", _vendor("leaflet.markercluster/MarkerCluster.css")),
        ("markercluster_default_css", _vendor("leaflet.markercluster/MarkerCluster.Default.css")),
    ]
    cluster.add_to(m)

    heat = plugins.HeatMap([], name=_("Heat map"), show=False, radius=20, blur=15, max_zoom=17)
    heat._id = "review"
    heat.default_js = [("leaflet_heat", _vendor("leaflet.heat/leaflet-heat.js"))]
    heat.add_to(m)

    folium.LayerControl(collapsed=False).add_to(m)

    root = m.get_root()
    root.render()
    js_urls: list[str] = []
    css_urls: list[str] = []
    for element in _walk(m):
        for _name, url in getattr(element, "default_js", []):
            if url not in js_urls:
                js_urls.append(url)
        for _name, url in getattr(element, "default_css", []):
            if url not in css_urls:
                css_urls.append(url)
    return MapParts(
        script=root.script.render(),
        js_urls=js_urls,
        css_urls=css_urls,
    )
