"""Where a walk happens, as points: what the phone's stored map must cover."""

import json

from sqlalchemy import select

from walkapp.observations.models import Observation
from walkapp.walks.models import Walk


def _route_points(route_geojson: str | None) -> list[tuple[float, float]]:
    """The (lat, lon) of every position in the walk's planned route, whatever its geometry."""
    if not route_geojson:
        return []
    try:
        data = json.loads(route_geojson)
    except ValueError:
        return []
    points: list[tuple[float, float]] = []

    def walk_coordinates(value) -> None:
        if isinstance(value, dict):
            for key in ("features", "geometry", "geometries", "coordinates"):
                if key in value:
                    walk_coordinates(value[key])
        elif isinstance(value, list):
            if len(value) >= 2 and all(isinstance(v, int | float) for v in value[:2]):
                lon, lat = value[0], value[1]
                if -90 <= lat <= 90 and -180 <= lon <= 180:
                    points.append((float(lat), float(lon)))
            else:
                for item in value:
                    walk_coordinates(item)

    walk_coordinates(data)
    return points


def walk_area_points(db, walk: Walk) -> list[tuple[float, float]]:
    """The walk's centre (its locality's, else its municipality's), route and observations.

    Only for the size of the stored map: the points themselves never leave the server.
    """
    centre = walk.locality or walk.municipality
    points = [(centre.center_lat, centre.center_lon)]
    points += _route_points(walk.route_geojson)
    points += [
        (lat, lon)
        for lat, lon in db.execute(
            select(Observation.lat, Observation.lon).where(Observation.walk_id == walk.id)
        ).all()
    ]
    return points
