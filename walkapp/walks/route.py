"""A walk's planned route and stops as GeoJSON: checked on the way in, read for maps and the PDF."""

import json
import math
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from walkapp.errors import DomainError

MAX_ROUTE_POINTS = 500
MAX_STOPS = 30
MAX_STOP_NAME = 80
# A route is typed or clicked by a person: anything bigger than this is not a drawn route.
MAX_ROUTE_BYTES = 100_000
# Six decimals are about 10 cm: enough for a walk, and the stored text stays small.
DECIMALS = 6


class InvalidRoute(DomainError):
    status_code = 422


@dataclass(frozen=True)
class Stop:
    name: str
    lat: float
    lon: float


def _position(value) -> list[float]:
    """[lon, lat] in WGS84 (an altitude, if any, is dropped)."""
    if not isinstance(value, list | tuple) or len(value) < 2:
        raise InvalidRoute(_l("A position must be a pair of numbers: longitude, latitude."))
    lon, lat = value[0], value[1]
    for number in (lon, lat):
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise InvalidRoute(_l("A position must be a pair of numbers: longitude, latitude."))
        if not math.isfinite(number):
            raise InvalidRoute(_l("A position must be a pair of numbers: longitude, latitude."))
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise InvalidRoute(
            _l("A position is outside the map: latitude -90 to 90, longitude -180 to 180.")
        )
    return [round(float(lon), DECIMALS), round(float(lat), DECIMALS)]


def parse_route(raw: str | dict | None) -> dict:
    """The route as a clean FeatureCollection (one LineString, named Points), or InvalidRoute.

    What is stored is rebuilt from the checked values only: no other property of the sent
    GeoJSON is kept, so nothing unexpected reaches the maps or the protocol.
    """
    if isinstance(raw, str):
        if len(raw.encode()) > MAX_ROUTE_BYTES:
            raise InvalidRoute(_l("The route is too large to be a drawn route."))
        try:
            raw = json.loads(raw) if raw.strip() else None
        except ValueError:
            raise InvalidRoute(_l("The route is not valid GeoJSON.")) from None
    if raw is None:
        return {"type": "FeatureCollection", "features": []}
    if not isinstance(raw, dict) or raw.get("type") != "FeatureCollection":
        raise InvalidRoute(_l("The route must be a GeoJSON FeatureCollection."))
    features = raw.get("features")
    if not isinstance(features, list):
        raise InvalidRoute(_l("The route is not valid GeoJSON."))
    line: list[list[float]] | None = None
    stops: list[dict] = []
    for feature in features:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise InvalidRoute(_l("The route is not valid GeoJSON."))
        geometry = feature.get("geometry")
        properties = feature.get("properties") or {}
        if not isinstance(geometry, dict) or not isinstance(properties, dict):
            raise InvalidRoute(_l("The route is not valid GeoJSON."))
        kind = geometry.get("type")
        coordinates = geometry.get("coordinates")
        if kind == "LineString":
            if line is not None:
                raise InvalidRoute(_l("A walk has one route line."))
            if not isinstance(coordinates, list) or len(coordinates) < 2:
                raise InvalidRoute(_l("The route line needs at least two points."))
            if len(coordinates) > MAX_ROUTE_POINTS:
                raise InvalidRoute(_l("The route has more than %(n)d points.", n=MAX_ROUTE_POINTS))
            line = [_position(position) for position in coordinates]
        elif kind == "Point":
            name = properties.get("name")
            if not isinstance(name, str) or not name.strip():
                raise InvalidRoute(_l("Every stop needs a name."))
            if len(name.strip()) > MAX_STOP_NAME:
                raise InvalidRoute(
                    _l("A stop's name is longer than %(n)d characters.", n=MAX_STOP_NAME)
                )
            stops.append(
                {
                    "type": "Feature",
                    "properties": {"kind": "stop", "name": name.strip()},
                    "geometry": {"type": "Point", "coordinates": _position(coordinates)},
                }
            )
            if len(stops) > MAX_STOPS:
                raise InvalidRoute(_l("A walk has at most %(n)d stops.", n=MAX_STOPS))
        else:
            raise InvalidRoute(_l("The route holds a line and points, nothing else."))
    clean = []
    if line is not None:
        clean.append(
            {
                "type": "Feature",
                "properties": {"kind": "route"},
                "geometry": {"type": "LineString", "coordinates": line},
            }
        )
    return {"type": "FeatureCollection", "features": clean + stops}


def stored_route(route_geojson: str | None) -> dict | None:
    """The stored route as a FeatureCollection; an older bare LineString or Feature is wrapped."""
    try:
        data = json.loads(route_geojson or "null")
    except ValueError:
        return None
    if isinstance(data, dict) and data.get("type") in ("LineString", "Point"):
        data = {"type": "Feature", "properties": {}, "geometry": data}
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    try:
        route = parse_route(data)
    except InvalidRoute:
        return None
    return route if route["features"] else None


def route_line(route_geojson: str | None) -> list[tuple[float, float]]:
    """The planned route's (lat, lon), in walking order."""
    for feature in (stored_route(route_geojson) or {}).get("features", []):
        if feature["geometry"]["type"] == "LineString":
            return [(lat, lon) for lon, lat in feature["geometry"]["coordinates"]]
    return []


def route_stops(route_geojson: str | None) -> list[Stop]:
    """The planned stops, in order."""
    return [
        Stop(feature["properties"]["name"], *reversed(feature["geometry"]["coordinates"]))
        for feature in (stored_route(route_geojson) or {}).get("features", [])
        if feature["geometry"]["type"] == "Point"
    ]


def simplify(points: list[tuple[float, float]], tolerance_m: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on (lat, lon): the line's shape with far fewer points."""
    if len(points) < 3:
        return list(points)
    mid_lat = math.radians(sum(p[0] for p in points) / len(points))
    xy = [(lon * 111_320 * math.cos(mid_lat), lat * 111_320) for lat, lon in points]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = xy[first], xy[last]
        length = math.hypot(x2 - x1, y2 - y1)
        far, index = 0.0, None
        for i in range(first + 1, last):
            x, y = xy[i]
            if length == 0:
                distance = math.hypot(x - x1, y - y1)
            else:
                distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            if distance > far:
                far, index = distance, i
        if index is not None and far > tolerance_m:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]
